"""Badges: plain data for templates/documents/badge.html, and the renderers (one badge for the door,
every badge of an edition as one PDF for the night before).

Each document lays out the static part of a badge (title, stripe, category band) once per category, as
a stamp drawn under every badge of that category (documents.pipeline, page_stamps), and is a strict XHTML
document (parsed by expat, small user-agent stylesheet). Large runs are laid out in balanced chunks by
two render processes (WeasyPrint is single-threaded and CPU-bound) forked from a pipeline-only server
(documents.render_process), and the chunk files are concatenated by documents.assembly.merge; each
chunk is its own document, so memory stays flat however many badges there are. Figures: bench/badges.py,
bench/README.md "Badges".
"""

import logging
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from documents import assembly, pipeline, render_process
from documents.fonts import fit_size_pt

from ..enums import RegistrationStatus, status_label
from ..exceptions import Conflict, InvalidInput, NotFound
from ..models import Category, Edition, Registration
from ..registration import links as registration_links

TEMPLATE = "documents/badge.html"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Layout:
    """Page and badge geometry in mm, and the text boxes the names must fit."""

    code: str
    page_w: float
    page_h: float
    badge_w: float
    badge_h: float
    per_page: int
    name_w: float  # width available to the name line
    name_max_pt: float
    name_en_max_pt: float
    org_w: float
    org_max_pt: float


A6 = Layout("a6", 105, 148, 105, 148, 1, 91, 36, 13, 91, 11)
CARD = Layout("card", 90, 54, 90, 54, 1, 55, 22, 8.5, 55, 7.5)
A4X4 = Layout("a4x4", 210, 297, 105, 148.5, 4, 91, 36, 13, 91, 11)
LAYOUTS = {layout.code: layout for layout in (A6, CARD, A4X4)}
SIZES = tuple(LAYOUTS)


def get_layout(size: str | None) -> Layout:
    layout = LAYOUTS.get(size or "a6")
    if layout is None:
        raise InvalidInput(
            gettext("size must be one of %(value)s.") % {"value": gettext(", ").join(SIZES)},
            field="size",
        )
    return layout


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on the category colour."""
    try:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#ffffff"
    return "#111111" if (0.299 * r + 0.587 * g + 0.114 * b) > 160 else "#ffffff"


def badge_data(registration: Registration, *, layout: Layout, token: str | None = None) -> dict:
    """One badge as plain data: texts, the fitted font sizes, the colours and the ticket token."""
    category = registration.category
    org = registration.organization
    org_name = org.name if org else ""
    token = token or registration_links.ticket_token_for(registration)
    return {
        "code": registration.code,
        "name": registration.name,
        "name_pt": fit_size_pt(
            registration.name, width_mm=layout.name_w, max_pt=layout.name_max_pt, bold=True
        ),
        "name_en": registration.name_en,
        "name_en_pt": fit_size_pt(registration.name_en, width_mm=layout.name_w, max_pt=layout.name_en_max_pt),
        "organization": org_name,
        "organization_pt": fit_size_pt(org_name, width_mm=layout.org_w, max_pt=layout.org_max_pt, lines=2),
        "title": registration.title,
        "label": category.name,
        "label_en": (category.name_en or category.code).upper(),
        "colour": category.badge_color,
        "ink": _ink(category.badge_color),
        "token": token,
    }


def _stamp_key(badge: dict) -> tuple:
    return (badge["colour"], badge["ink"], badge["label"], badge["label_en"])


def document(edition: dict, badges: list[dict], layout: Layout) -> tuple[dict, list]:
    """The template's context (badges grouped into sheets, one sheet a page; the stamps, one per
    category present) and, for documents.pipeline, each page's stamps: (stamp, x mm, y mm)."""
    n = layout.per_page
    stamps: dict[tuple, int] = {}
    for badge in badges:
        stamps.setdefault(_stamp_key(badge), len(stamps))
    sheets = [badges[i : i + n] for i in range(0, len(badges), n)]
    page_stamps = [
        [
            (stamps[_stamp_key(b)], (i % 2) * layout.badge_w, (i // 2) * layout.badge_h)
            for i, b in enumerate(sheet)
        ]
        for sheet in sheets
    ]
    context = {
        "edition": edition,
        "layout": layout.__dict__,
        "stamps": [dict(zip(("colour", "ink", "label", "label_en"), key, strict=True)) for key in stamps],
        "sheets": sheets,
        "font_sizes": sorted({b[k] for b in badges for k in ("name_pt", "name_en_pt", "organization_pt")}),
    }
    return context, page_stamps


def render_badges(*, edition: Edition | dict, badges: list[dict], layout: Layout) -> bytes:
    """Lay out `badges` (from badge_data) as one PDF, in this process."""
    if isinstance(edition, Edition):
        edition = {"name": edition.name, "name_en": edition.name_en}
    context, page_stamps = document(edition, badges, layout)
    return pipeline.render_pdf(TEMPLATE, context, strict=True, page_stamps=page_stamps)


def printable_registration(edition: Edition, code: str) -> Registration:
    """The registration behind a badge: NotFound for an unknown code, Conflict unless confirmed (a
    pending, waitlisted, cancelled or rejected registration has no valid ticket to print)."""
    reg = (
        Registration.objects.select_related("edition", "category", "organization")
        .filter(edition=edition, code=(code or "").upper()[:12])
        .first()
    )
    if reg is None:
        raise NotFound(
            gettext("No registration '%(code)s' in %(slug)s.") % {"code": code, "slug": edition.slug}
        )
    if reg.status != RegistrationStatus.CONFIRMED:
        raise Conflict(
            gettext("Registration %(code)s is %(status)s: only confirmed registrations get a badge.")
            % {"code": reg.code, "status": status_label(reg.status)},
            extra={"status": reg.status},
        )
    return reg


def render_one_badge(*, edition: Edition, code: str, size: str | None = None) -> bytes:
    """The badge of one confirmed registration (printed at the door while the guest waits)."""
    layout = get_layout(size)
    reg = printable_registration(edition, code)
    return render_badges(edition=edition, badges=[badge_data(reg, layout=layout)], layout=layout)


def badge_queryset(edition: Edition, *, category: str | None = None):
    """Confirmed registrations of an edition (or of one category), in print order: category, name."""
    qs = Registration.objects.select_related("edition", "category", "organization").filter(
        edition=edition, status=RegistrationStatus.CONFIRMED, anonymized_at__isnull=True
    )
    if category:
        if not Category.objects.filter(edition=edition, code=category).exists():
            raise InvalidInput(
                gettext("No category '%(category)s' in %(slug)s.")
                % {"category": category, "slug": edition.slug},
                field="category",
            )
        qs = qs.filter(category__code=category)
    return qs.order_by("category__order", "category_id", "name", "code")


# --- large runs ------------------------------------------------------------------------------------

CHUNK = 250  # at most this many badges per chunk document (memory is flat in the chunk size; each
# document costs about 0.15 s of CPU on top of its badges, mostly subsetting the two Noto CJK faces)
WORKERS = int(os.environ.get("HUIWU_BADGE_WORKERS", "0")) or min(2, os.cpu_count() or 1)


def chunk_spans(total: int, *, per_page: int, chunk: int, workers: int) -> list[tuple[int, int]]:
    """(start, end) of each chunk: as few as `chunk` allows, a multiple of `workers` so that they finish
    together, whole pages each."""
    pages = -(-total // per_page)
    count = -(-pages * per_page // max(chunk, per_page))
    if count > 1 and workers > 1:
        count = min(pages, -(-count // workers) * workers)
    size = -(-pages // count) * per_page
    return [(i, min(i + size, total)) for i in range(0, total, size)]


def render_pool(workers: int):
    # Render processes fork from a server that holds only the PDF pipeline, warmed up: smaller than a
    # fork of this Django process (documents.render_process). They get plain data, no database.
    if workers < 2:
        return None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=render_process.context(),
        initializer=render_process.die_with,
        initargs=(os.getpid(),),
    )


def render_badge_file(
    *,
    edition: Edition,
    out: Path | str,
    category: str | None = None,
    size: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    chunk: int = CHUNK,
) -> int:
    """Render every confirmed badge of `edition` (or of one category) into one PDF at `out`.

    Writes to a temporary file beside `out` and renames it at the end, so `out` never holds a partial
    document. Calls `progress(done, total)` after each chunk. Returns the number of badges."""
    layout = get_layout(size)
    workers = workers if workers is not None else WORKERS
    if workers > 1:
        render_process.start()  # the fork server warms up while we read the registrations
    regs = list(badge_queryset(edition, category=category))
    total = len(regs)
    if total == 0:
        raise Conflict(gettext("No confirmed registrations to print."))
    badges = [badge_data(reg, layout=layout) for reg in regs]
    del regs
    edition_data = {"name": edition.name, "name_en": edition.name_en}
    spans = chunk_spans(total, per_page=layout.per_page, chunk=chunk, workers=workers)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media_root = str(settings.MEDIA_ROOT)
    if progress:
        progress(0, total)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".badges-") as tmp:
        parts = [os.path.join(tmp, f"part-{i:05d}.pdf") for i in range(len(spans))]
        jobs = []
        for part, (start, end) in zip(parts, spans, strict=True):
            context, page_stamps = document(edition_data, badges[start:end], layout)
            jobs.append(
                (
                    (TEMPLATE, context, part),
                    {"strict": True, "page_stamps": page_stamps},
                    end - start,
                )
            )
        del badges
        partial = os.path.join(tmp, "merged.pdf")
        pool = render_pool(workers) if len(spans) > 1 else None
        if pool is None:
            done = 0
            for args, kwargs, count in jobs:
                pipeline.render_pdf_file(*args, **kwargs)
                done += count
                if progress:
                    progress(done, total)
        else:
            done = 0
            with pool:
                pending = {
                    pool.submit(pipeline.render_pdf_file, *args, **kwargs, media_root=media_root): count
                    for args, kwargs, count in jobs
                }
                del jobs
                try:
                    while pending:
                        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                        for future in finished:
                            future.result()
                            done += pending.pop(future)
                        if progress:
                            progress(done, total)
                except BaseException:
                    pool.shutdown(cancel_futures=True)  # a failed chunk fails the run: stop the rest
                    raise
        if len(parts) == 1:
            os.replace(parts[0], partial)
        else:
            assembly.merge(parts, partial)
        os.replace(partial, out)
    return total


# --- background jobs -------------------------------------------------------------------------------
