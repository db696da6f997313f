"""Stamps and merging (documents.assembly, pikepdf): read back by pdftotext, pdffonts, pdftoppm and pypdf,
none of which wrote the file."""

import io

import pytest
from pypdf import PdfReader

from documents import assembly, pipeline
from tests.events.badge_helpers import page_image, pdf_fonts, pdf_text

STAMPED = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8" /><title>会务</title><style>
@page { size: 100mm 50mm; margin: 0 }
html { font-family: "Noto Sans CJK SC" } body { margin: 0 }
.page { height: 50mm; page-break-after: always; }
.page:last-child { page-break-after: auto; }
.stamp { height: 10mm; background: #9b1c1c; color: #fff; }
.own { padding-top: 20mm; }
</style></head><body>
<div class="page"><div class="stamp">会议名称</div></div>
<div class="page"><div class="stamp">工作人员</div></div>
<div class="page own">王伟</div><div class="page own">李娜</div><div class="page own">张磊</div>
</body></html>"""
RED, WHITE = (155, 28, 28), (255, 255, 255)


def _pages_text(pdf: bytes) -> list[str]:
    return ["".join(page.split()) for page in pdf_text(pdf).split("\f")[:-1]]


def _page_image(pdf: bytes, page: int):
    """The page rendered at 1 pixel per mm (RGB)."""
    return page_image(pdf, page, 25.4).convert("RGB")


@pytest.mark.parametrize("strict", [True, False])
def test_stamp_pages_are_drawn_under_the_pages_that_name_them_and_not_output(strict):
    pdf = pipeline.html_to_pdf(STAMPED, strict=strict, page_stamps=[[(0, 0, 0)], [(1, 0, 0)], [(0, 0, 0)]])
    assert _pages_text(pdf) == ["会议名称王伟", "工作人员李娜", "会议名称张磊"]
    image = _page_image(pdf, 1)
    assert (image.getpixel((50, 5)), image.getpixel((50, 45))) == (RED, WHITE)


def test_each_stamp_is_one_form_shared_by_its_pages_outside_its_own_resources():
    pdf = pipeline.html_to_pdf(STAMPED, strict=True, page_stamps=[[(0, 0, 0)], [(1, 0, 0)], [(0, 0, 0)]])
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    forms = [
        {
            name: ref.idnum
            for name, ref in page["/Resources"]["/XObject"].items()
            if name.startswith("/HuiwuStamp")
        }
        for page in reader.pages
    ]
    assert forms[0] == forms[1] == forms[2] and len(set(forms[0].values())) == 2
    for idnum in forms[0].values():
        form = reader.get_object(idnum)
        assert form["/Subtype"] == "/Form"
        assert not any(n.startswith("/HuiwuStamp") for n in form["/Resources"].get("/XObject", {}))


def test_stamp_offsets_are_in_mm_from_the_top_left_corner():
    pdf = pipeline.html_to_pdf(STAMPED, strict=True, page_stamps=[[(0, 50, 30)], [], []])
    image = _page_image(pdf, 1)
    assert (image.getpixel((25, 5)), image.getpixel((75, 35))) == (WHITE, RED)
    assert _pages_text(pdf)[1:] == ["李娜", "张磊"]


@pytest.mark.parametrize("page_stamps", [[[(0, 0, 0)]] * 6, [[(2, 0, 0)]] * 3, [[(-1, 0, 0)]] * 3])
def test_stamped_document_with_an_unexpected_page_count_or_stamp_fails(page_stamps):
    with pytest.raises(RuntimeError):
        pipeline.html_to_pdf(STAMPED, page_stamps=page_stamps)


def _part(tmp_path, name: str, pages: list[str], stamps: bool = False) -> str:
    html = (
        f'<html lang="zh-CN"><title>会务</title><style>@page {{ size: 100mm 50mm; margin: 0 }}'
        f"body {{ margin: 0; font-family: {pipeline.CJK_FONT_STACK} }} .stamp {{ height: 10mm; background: #9b1c1c }}"
        "p { margin: 0; padding-top: 20mm; page-break-after: always } p:last-child { page-break-after: auto }"
        "</style><body>"
        + ('<p class="stamp"></p>' if stamps else "")
        + "".join(f"<p>{text}</p>" for text in pages)
    )
    path = str(tmp_path / name)
    pipeline.html_to_pdf(html, target=path, page_stamps=[[(0, 0, 0)]] * len(pages) if stamps else None)
    return path


def test_merge_keeps_every_page_in_order_with_its_fonts_title_and_language(tmp_path):
    parts = [_part(tmp_path, "a.pdf", ["甲一", "甲二"]), _part(tmp_path, "b.pdf", ["乙一 <b>粗</b>"])]
    assembly.merge(parts, tmp_path / "all.pdf")
    pdf = (tmp_path / "all.pdf").read_bytes()
    reader = PdfReader(tmp_path / "all.pdf", strict=True)
    assert (len(reader.pages), reader.metadata.title, reader.trailer["/Root"]["/Lang"]) == (
        3,
        "会务",
        "zh-CN",
    )
    assert _pages_text(pdf) == ["甲一", "甲二", "乙一粗"]
    assert [(f["emb"], f["sub"]) for f in pdf_fonts(pdf)] == [("yes", "yes")] * 3  # regular, regular, bold


def test_merged_stamped_parts_keep_their_stamps(tmp_path):
    parts = [_part(tmp_path, f"{i}.pdf", [f"第{i}页"], stamps=True) for i in (1, 2, 3)]
    assembly.merge(parts, tmp_path / "all.pdf")
    pdf = (tmp_path / "all.pdf").read_bytes()
    assert _pages_text(pdf) == ["第1页", "第2页", "第3页"]
    assert [_page_image(pdf, page).getpixel((50, 5)) for page in (1, 2, 3)] == [RED] * 3


def test_qr_codes_are_painted_where_asked_upright_on_each_page():
    # A QR code 30 mm across, its top-left corner 60 mm right of and 12 mm below the page's top-left corner,
    # on the first and third pages only (the second has none).
    import zxingcpp

    page_qrs = [[("huiwu-qr-one", 60, 12, 30)], [], [("huiwu-qr-three", 60, 12, 30)]]
    pdf = pipeline.html_to_pdf(
        STAMPED, strict=True, page_stamps=[[(0, 0, 0)], [(1, 0, 0)], [(0, 0, 0)]], page_qrs=page_qrs
    )
    dpi = 200
    found = []
    for page in (1, 2, 3):
        codes = zxingcpp.read_barcodes(page_image(pdf, page, dpi), formats=zxingcpp.BarcodeFormat.QRCode)
        found.append([c.text for c in codes])
        if codes:
            corner = codes[0].position.top_left  # the finder pattern's corner: inside the 2-module quiet zone
            assert (round(corner.x * 25.4 / dpi), round(corner.y * 25.4 / dpi)) in {(61, 13), (62, 14)}
            assert codes[0].orientation == 0  # upright, not turned
    assert found == [["huiwu-qr-one"], [], ["huiwu-qr-three"]]
    assert _pages_text(pdf) == ["会议名称王伟", "工作人员李娜", "会议名称张磊"]  # the pages' own text stays
