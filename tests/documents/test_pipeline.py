"""The PDF pipeline shared by every document: fonts, subsetting, QR images and the local-only fetcher."""

import io

import pytest
import zxingcpp
from PIL import Image

from documents import pipeline, qr
from documents.fonts import fit_size_pt, text_em
from tests.events.badge_helpers import pdf_fonts, pdf_text


def test_weasyprint_subsets_fonts_with_harfbuzz_not_fonttools():
    # Without libharfbuzz-subset0 WeasyPrint falls back to fontTools: seconds per document with Noto CJK.
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None
    assert harfbuzz.hb_version_atleast(4, 1, 0)


def test_render_string_pdf_embeds_noto_cjk_and_keeps_the_text():
    html = f'<html lang="zh-CN"><style>body {{ font-family: {pipeline.CJK_FONT_STACK} }}</style><body>成渝地区双城经济圈'
    pdf = pipeline.html_to_pdf(html)
    assert pdf_text(pdf).strip() == "成渝地区双城经济圈"
    assert [(f["emb"], f["sub"]) for f in pdf_fonts(pdf)] == [("yes", "yes")]
    assert "Noto-Sans-CJK-SC" in pdf_fonts(pdf)[0]["name"]


def test_font_stack_is_not_escaped_inside_style():
    source = "<style>body { font-family: {{ CJK_FONT_STACK }} }</style>"
    assert '"Noto Sans CJK SC"' in pipeline.env.from_string(source).render()


@pytest.mark.parametrize("box_size", [1, 4])
def test_qr_png_decodes_to_its_payload(box_size, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    payload = "dazu-2023.ABCD2345.3." + "x" * 86
    image = Image.open(io.BytesIO(qr.qr_png(payload, box_size))).convert("L")
    image = image.resize(
        (image.width * 8 // box_size, image.height * 8 // box_size), Image.Resampling.NEAREST
    )
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [payload]


def test_qr_png_is_cached_on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    png = qr.qr_png("cache-me-" + str(tmp_path), 1)
    assert [p.read_bytes() for p in (tmp_path / "qr").rglob("*.png")] == [png]


def test_fetcher_refuses_external_and_foreign_files():
    fetcher = pipeline.LocalOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/x.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")


def test_fetcher_serves_qr_urls_as_png(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = pipeline.LocalOnlyFetcher().fetch(pipeline.qr_url("hello world/?&"))
    assert (response.content_type, response.read()) == ("image/png", qr.qr_png("hello world/?&", 1))


def test_fit_size_shrinks_long_text_and_keeps_short_text_at_max():
    assert fit_size_pt("王伟", width_mm=90, max_pt=36, bold=True) == 36
    long = "阿卜杜热西提·买买提明·艾合买提江·库尔班"
    size = fit_size_pt(long, width_mm=90, max_pt=36, bold=True)
    assert size < 36
    assert text_em(long, True) * size <= 90 * 72 / 25.4


def test_format_yuan_uses_wan_and_yi():
    assert (pipeline.format_yuan(1_2500_0000), pipeline.format_yuan(350_0000)) == ("1.25亿元", "350万元")


def _pages_text(pdf: bytes) -> list[str]:
    return ["".join(page.split()) for page in pdf_text(pdf).split("\f")[:-1]]


def test_margin_boxes_with_content_are_still_printed():
    html = (
        '<html lang="zh-CN"><style>@page { size: A6; margin: 15mm; '
        '@bottom-center { content: counter(page) " / " counter(pages) } }'
        f"body {{ font-family: {pipeline.CJK_FONT_STACK} }} p {{ page-break-after: always }}</style>"
        "<body><p>甲</p><p>乙</p></body></html>"
    )
    assert _pages_text(pipeline.html_to_pdf(html)) == ["甲1/2", "乙2/2"]


def test_strict_document_that_is_not_xml_is_parsed_as_html():
    html = f'<html lang="zh-CN"><style>body {{ font-family: {pipeline.CJK_FONT_STACK} }}</style><body>成渝<br>地区'
    assert _pages_text(pipeline.html_to_pdf(html, strict=True)) == ["成渝地区"]
