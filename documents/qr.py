"""QR codes from `qrcode`: SVG for pages, PNG for print (WeasyPrint draws a small PNG far faster than a
large SVG path). Encodings are cached per payload: a ticket's code never changes for its version."""

import base64
import io
from functools import lru_cache

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M


@lru_cache(maxsize=4096)
def qr_svg(data: str) -> str:
    qr = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=2, image_factory=qrcode.image.svg.SvgPathImage
    )
    qr.add_data(data)
    qr.make(fit=True)
    svg = qr.make_image().to_string(encoding="unicode")
    return svg


@lru_cache(maxsize=20000)
def qr_png(data: str, box_size: int = 4) -> bytes:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, box_size=box_size)
    qr.add_data(data)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image().save(buf, format="PNG")
    return buf.getvalue()


def qr_png_data_uri(data: str, box_size: int = 4) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(data, box_size)).decode()
