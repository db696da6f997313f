"""documents/weasyprint_patches.py: the only code that touches WeasyPrint internals, and only on the
WeasyPrint it was written for. Each patch must leave the pages as WeasyPrint as shipped draws them."""

import pytest
import weasyprint
import weasyprint.layout

from documents import pipeline, weasyprint_patches
from tests.events.badge_helpers import pdf_text


def test_installed_weasyprint_is_the_one_the_patches_were_written_for():
    # A new WeasyPrint: re-read the internals each patch names (see the module), then bump PATCHED_FOR,
    # or delete the patch. Until then the patches stay off and documents render as WeasyPrint ships them.
    assert weasyprint.__version__ == weasyprint_patches.PATCHED_FOR
    assert {p for p in weasyprint_patches.PATCHES if weasyprint_patches.active(p)} == set(
        weasyprint_patches.PATCHES
    )


@pytest.fixture
def shipped():
    """Run a block with WeasyPrint as shipped, then put the patches back."""
    yield weasyprint_patches.remove
    weasyprint_patches.apply()


HTML = (
    f'<html lang="zh-CN"><style>@page {{ size: A6; margin: 10mm }} body {{ font-family: {pipeline.CJK_FONT_STACK} }}'
    "</style><body>成渝地区 Industry Design <b>嘉宾 GUEST</b><p style='page-break-before: always'>第二页</p></body></html>"
)


def test_patched_fonts_and_margins_give_the_same_pdf_as_weasyprint_as_shipped(shipped):
    ours = pipeline.html_to_pdf(HTML)
    shipped()
    assert pipeline.html_to_pdf(HTML) == ours


def test_without_the_patches_a_strict_document_is_parsed_as_html_and_reads_the_same(shipped):
    source = (
        '<?xml version="1.0"?><html lang="zh-CN"><head><meta charset="utf-8" /><style>'
        f"body {{ font-family: {pipeline.CJK_FONT_STACK} }}</style></head><body><div>王伟</div><p>李娜</p></body></html>"
    )
    ours = pdf_text(pipeline.html_to_pdf(source, strict=True)).split()
    shipped()
    assert not weasyprint_patches.active("strict")
    assert pdf_text(pipeline.html_to_pdf(source, strict=True)).split() == ours == ["王伟", "李娜"]


def test_apply_does_nothing_on_another_weasyprint(shipped, monkeypatch):  # monkeypatch undone first
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasyprint_patches.apply() == set()
    assert weasyprint.layout.make_margin_boxes is weasyprint_patches._ORIGINAL["make_margin_boxes"]
