"""The one PDF pipeline: Jinja2 (autoescape, StrictUndefined) -> HTML -> WeasyPrint -> PDF bytes.

Services build plain dicts; templates in templates/documents/ do no queries. WeasyPrint may only fetch the
project's own assets (static/, templates/documents/) and data: URIs; anything else is refused.

Speed (bench/badges.py, bench/README.md "Badges"): WeasyPrint's cost is per box, so for long runs of alike
pages the pipeline offers
- `strict=True`: the template is well-formed XHTML that styles every element it uses; it is parsed by
  expat (C) instead of tinyhtml5 (pure Python) and cascaded against a ten-line user-agent stylesheet
  instead of WeasyPrint's HTML5 one (whose attribute selectors are tested against every element);
  a document expat refuses is parsed as HTML, as usual;
- stamps: the part of a page that many pages share (a badge's title, stripes, category band) is laid out
  once, on a "stamp" page at the start of the document, and drawn on each page that uses it as one PDF
  form XObject (documents.assembly, with pikepdf); see `render_pdf(..., page_stamps=...)`.
Strict documents, and for every document margin boxes built only when they have content and fonts
subset in one HarfBuzz pass without a copy of the whole face, are patches of WeasyPrint internals kept in
documents/weasyprint_patches.py, applied only to the WeasyPrint they were written for; on any other
WeasyPrint a strict document is parsed as ordinary HTML. Nothing else here touches WeasyPrint internals.
"""

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from django.conf import settings
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import assembly, qr, weasyprint_patches
from .qr import qr_png, qr_png_data_uri, qr_svg

weasyprint_patches.apply()  # speed-ups for the pinned WeasyPrint only; see that module

# `qr_url(data)` in a print template names a QR code by its payload; the fetcher below encodes (or takes
# from the cache) the PNG when WeasyPrint asks for it. A long data: URI per badge costs more to parse
# (tinyhtml5 is pure Python) than the image costs to draw.
QR_SCHEME = "huiwu-qr:"

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
ALLOWED_ROOTS = (TEMPLATES_DIR.resolve(), STATIC_DIR.resolve())

# Noto CJK from Debian's fonts-noto-cjk; templates name it with lang="zh-CN". Noto covers the BMP's
# ideographs (URO and Extension A) but none beyond: names with rare characters (生僻字 such as 𠀀 U+20000,
# 𪚥 U+2A6A5, in CJK Extensions B-F) would print as empty boxes. Hanazono (Debian's fonts-hanazono)
# follows: HanaMinB holds Extensions B and later, HanaMinA the rest of the BMP. A Mincho (serif) face, so
# such a character looks a little different from its sans neighbours, but it is the right character.
# Pango only opens these files for a character Noto lacks: other documents are unchanged.
RARE_HAN_FONTS = '"HanaMinB", "HanaMinA"'
CJK_FONT_STACK = f'"Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK", {RARE_HAN_FONTS}, sans-serif'
CJK_SERIF_STACK = f'"Noto Serif CJK SC", "Noto Serif SC", "Noto Serif CJK", {RARE_HAN_FONTS}, serif'


def format_yuan(amount, unit: str = "auto") -> str:
    """Print an amount in yuan as 万元 or 亿元 (the units Chinese ceremony documents use)."""

    value = Decimal(amount)
    if unit == "auto":
        unit = "亿元" if abs(value) >= Decimal("100000000") else "万元"
    divisor = Decimal("100000000") if unit == "亿元" else Decimal("10000")
    shown = (value / divisor).quantize(Decimal("0.01")).normalize()
    text = f"{shown:f}"
    return f"{text}{unit}"


def qr_url(data: str, box_size: int = 1) -> str:
    return f"{QR_SCHEME}{box_size}:{quote(data, safe='')}"


def _globals() -> dict:
    return {
        # Markup: the stacks hold quotes, which autoescape would turn into &#34; inside <style>.
        "CJK_FONT_STACK": Markup(CJK_FONT_STACK),
        "CJK_SERIF_STACK": Markup(CJK_SERIF_STACK),
        "qr_svg": qr_svg,
        "qr_png": qr_png_data_uri,
        "qr_url": qr_url,
    }


env = Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=select_autoescape(["html", "xml"], default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals.update(_globals())
env.filters["yuan"] = format_yuan

# Templates an organiser can edit run sandboxed: no attribute access to internals, no imports.
sandbox = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
sandbox.filters["yuan"] = format_yuan


class LocalOnlyFetcher(URLFetcher):
    """Serves data: URIs and files under the project's static/ and templates/; refuses the rest."""

    def fetch(self, url, headers=None):
        if url.startswith(QR_SCHEME):
            box_size, _, data = url[len(QR_SCHEME) :].partition(":")
            png = qr_png(unquote(data), int(box_size))
            return URLFetcherResponse(url, png, {"Content-Type": "image/png"})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"Documents may not load external resources: {url}")
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(root) for root in ALLOWED_ROOTS):
            raise ValueError(f"Documents may only load the project's own assets: {url}")
        return super().fetch(url, headers)


_font_config = None


def font_config() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def render_html(template_name: str, context: dict) -> str:
    return env.get_template(template_name).render(**context)


def render_string(source: str, context: dict) -> str:
    """Render an organiser-editable template in the sandbox."""
    return sandbox.from_string(source).render(**context)


def _document(html: str, *, strict: bool) -> HTML:
    base_url = str(TEMPLATES_DIR / "documents") + "/"
    if strict and weasyprint_patches.active("strict"):
        try:
            root = ET.fromstring(html)
        except ET.ParseError:
            pass  # not well-formed (e.g. a control character in a name): parse it as HTML
        else:
            return weasyprint_patches.StrictHTML(root, base_url=base_url, url_fetcher=LocalOnlyFetcher())
    return HTML(string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher())


# Archival records (award certificates): PDF/A-3b, which keeps every font embedded, a colour profile
# (sRGB output intent) and the XMP metadata that says so, and tagged (a structure tree: headings,
# paragraphs, images with their alternative text, in reading order) for screen readers and text reuse.
# PDF/A-3 rather than -2: it also allows attaching the award's machine-readable credential later.
ARCHIVAL = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


def html_to_pdf(
    html: str,
    *,
    stylesheets: list[str] | None = None,
    strict: bool = False,
    page_stamps: list[list[tuple[int, float, float]]] | None = None,
    page_qrs: list[list[tuple[str, float, float, float]]] | None = None,
    target=None,
    pdf_options: dict | None = None,
) -> bytes | None:
    """`html` as PDF bytes (or written to `target`, a path or file). See `render_pdf` for `strict` and
    `page_stamps`; `pdf_options`: WeasyPrint's write_pdf options (e.g. `ARCHIVAL`)."""
    css = [CSS(string=s, font_config=font_config()) for s in (stylesheets or [])]
    document = _document(html, strict=strict).render(stylesheets=css, font_config=font_config())
    if page_stamps is None:
        return document.write_pdf(target, **(pdf_options or {}))
    return assembly.stamped(document.write_pdf(**(pdf_options or {})), page_stamps, target, page_qrs=page_qrs)


def render_pdf(
    template_name: str,
    context: dict,
    *,
    strict: bool = False,
    page_stamps: list[list[tuple[int, float, float]]] | None = None,
    page_qrs: list[list[tuple[str, float, float, float]]] | None = None,
    pdf_options: dict | None = None,
) -> bytes:
    """Render templates/<template_name> with `context` (plain data) to PDF bytes.

    strict: the template is well-formed XHTML (self-closed void elements, no `<` or `&` in <style>)
    and styles every element it uses (see STRICT_UA).
    page_stamps: the document's first pages are stamps, followed by one page per item of
    `page_stamps`, each a list of (stamp number, x mm, y mm): the stamp pages are not output, and
    each is drawn (its top-left corner at x, y) under the pages that name it. Raises RuntimeError if
    the layout does not give exactly that many pages.
    page_qrs: with page_stamps, per stamped page a list of (payload, x mm, y mm, size mm): QR codes
    drawn over the page as inline 1-bit image masks (quiet zone included in `size`): no image to lay out.
    pdf_options: WeasyPrint's write_pdf options, e.g. `ARCHIVAL` (PDF/A-3b, tagged)."""
    return html_to_pdf(
        render_html(template_name, context),
        strict=strict,
        page_stamps=page_stamps,
        page_qrs=page_qrs,
        pdf_options=pdf_options,
    )


def render_pdf_file(
    template_name: str,
    context: dict,
    out: str,
    *,
    strict: bool = False,
    page_stamps: list[list[tuple[int, float, float]]] | None = None,
    page_qrs: list[list[tuple[str, float, float, float]]] | None = None,
    media_root: str | None = None,
) -> None:
    """render_pdf, written to the file `out`: the job of a render process (documents.workers), which
    gets only plain data and `media_root` (for the QR cache) from its parent."""
    if media_root is not None:
        qr.CACHE_ROOT = Path(media_root)
    html = render_html(template_name, context)
    html_to_pdf(html, strict=strict, page_stamps=page_stamps, page_qrs=page_qrs, target=out)
