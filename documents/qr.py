"""QR codes from `qrcode`: SVG for pages, PNG for print (WeasyPrint draws a small PNG far faster than a
large SVG path). Encodings are cached per payload: a ticket's code never changes for its version.

Badges print PNGs of one pixel per module (`box_size=1`; the template scales them up with
`image-rendering: pixelated`, which WeasyPrint writes as an image without interpolation, so edges stay
sharp at any printer resolution). They use a fixed mask pattern: `qrcode` otherwise builds the symbol eight times to score
each mask, which is 85% of its time (about 28 ms a code here, against 3-4 ms with a fixed mask); every
mask is valid QR and decodes the same, the choice only tunes the light/dark balance.
"""

import base64
import hashlib
import io
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.image.svg
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

PRINT_MASK = 2  # horizontal-free mask (j % 3): a balanced pattern for short payloads


@lru_cache(maxsize=4096)
def qr_svg(data: str) -> str:
    qr = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=2, image_factory=qrcode.image.svg.SvgPathImage
    )
    qr.add_data(data)
    qr.make(fit=True)
    svg = qr.make_image().to_string(encoding="unicode")
    return svg


def qr_modules(data: str, *, mask: int | None = PRINT_MASK) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=mask)
    qr.add_data(data)
    qr.make(fit=True)
    return qr.modules


def modules_to_png(modules: list[list[bool]], *, border: int = 2, box_size: int = 1) -> bytes:
    """A 1-bit PNG of the modules with a quiet zone of `border` modules."""
    n = len(modules)
    size = n + 2 * border
    # Build the bitmap row by row as bytes ("L" mode: 0 black, 255 white), then convert to 1-bit.
    white_row = b"\xff" * size
    pad = b"\xff" * border
    rows = [white_row] * border
    for row in modules:
        rows.append(pad + bytes(0 if v else 255 for v in row) + pad)
    rows += [white_row] * border
    image = Image.frombytes("L", (size, size), b"".join(rows)).convert("1")
    if box_size > 1:
        image = image.resize((size * box_size, size * box_size), Image.Resampling.NEAREST)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _disk_cache_dir() -> Path | None:
    try:
        from django.conf import settings

        return Path(settings.MEDIA_ROOT) / "qr"
    except Exception:  # settings not configured (a bare script): memory cache only
        return None


@lru_cache(maxsize=20000)
def qr_png(data: str, box_size: int = 4) -> bytes:
    """PNG bytes of `data`'s QR code, cached in memory and on disk (MEDIA_ROOT/qr/) so that a reprint
    of a ticket whose version has not changed never encodes it again."""
    cache_dir = _disk_cache_dir()
    path = None
    if cache_dir is not None:
        digest = hashlib.sha256(f"{box_size}:{data}".encode()).hexdigest()
        path = cache_dir / digest[:2] / f"{digest}.png"
        try:
            return path.read_bytes()
        except OSError:
            pass
    png = modules_to_png(qr_modules(data), box_size=box_size)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{id(png)}.tmp")
            tmp.write_bytes(png)
            tmp.replace(path)
        except OSError:
            pass  # a read-only media directory only costs the re-encoding
    return png


def qr_png_data_uri(data: str, box_size: int = 4) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(data, box_size)).decode()
