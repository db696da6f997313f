"""The ceremony's documents as PDF: the data from `ceremony.py` and `placards.py`, the templates in
templates/documents/*.html, the shared pipeline (documents.pipeline.render_pdf); the ceremony pack as a ZIP."""

import io
import zipfile

from django.utils.translation import gettext

from documents import render_process
from documents.pipeline import ARCHIVAL, env, font_config, render_pdf
from events.badges import render
from events.exceptions import InvalidInput, NotFound
from events.models import Edition

from . import selectors
from .ceremony import (
    ceremony_session,
    certificates_context,
    edition_info,
    run_of_show_context,
    signing_list_context,
)
from .placards import placards_context

KINDS = ("run-of-show", "signing-list", "placards", "certificates")
LANGS = ("zh", "en", "both")


def check_lang(lang: str | None) -> str:
    lang = (lang or "zh").strip().lower()
    if lang not in LANGS:
        raise InvalidInput(gettext("lang must be zh, en or both."), field="lang")
    return lang


TEMPLATES = {
    "run-of-show": "documents/run_of_show.html",
    "signing-list": "documents/signing_list.html",
    "placards": "documents/placards.html",
    "certificates": "documents/certificate.html",
}
# Strict XHTML templates (documents.pipeline, strict=True: parsed by expat, a small user-agent sheet;
# templates/documents/_signing_ua.css holds what they use of the HTML one).
STRICT = frozenset({"run-of-show", "signing-list", "placards"})
# Certificates are archival records: PDF/A-3b and tagged (documents.pipeline.ARCHIVAL).
PDF_OPTIONS = {"certificates": ARCHIVAL}


def document_context(edition: Edition, kind: str, lang: str, projects: list[dict] | None = None) -> dict:
    """The plain data of one document (all the queries happen here, none in the template)."""
    if kind == "certificates":
        awards = [selectors.award_out(a) for a in selectors.edition_awards(edition)]
        return certificates_context(awards, lang, edition_info(edition))
    projects = selectors.project_list(edition) if projects is None else projects
    if kind == "run-of-show":
        return run_of_show_context(edition, projects, lang, ceremony_session(edition))
    if kind == "signing-list":
        return signing_list_context(edition, projects, lang)
    return placards_context(edition, projects, lang)


def render_document(edition: Edition, kind: str, lang: str = "zh") -> bytes:
    """One of the ceremony's PDFs for an edition."""
    lang = check_lang(lang)
    if kind not in KINDS:
        raise NotFound(f"No document '{kind}'. Documents: {', '.join(KINDS)}.")
    return render_pdf(
        TEMPLATES[kind],
        document_context(edition, kind, lang),
        strict=kind in STRICT,
        pdf_options=PDF_OPTIONS.get(kind),
    )


# The ceremony pack: every document of the ceremony in one ZIP, the largest first so that the two
# worker processes finish together (placards are the most pages, the signing list the fewest).
PACK_ORDER = ("placards", "run-of-show", "signing-list", "certificates")


def render_ceremony_pack(edition: Edition, lang: str = "zh", *, workers: int | None = None) -> bytes:
    """All the ceremony's documents as one ZIP of PDFs: run-of-show, signing list and placards, and the
    certificates when the edition has awards.

    WeasyPrint is single-threaded and CPU-bound: the documents are laid out side by side in render
    processes (the badges' pool: forked from a warm, pipeline-only fork server, documents.render_process;
    plain fork where there is none). The data is read here; the render processes only turn plain dicts
    into PDF bytes and touch no database. See bench/signing_docs.py."""

    lang = check_lang(lang)
    workers = render.WORKERS if workers is None else workers
    if workers > 1:
        render_process.start()  # the fork server (first use in this process) warms up while we read
    projects = selectors.project_list(edition)
    jobs = {kind: (TEMPLATES[kind], document_context(edition, kind, lang, projects)) for kind in PACK_ORDER}
    if not jobs["certificates"][1]["certificates"]:
        del jobs["certificates"]  # no awards at this edition: no empty certificates document
    pool = render.render_pool(workers)
    if pool is None:
        pdfs = {
            kind: render_pdf(*job, strict=kind in STRICT, pdf_options=PDF_OPTIONS.get(kind))
            for kind, job in jobs.items()
        }
    else:
        font_config()  # under plain fork (no fork server): fontconfig initialised once, before it
        for template, _ in jobs.values():
            env.get_template(template)  # under plain fork: compiled once, inherited by the children
        with pool:
            futures = {
                kind: pool.submit(render_pdf, *job, strict=kind in STRICT, pdf_options=PDF_OPTIONS.get(kind))
                for kind, job in jobs.items()
            }
            pdfs = {kind: future.result() for kind, future in futures.items()}
    buf = io.BytesIO()
    # Stored, not deflated: the PDFs' streams are compressed already.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        for kind in KINDS:
            if kind in pdfs:
                archive.writestr(f"{edition.slug}-{kind}-{lang}.pdf", pdfs[kind])
    return buf.getvalue()


def render_certificate(award, lang: str = "both") -> bytes:
    lang = check_lang(lang)
    edition = edition_info(award.edition) if award.edition_id else None
    return render_pdf(
        TEMPLATES["certificates"],
        certificates_context([selectors.award_out(award)], lang, edition),
        pdf_options=ARCHIVAL,
    )
