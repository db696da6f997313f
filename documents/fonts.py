"""Text measurement with the same Noto CJK faces WeasyPrint embeds, so services can size a line to fit
(a badge name is one line, never wrapped mid-name) before the document is laid out.

Pillow's FreeType binding measures a string in microseconds; the font files are found through
fontconfig (`fc-match`), exactly as Pango finds them. Without them we fall back to an estimate
(CJK one em, Latin about half), which errs on the wide side. A rare character Noto lacks (CJK Extension B
and later, drawn from Hanazono: documents.pipeline.RARE_HAN_FONTS) is measured as Noto's .notdef, one em,
as wide as the Hanazono glyph that prints.
"""

import subprocess
import unicodedata
from functools import lru_cache

from PIL import ImageFont

PT_PER_MM = 72 / 25.4
_MEASURE_SIZE = 100  # measure at 100 px and scale: widths are linear in the size


@lru_cache(maxsize=4)
def _font(bold: bool):
    pattern = "Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC"
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True, timeout=5
        ).stdout
        path, index = out.split("|")
        if "CJK" not in path:
            return None
        return ImageFont.truetype(path, _MEASURE_SIZE, index=int(index or 0))
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def _estimate_em(text: str) -> float:
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            em += 1.0
        elif ch == " ":
            em += 0.25
        elif ch.isupper() or ch.isdigit():
            em += 0.66
        else:
            em += 0.56
    return em


@lru_cache(maxsize=50000)
def text_em(text: str, bold: bool = False) -> float:
    """Width of `text` in em (1 em = the font size)."""
    font = _font(bold)
    if font is None:
        return _estimate_em(text)
    return font.getlength(text) / _MEASURE_SIZE


def fit_size_pt(
    text: str, *, width_mm: float, max_pt: float, min_pt: float = 4.0, bold: bool = False, lines: int = 1
) -> float:
    """The largest font size (pt, at most `max_pt`) at which `text` fits `width_mm` on `lines` lines.

    For more than one line this is an estimate (wrapping wastes part of each line); 8% slack covers it.
    """
    em = text_em(text, bold)
    if em <= 0:
        return max_pt
    usable = width_mm * PT_PER_MM * lines * (0.92 if lines > 1 else 0.98)
    return round(max(min(max_pt, usable / em), min_pt), 1)
