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
  form XObject; see `render_pdf(..., page_stamps=...)`.
Every document, by three small patches of WeasyPrint internals, applied only to the version they were
checked against (70.x; tests/documents/test_pipeline.py guards each): margin boxes (16 per page) are not
built when no @page rule gives one content; the whole font file is not copied per document unless needed;
fonts are subset in one HarfBuzz pass instead of two (a byte-identical PDF).
"""

import functools
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import cssselect2
import weasyprint
import weasyprint.layout as _wp_layout
import weasyprint.pdf.fonts as _wp_fonts
from django.conf import settings
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import qr
from .qr import qr_png, qr_png_data_uri, qr_svg

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
    from decimal import Decimal

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


# --- margin boxes --------------------------------------------------------------------------------
# WeasyPrint builds, styles and sizes all 16 margin boxes of every page, then drops the empty ones
# (about 3 ms a page). A page whose margin boxes all have no content generates none, so skip them.
_MARGIN_KEYWORDS = tuple(
    [f"@{side}-{where}" for side in ("top", "bottom") for where in ("left", "center", "right")]
    + [f"@{side}-{where}" for side in ("left", "right") for where in ("top", "middle", "bottom")]
    + [f"@{v}-{h}-corner" for v in ("top", "bottom") for h in ("left", "right")]
)
_make_margin_boxes = getattr(_wp_layout, "_huiwu_original_make_margin_boxes", _wp_layout.make_margin_boxes)


def _margin_boxes_if_any(context, page, state):
    for keyword in _MARGIN_KEYWORDS:
        style = context.style_for(page.page_type, keyword)
        if style is not None and style["content"] not in ("normal", "inhibit", "none"):
            return _make_margin_boxes(context, page, state)
    return iter(())


_PATCH = weasyprint.__version__.split(".")[0] == "70"  # the internals below were read in WeasyPrint 70.0
if _PATCH:
    _wp_layout._huiwu_original_make_margin_boxes = _make_margin_boxes
    _wp_layout.make_margin_boxes = _margin_boxes_if_any  # weasyprint.layout.layout_document calls it


# --- font files ----------------------------------------------------------------------------------
# WeasyPrint's Font copies the whole font file into a bytes object when a document first uses a face
# (Noto Sans CJK: 20 MB a weight, 40 MB and 15 ms a badge document), then subsets from HarfBuzz's face
# and replaces the copy with the subset. The copy is read only if subsetting fails or is off: make it
# lazy. Only the call made by Font.__init__ itself is deferred; any other caller gets the bytes.
_get_hb_object_data = getattr(_wp_fonts, "_huiwu_original_get_hb_object_data", _wp_fonts.get_hb_object_data)
_DEFERRED = object()


def _font_data_deferred(hb_object, ot_color=None, glyph=None):
    caller = sys._getframe(1).f_code
    if ot_color is None and glyph is None and caller is _wp_fonts.Font.__init__.__code__:
        return _DEFERRED
    return _get_hb_object_data(hb_object, ot_color, glyph)


def _file_content(font):
    data = font.__dict__.get("_huiwu_file_content")
    if data is _DEFERRED:
        data = font.__dict__["_huiwu_file_content"] = _get_hb_object_data(font.hb_face)
    return data


def _set_file_content(font, data):
    font.__dict__["_huiwu_file_content"] = data


if _PATCH:
    _wp_fonts._huiwu_original_get_hb_object_data = _get_hb_object_data
    _wp_fonts.get_hb_object_data = _font_data_deferred
    _wp_fonts.Font.file_content = property(_file_content, _set_file_content)


# --- font subsetting ------------------------------------------------------------------------------
# WeasyPrint subsets each face twice with HarfBuzz: once keeping glyph ids (RETAIN_GIDS), then again
# keeping glyphs 0..max used id and dropping hints, "to drop empty glyphs after the last one used". With
# HarfBuzz >= 4.1 the first pass already ends at the last used glyph (same glyph count, checked with
# fontTools), so the second pass only drops hints: 6-28 ms a face (Noto CJK's Latin glyphs have ids near
# 63,000), a third of a one-badge document. One pass with all the flags gives the same font.
def _harfbuzz_subset_once(self, to_unicode, hinting):
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

    hb_subset = ffi.gc(
        harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy
    )
    if hb_subset != ffi.NULL:
        glyphs = sorted(to_unicode)
        gid_set = harfbuzz_subset.hb_subset_input_glyph_set(hb_subset)
        harfbuzz.hb_set_add_sorted_array(gid_set, ffi.new("hb_codepoint_t[]", glyphs), len(glyphs))
        flags = (
            harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS
            | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
            | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
        )
        if not hinting:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
        if self.missing:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        harfbuzz_subset.hb_subset_input_set_flags(hb_subset, flags)
        drop_set = harfbuzz_subset.hb_subset_input_set(
            hb_subset, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG
        )
        tags = sorted(harfbuzz.hb_tag_from_string(name, -1) for name in _DROP_TABLES)
        harfbuzz.hb_set_add_sorted_array(drop_set, ffi.new("hb_codepoint_t[]", tags), len(tags))
        hb_face = ffi.gc(harfbuzz_subset.hb_subset_or_fail(self.hb_face, hb_subset), harfbuzz.hb_face_destroy)
        if hb_face != ffi.NULL and (data := _get_hb_object_data(hb_face)):
            self.file_content = data
            return
    _harfbuzz_subset(self, to_unicode, hinting)  # WeasyPrint's own, which logs its failure


_DROP_TABLES = (
    b"BASE",
    b"DSIG",
    b"EBDT",
    b"EBLC",
    b"EBSC",
    b"GPOS",
    b"GSUB",
    b"JSTF",
    b"LTSH",
    b"PCLT",
    b"SVG ",
)
_harfbuzz_subset = getattr(_wp_fonts.Font, "_huiwu_original_harfbuzz_subset", _wp_fonts.Font._harfbuzz_subset)
if _PATCH:
    _wp_fonts.Font._huiwu_original_harfbuzz_subset = _harfbuzz_subset
    _wp_fonts.Font._harfbuzz_subset = _harfbuzz_subset_once


# --- strict documents ------------------------------------------------------------------------------
# The user-agent stylesheet of a strict document: only what the elements it may use need.
STRICT_UA = CSS(
    string="""
head, meta, title, style, script, link, template { display: none }
html, body, div, p, section, header, footer, h1, h2, h3 { display: block }
small { font-size: smaller }
b, strong, h1, h2, h3 { font-weight: bold }
"""
)


class _StrictHTML(HTML):
    """An HTML document from an element tree parsed elsewhere, with the strict user-agent stylesheet."""

    def __init__(self, root, *, base_url: str, url_fetcher):  # not super().__init__: it parses text
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [STRICT_UA]


def _document(html: str, *, strict: bool) -> HTML:
    base_url = str(TEMPLATES_DIR / "documents") + "/"
    if strict:
        try:
            root = ET.fromstring(html)
        except ET.ParseError:
            pass  # not well-formed (e.g. a control character in a name): parse it as HTML
        else:
            return _StrictHTML(root, base_url=base_url, url_fetcher=LocalOnlyFetcher())
    return HTML(string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher())


# --- stamps ----------------------------------------------------------------------------------------


def _paint_with_stamps(page, stamps, stamp_pages, forms, qrs, stream, scale=1):
    """Page.paint, drawing `stamps` [(stamp page index, x px, y px)] under the page's own boxes and the
    QR codes `qrs` [(payload, x px, y px, size px)] over them."""
    from weasyprint.draw import draw_page

    with stream.stacked():
        stream.transform(a=scale, d=scale)
        for index, x, y in stamps:
            form = forms.get(index)
            if form is None:  # first use: draw the stamp page once into a form XObject
                group = stream.add_group(*stream.page_rectangle)
                del group.extra["Group"]  # a plain form: no transparency group needed
                draw_page(stamp_pages[index]._page_box, group)
                form = forms[index] = group.id
            with stream.stacked():
                stream.transform(e=x, f=y)
                stream.draw_x_object(form)
        draw_page(page._page_box, stream)
        for data, x, y, size in qrs:
            modules, ops = qr.qr_pdf_ops(data)
            m = size / modules
            stream.stream.append(b"q 0 g %f 0 0 %f %f %f cm %s Q" % (m, m, x, y, ops))


def _stamped(
    document,
    page_stamps: list[list[tuple[int, float, float]]],
    page_qrs: list[list[tuple[str, float, float, float]]] | None = None,
):
    n_stamps = len(document.pages) - len(page_stamps)
    if n_stamps < 0 or any(i >= n_stamps for stamps in page_stamps for i, _, _ in stamps):
        raise RuntimeError(
            f"The document laid out {len(document.pages)} pages for {len(page_stamps)} stamped pages."
        )
    stamp_pages, pages = document.pages[:n_stamps], document.pages[n_stamps:]
    forms: dict[int, str] = {}  # stamp index -> XObject name, shared by every page of the PDF
    px_per_mm = 96 / 25.4
    if page_qrs is not None and len(page_qrs) != len(page_stamps):
        raise ValueError("page_qrs needs one list per stamped page")
    for number, (page, stamps) in enumerate(zip(pages, page_stamps, strict=True)):
        placed = [(i, x * px_per_mm, y * px_per_mm) for i, x, y in stamps]
        qrs = [
            (data, x * px_per_mm, y * px_per_mm, size * px_per_mm)
            for data, x, y, size in (page_qrs[number] if page_qrs is not None else ())
        ]
        page.paint = functools.partial(_paint_with_stamps, page, placed, stamp_pages, forms, qrs)
    return document.copy(pages)


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
    mergeable: bool = False,
    pdf_options: dict | None = None,
) -> bytes | None:
    """`html` as PDF bytes (or written to `target`, a path or file). See `render_pdf` for `strict` and
    `page_stamps`; `mergeable`: plain objects and a classic xref table, for `merge_pdfs`; `pdf_options`:
    WeasyPrint's write_pdf options (e.g. `ARCHIVAL`), not with `mergeable`."""
    css = [CSS(string=s, font_config=font_config()) for s in (stylesheets or [])]
    document = _document(html, strict=strict).render(stylesheets=css, font_config=font_config())
    if page_stamps is not None:
        document = _stamped(document, page_stamps, page_qrs)
    if not mergeable:
        return document.write_pdf(target, **(pdf_options or {}))
    if pdf_options:
        raise ValueError("pdf_options are not supported for mergeable parts")
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.pdf import generate_pdf

    pdf = generate_pdf(document, target, 1, **DEFAULT_OPTIONS)
    with open(target, "wb") as fh:  # streams stay deflated; only the object streams are left out
        pdf.write(fh, DEFAULT_OPTIONS["pdf_version"], DEFAULT_OPTIONS["pdf_identifier"], False)
    return None


# --- merging --------------------------------------------------------------------------------------
_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REF = re.compile(rb"(?<![\d.])(\d+) 0 R(?![\w])")
_OBJ = re.compile(rb"(\d+) 0 obj\b")


def _plain_pdf(data: bytes) -> tuple[dict[int, bytes], dict[bytes, int]]:
    """The objects (number -> text from "N 0 obj" to "endobj") and the trailer's references of a PDF
    written with `mergeable=True`; ValueError for any other layout."""
    found = _XREF.search(data)
    if not found:
        raise ValueError("no startxref")
    xref = int(found.group(1))
    head, _, rest = data[xref:].partition(b"trailer")
    lines = head.split(b"\n")
    if lines[0].strip() != b"xref" or not rest:
        raise ValueError("not a classic xref table")
    first, count = (int(x) for x in lines[1].split())
    offsets = {}
    for i, line in enumerate(lines[2 : 2 + count]):
        offset, _, kind = line.split()[:3]
        if kind == b"n":
            offsets[first + i] = int(offset)
    ends = sorted(offsets.values()) + [xref]
    end_of = dict(zip(ends, ends[1:], strict=False))
    objects = {}
    for number, offset in offsets.items():
        body = data[offset : end_of[offset]]
        match = _OBJ.match(body)
        if not match or int(match.group(1)) != number:
            raise ValueError(f"object {number} is not at its offset")
        objects[number] = body
    trailer = {key.decode(): int(num) for key, num in re.findall(rb"/(Root|Info) (\d+) 0 R", rest)}
    return objects, trailer


def _renumber(body: bytes, shift: int, number: int) -> bytes:
    head, sep, stream = body.partition(b"\nstream\n")
    head = _OBJ.sub(lambda m: b"%d 0 obj" % number, head, count=1)
    head = _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + shift), head)
    return head + sep + stream


def merge_pdfs(parts: list[str], out: str) -> None:
    """Concatenate PDFs written with `mergeable=True` (documents.pipeline) into `out`, one part in memory
    at a time: each part's objects renumbered and copied as they are (streams untouched), its page tree
    hung under a new root. Much faster than pypdf, which parses and re-serialises every object.
    Raises ValueError for a part in any other layout."""
    with open(out, "wb") as fh:
        fh.write(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")
        offsets: dict[int, int] = {}
        kids, pages_count, next_number = [], 0, 3  # 1: the root of the page tree, 2: the catalog
        catalog = info = None
        for part in parts:
            objects, trailer = _plain_pdf(Path(part).read_bytes())
            root = objects[trailer["Root"]]
            pages = int(re.search(rb"/Pages (\d+) 0 R", root).group(1))
            shift = next_number - min(objects)
            skip = {trailer["Root"]}
            if catalog is None:
                catalog = _REF.sub(
                    lambda m, pages=pages, shift=shift: (
                        b"1 0 R" if int(m.group(1)) == pages else b"%d 0 R" % (int(m.group(1)) + shift)
                    ),
                    root[root.index(b"<<") : root.rindex(b"endobj")],
                )
                info = trailer["Info"] + shift if "Info" in trailer else None
            elif "Info" in trailer:
                skip.add(trailer["Info"])  # the first part's document information stands for all
            for number in sorted(objects):
                if number in skip:
                    continue
                if number == trailer.get("Info"):  # strings only: renumber its header, not its text
                    body = _OBJ.sub(b"%d 0 obj" % (number + shift), objects[number], count=1)
                else:
                    body = _renumber(objects[number], shift, number + shift)
                if number == pages:
                    body = body.replace(b"<<", b"<</Parent 1 0 R", 1)
                    pages_count += int(re.search(rb"/Count (\d+)", body).group(1))
                    kids.append(number + shift)
                offsets[number + shift] = fh.tell()
                fh.write(body)
            next_number = max(objects) + shift + 1
        offsets[1] = fh.tell()
        fh.write(
            b"1 0 obj\n<</Type /Pages/Kids [%s]/Count %d>>\nendobj\n"
            % (b" ".join(b"%d 0 R" % k for k in kids), pages_count)
        )
        offsets[2] = fh.tell()
        fh.write(b"2 0 obj\n" + catalog + b"endobj\n")
        xref = fh.tell()
        size = max(offsets) + 1
        fh.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            fh.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
        trailer = b"/Size %d/Root 2 0 R" % size + (b"/Info %d 0 R" % info if info else b"")
        fh.write(b"trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))


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
    html_to_pdf(html, strict=strict, page_stamps=page_stamps, page_qrs=page_qrs, target=out, mergeable=True)
