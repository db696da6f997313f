"""QR codes: SVG for pages (`qrcode`), PNG for print (WeasyPrint draws a small PNG far faster than a
large SVG path). Encodings are cached per payload: a ticket's code never changes for its version.

Print PNGs are encoded by zxing-cpp (C++, about 0.6 ms a code with its own mask choice, against 3-4 ms
for pure-Python `qrcode` even with a fixed mask, 28 ms with its eight-mask search), falling back to
`qrcode` with a fixed mask when zxing-cpp is not installed. Badges print one pixel per module
(`box_size=1`; the template scales them up with `image-rendering: pixelated`, which WeasyPrint writes as an
image without interpolation, so edges stay sharp at any printer resolution), as 8-bit grey PNGs: a 1-bit
PNG is converted to RGB and re-encoded twice by WeasyPrint, a grey one once.
"""

import base64
import hashlib
import io
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from PIL import Image, ImageOps
from qrcode.constants import ERROR_CORRECT_M

try:
    import zxingcpp
except ImportError:  # pragma: no cover - zxing-cpp is a dependency; qrcode is the slow fallback
    zxingcpp = None

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


def qr_symbol(data: str) -> Image.Image:
    """The symbol (no quiet zone) as a grey image, one pixel per module: 0 dark, 255 light."""
    if zxingcpp is not None:
        symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        bitmap = symbol.to_image(scale=1, add_quiet_zones=False)
        height, width = bitmap.shape
        return Image.frombytes("L", (width, height), bytes(memoryview(bitmap)))
    modules = qr_modules(data)
    n = len(modules)
    return Image.frombytes("L", (n, n), b"".join(bytes(0 if v else 255 for v in row) for row in modules))


@lru_cache(maxsize=4096)
def qr_pdf_ops(data: str, *, border: int = 2) -> tuple[int, bytes]:
    """`data`'s QR code for a PDF content stream: (modules across, quiet zone included; the operators
    that paint it in a square of that many units whose top-left corner is the origin, y counted
    downwards as in a WeasyPrint page). The symbol is an inline 1-bit image mask (one bit a module, hex
    encoded: about 0.6 KB) painted in the current fill colour, scaled without interpolation: no image
    to encode, decode and re-compress, and edges stay sharp at any printer resolution."""
    symbol = qr_symbol(data)
    n = symbol.width
    bits = symbol.convert("1").tobytes()  # rows of 1 bit a module, 0 dark, padded to whole bytes
    ops = b"%d 0 0 -%d %d %d cm BI /W %d /H %d /IM true /BPC 1 /F /AHx ID %s> EI" % (
        n,
        n,
        border,
        border + n,
        n,
        n,
        bits.hex().encode(),
    )
    return n + 2 * border, ops


def _png(symbol: Image.Image, *, border: int = 2, box_size: int = 1) -> bytes:
    image = ImageOps.expand(symbol, border=border, fill=255)
    size = image.width
    if box_size > 1:
        image = image.resize((size * box_size, size * box_size), Image.Resampling.NEAREST)
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)  # WeasyPrint re-encodes it anyway
    return buf.getvalue()


CACHE_ROOT: Path | None = None  # set in render processes, whose settings are not the parent's


def _disk_cache_dir() -> Path | None:
    if CACHE_ROOT is not None:
        return CACHE_ROOT / "qr"
    try:
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
        digest = hashlib.sha256(f"grey:{box_size}:{data}".encode()).hexdigest()
        path = cache_dir / digest[:2] / f"{digest}.png"
        try:
            return path.read_bytes()
        except OSError:
            pass
    png = _png(qr_symbol(data), box_size=box_size)
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
