"""Names with rare characters (生僻字 beyond the BMP, CJK Extension B: 𠀀 U+20000, 𪚥 U+2A6A5) print as
the characters, not as Noto's empty .notdef box: read back from a rendered badge by poppler (the font it
embeds, the text) and from the page as a printer rasterises it (the glyphs' pixels)."""

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import ImageStat

from events.badges import render as badges
from tests.events.badge_helpers import page_image, pdf_fonts, pdf_text
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db

NAME = "王𠀀𪚥"  # 𠀀: a few strokes; 𪚥 (zhé): four 龍, the densest character there is
DPI = 200


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def word_box(pdf: bytes, word: str) -> tuple[float, float, float, float]:
    """The word's box in points (pdftotext -bbox)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "badge.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", path, "-"], capture_output=True, check=True
        ).stdout.decode()
    found = re.search(
        rf'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">{word}</word>', html
    )
    assert found, html
    return tuple(float(v) for v in found.groups())


def test_a_badge_prints_rare_characters_with_a_font_that_has_them():
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾", name_en="Guest")
    reg = register(edition, "guest", name=NAME, organization="重庆市大足区经济和信息化委员会").registration
    pdf = badges.render_one_badge(edition=edition, code=reg.code)

    assert NAME in pdf_text(pdf)
    fonts = [f["name"].split("+")[-1] for f in pdf_fonts(pdf)]
    assert any(name.startswith("HanaMin") for name in fonts), fonts

    # The three characters are one em each: cut the name into its three glyph cells.
    x0, y0, x1, y1 = (v * DPI / 72 for v in word_box(pdf, NAME))
    page = page_image(pdf, dpi=DPI).convert("L")
    em = (x1 - x0) / 3
    cells = [
        page.crop((round(x0 + i * em), round(y0), round(x0 + (i + 1) * em), round(y1))) for i in range(3)
    ]
    ink = [255 - ImageStat.Stat(cell).mean[0] for cell in cells]  # mean darkness of each cell
    # Two .notdef boxes would be the same picture; these are two different characters, and 𪚥 (four 龍)
    # has far more ink than 𠀀 (a few strokes).
    assert cells[1].tobytes() != cells[2].tobytes()
    assert ink[2] > 2 * ink[1] > 0, ink
