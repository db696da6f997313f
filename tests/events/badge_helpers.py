"""Reading badge PDFs back: text (pdftotext), fonts (pdffonts), pages (pypdf), QR codes (pdftoppm + zxing)."""

import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdf_fonts(pdf: bytes) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        out = subprocess.run(["pdffonts", fh.name], capture_output=True, check=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type... emb sub uni object-id gen: read the three yes/no flags from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_size_mm(pdf: bytes, index: int = 0) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[index].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)


def page_image(pdf: bytes, page: int = 1, dpi: float = 200):
    """One page rasterised by pdftoppm, as a printer would, loaded as a PIL image."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                src,
                Path(tmp) / "p",
            ],
            check=True,
        )
        image = Image.open(Path(tmp) / "p.png")
        image.load()
    return image


def decode_qr_codes(pdf: bytes, page: int = 1, dpi: int = 200) -> list[str]:
    """Rasterise one page as a printer would and read every QR code on it with zxing-cpp."""
    import zxingcpp

    image = page_image(pdf, page, dpi)
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
