"""Putting rendered pages together, with pikepdf (qpdf) and its public API only: stamps drawn under pages
as shared form XObjects, and part files concatenated into one PDF.

A stamp is a page laid out once (a badge's title, stripe and category band; a letter's text) and drawn
under every page that names it. The stamp pages come first in the document WeasyPrint writes; each becomes
one form XObject (`Page.as_form_xobject`), placed under its pages by a four-operator content stream
(`Page.contents_add(..., prepend=True)`) and named in their resources (`Page.add_resource`), and the stamp
pages are dropped. A page carries a reference to the form, not a copy: 1,000 badges of one category hold
one copy of its band.
"""

import io
from contextlib import ExitStack
from pathlib import Path

from pikepdf import Dictionary, Name, Pdf

from . import qr

PT_PER_MM = 72 / 25.4

# (stamp index, x mm, y mm): the stamp's top-left corner on the page, from the page's top-left corner.
PageStamps = list[list[tuple[int, float, float]]]
# (payload, x mm, y mm, size mm): a QR code's top-left corner and its side, quiet zone included.
PageQrs = list[list[tuple[str, float, float, float]]]


def _stamp_resources(pdf: Pdf, resources: Dictionary) -> Dictionary:
    """A copy of a stamp page's resources (their XObject dictionary copied too), so that adding the stamp
    forms to the pages' resources, which WeasyPrint shares between all pages, leaves no form inside its own
    resources."""
    copy = Dictionary({key: resources[key] for key in resources.keys()})
    if Name.XObject in copy:
        xobjects = copy[Name.XObject]
        copy[Name.XObject] = Dictionary({key: xobjects[key] for key in xobjects.keys()})
    return pdf.make_indirect(copy)


def apply_stamps(pdf: Pdf, page_stamps: PageStamps, page_qrs: PageQrs | None = None) -> None:
    """Draw the document's first pages (the stamps) under the pages that name them, then drop them.

    `page_stamps` has one item per page after the stamps: that page's (stamp index, x mm, y mm).
    `page_qrs`, if given, one item per such page too: QR codes painted over the page (documents.qr's
    inline image masks, a few hundred bytes each, no image to lay out or re-encode).
    RuntimeError if the document does not have that many pages after the stamps, or a page names a
    stamp that is not there."""
    n_stamps = len(pdf.pages) - len(page_stamps)
    if n_stamps < 0 or any(not 0 <= i < n_stamps for stamps in page_stamps for i, _, _ in stamps):
        raise RuntimeError(
            f"The document laid out {len(pdf.pages)} pages for {len(page_stamps)} stamped pages."
        )
    if page_qrs is not None and len(page_qrs) != len(page_stamps):
        raise ValueError("page_qrs needs one list per stamped page")
    forms, copies = {}, {}
    for index in {i for stamps in page_stamps for i, _, _ in stamps}:
        page = pdf.pages[index]
        form = page.as_form_xobject()
        resources = page.obj.get(Name.Resources)
        if isinstance(resources, Dictionary):
            key = resources.objgen if resources.is_indirect else id(resources)
            if key not in copies:
                copies[key] = _stamp_resources(pdf, resources)
            form[Name.Resources] = copies[key]
        forms[index] = (Name(f"/HuiwuStamp{index}"), form, [float(v) for v in form.BBox])
    for number, (page, stamps) in enumerate(zip(pdf.pages[n_stamps:], page_stamps, strict=True)):
        left, _, _, top = (float(v) for v in page.mediabox)
        codes = page_qrs[number] if page_qrs is not None else ()
        if codes:
            # The page's own content may leave its coordinate system changed (WeasyPrint's is flipped and
            # scaled): wrap it in q/Q, so the codes are painted in the page's default space.
            page.contents_add(b"q\n", prepend=True)
            ops = b"".join(_qr_ops(data, left, top, x, y, size) for data, x, y, size in codes)
            page.contents_add(b"Q\n" + ops)
        if not stamps:
            continue
        ops = []
        for index, x, y in stamps:
            name, form, (bx, _, _, by) = forms[index]
            page.add_resource(form, Name.XObject, name)
            dx, dy = left + x * PT_PER_MM - bx, top - y * PT_PER_MM - by
            ops.append(b"q 1 0 0 1 %.4f %.4f cm %s Do Q\n" % (dx, dy, bytes(name)))
        page.contents_add(b"".join(ops), prepend=True)
    del pdf.pages[:n_stamps]


def _qr_ops(data: str, left: float, top: float, x: float, y: float, size: float) -> bytes:
    """Operators painting `data`'s QR code in black, its top-left corner x, y mm from the page's top-left
    corner, `size` mm across; documents.qr draws it with y counted downwards, hence the flipped scale."""
    modules, ops = qr.qr_pdf_ops(data)
    scale = size * PT_PER_MM / modules
    return b"q 0 g 1 0 0 1 %.4f %.4f cm %.6f 0 0 %.6f 0 0 cm %s Q\n" % (
        left + x * PT_PER_MM,
        top - y * PT_PER_MM,
        scale,
        -scale,
        ops,
    )


def stamped(
    pdf_bytes: bytes, page_stamps: PageStamps, target=None, *, page_qrs: PageQrs | None = None
) -> bytes | None:
    """`pdf_bytes` (written by WeasyPrint, stamp pages first) with its stamps applied and its QR codes
    painted, as bytes or written to `target` (a path or a binary file)."""
    with Pdf.open(io.BytesIO(pdf_bytes)) as pdf:
        apply_stamps(pdf, page_stamps, page_qrs)
        if target is not None:
            pdf.save(target, deterministic_id=True)
            return None
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def merge(parts: list[str | Path], out: str | Path) -> None:
    """Concatenate the PDF files `parts` into `out`, pages in order; the first part's catalog (language)
    and document information (title) stand for the whole. Shared objects (fonts, stamp forms) stay
    shared within their part."""
    with ExitStack() as stack:
        merged = stack.enter_context(Pdf.open(parts[0]))
        for part in parts[1:]:
            merged.pages.extend(stack.enter_context(Pdf.open(part)).pages)
        merged.save(out, deterministic_id=True)
