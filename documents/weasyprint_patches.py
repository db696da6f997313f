"""The one place where huiwu reaches into WeasyPrint's internals: speed-ups for one WeasyPrint version.

Everything else in documents/ uses WeasyPrint's public API (HTML, CSS, FontConfiguration, URLFetcher,
Document.write_pdf). Each change below was read against WeasyPrint `PATCHED_FOR` and is applied only to
that exact version (`apply()`, called by documents.pipeline); on any other version WeasyPrint runs as
shipped (slower, same pages) and tests/documents/test_weasyprint_patches.py fails until someone re-reads
the internals named here and bumps `PATCHED_FOR`, or deletes the patch. Each is kept because it buys a
large, measured gain (bench/README.md "Badges", "WeasyPrint patches"); each is a change we offer upstream
(docs/weasyprint-upstream.md).

- `margins`: WeasyPrint builds, styles and sizes all 16 margin boxes of every page, then drops the empty
  ones. A page whose @page rules give no margin box any content gets none.
  Internal: `weasyprint.layout.make_margin_boxes` (called by `layout_document`).
- `fonts`: (a) WeasyPrint's `Font` copies the whole font file into a bytes object when a document first
  uses a face (Noto Sans CJK: 20 MB a weight) and replaces it with the subset at the end; the copy is
  read only when subsetting fails or is off, so it is made lazily. (b) WeasyPrint subsets each face twice
  with HarfBuzz; with HarfBuzz >= 4.1 the first pass already ends at the last used glyph, so the second
  only drops hints: one pass with all the flags gives the same font (a byte-identical PDF; tested).
  Internals: `weasyprint.pdf.fonts.get_hb_object_data` as that module names it (called there only by
  `Font.__init__` and `Font._harfbuzz_subset`, which (b) replaces), `Font.file_content`,
  `Font._harfbuzz_subset`.
- `strict`: `StrictHTML`, a document from an element tree parsed by expat (C) instead of tinyhtml5 (pure
  Python), cascaded against a ten-line user-agent stylesheet instead of WeasyPrint's HTML5 one (whose
  attribute selectors are tried on every element). Internals: the attributes `HTML.__init__` sets, and
  `HTML._ua_stylesheets`.
"""

import logging

import cssselect2
import weasyprint
import weasyprint.layout as _wp_layout
import weasyprint.pdf.fonts as _wp_fonts
from weasyprint import CSS, HTML

PATCHED_FOR = "70.0"
PATCHES = ("margins", "fonts", "strict")
logger = logging.getLogger(__name__)

_ORIGINAL = {
    "make_margin_boxes": _wp_layout.make_margin_boxes,
    "get_hb_object_data": _wp_fonts.get_hb_object_data,
    "file_content": _wp_fonts.Font.__dict__.get("file_content"),
    "_harfbuzz_subset": _wp_fonts.Font._harfbuzz_subset,
}
_applied: set[str] = set()


def fits() -> bool:
    """Whether the installed WeasyPrint is the one these patches were written for."""
    return weasyprint.__version__ == PATCHED_FOR


def active(name: str) -> bool:
    return name in _applied


# --- margins -------------------------------------------------------------------------------------
_MARGIN_KEYWORDS = tuple(
    [f"@{side}-{where}" for side in ("top", "bottom") for where in ("left", "center", "right")]
    + [f"@{side}-{where}" for side in ("left", "right") for where in ("top", "middle", "bottom")]
    + [f"@{v}-{h}-corner" for v in ("top", "bottom") for h in ("left", "right")]
)


def _margin_boxes_if_any(context, page, state):
    for keyword in _MARGIN_KEYWORDS:
        style = context.style_for(page.page_type, keyword)
        if style is not None and style["content"] not in ("normal", "inhibit", "none"):
            return _ORIGINAL["make_margin_boxes"](context, page, state)
    return iter(())


# --- fonts ---------------------------------------------------------------------------------------
_DEFERRED = object()


def _font_data_deferred(hb_object, ot_color=None, glyph=None):
    # In weasyprint.pdf.fonts only Font.__init__ (the whole face: deferred) and Font._harfbuzz_subset
    # (replaced below) call this name.
    if ot_color is None and glyph is None:
        return _DEFERRED
    return _ORIGINAL["get_hb_object_data"](hb_object, ot_color, glyph)


def _file_content(font):
    data = font.__dict__.get("_huiwu_file_content")
    if data is _DEFERRED:
        data = font.__dict__["_huiwu_file_content"] = _ORIGINAL["get_hb_object_data"](font.hb_face)
    return data


def _set_file_content(font, data):
    font.__dict__["_huiwu_file_content"] = data


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


def _harfbuzz_subset_once(self, to_unicode, hinting):
    # WeasyPrint's internals, loaded only when the patches are applied (PATCHED_FOR only)
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
        if hb_face != ffi.NULL and (data := _ORIGINAL["get_hb_object_data"](hb_face)):
            self.file_content = data
            return
    # As WeasyPrint does when HarfBuzz cannot subset: say so and embed the whole face.
    logger.warning('Unable to subset "%s" with HarfBuzz', self.family)


# --- strict documents ----------------------------------------------------------------------------
# The user-agent stylesheet of a strict document: only what the elements it may use need.
STRICT_UA = CSS(
    string="""
head, meta, title, style, script, link, template { display: none }
html, body, div, p, section, header, footer, h1, h2, h3 { display: block }
small { font-size: smaller }
b, strong, h1, h2, h3 { font-weight: bold }
"""
)


class StrictHTML(HTML):
    """An HTML document from an element tree parsed elsewhere, with the strict user-agent stylesheet."""

    def __init__(self, root, *, base_url: str, url_fetcher):  # not super().__init__: it parses text
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [STRICT_UA]


# --- switching -------------------------------------------------------------------------------------


def apply(names=PATCHES) -> set[str]:
    """Apply the named patches if WeasyPrint is `PATCHED_FOR` (and undo the others); returns those on."""
    remove()
    if not fits():
        logger.info(
            "WeasyPrint %s is not %s: its internals are left alone", weasyprint.__version__, PATCHED_FOR
        )
        return set()
    if "margins" in names:
        _wp_layout.make_margin_boxes = _margin_boxes_if_any
    if "fonts" in names:
        _wp_fonts.get_hb_object_data = _font_data_deferred
        _wp_fonts.Font.file_content = property(_file_content, _set_file_content)
        _wp_fonts.Font._harfbuzz_subset = _harfbuzz_subset_once
    _applied.update(set(names) & set(PATCHES))
    return set(_applied)


def remove() -> None:
    """WeasyPrint as shipped (the benchmark and tests compare)."""
    _wp_layout.make_margin_boxes = _ORIGINAL["make_margin_boxes"]
    _wp_fonts.get_hb_object_data = _ORIGINAL["get_hb_object_data"]
    if _ORIGINAL["file_content"] is not None:
        _wp_fonts.Font.file_content = _ORIGINAL["file_content"]
    elif "file_content" in _wp_fonts.Font.__dict__:
        del _wp_fonts.Font.file_content
    _wp_fonts.Font._harfbuzz_subset = _ORIGINAL["_harfbuzz_subset"]
    _applied.clear()
