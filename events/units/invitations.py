"""Invitation letters (邀请函): plain data for templates/documents/invitation.html and the renderers.

What letters share is laid out once, as a stamp drawn under each letter (documents.pipeline, page_stamps):
the letter's text in a language and, when they repeat (a unit's file, an edition's run), the unit's name
and the ticket line; a letter's own page then holds two lines of text (salutation, code), and its QR
ticket is painted over it as an inline image mask (page_qrs), with no image to lay out. Large runs go
through the badges' render processes and merge (events.badges). Figures: bench/invitations.py,
bench/README.md."""

import os
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import assembly, pipeline, render_process

from .. import hooks
from ..badges import render
from ..enums import Language
from ..enums import RegistrationStatus as S
from ..exceptions import Conflict, InvalidInput
from ..jobs.tasks import start_job
from ..language import localized
from ..models import Edition, Job, Registration
from ..registration import links as registration_links

TEMPLATE = "documents/invitation.html"
LANGS = (Language.ZH, Language.EN)


def letter_lang(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    lang = {"zh": Language.ZH, "zh-hans": Language.ZH, "en": Language.EN}.get(value)
    if lang is None:
        raise InvalidInput(_("lang must be zh-hans or en."), field="lang")
    return lang


def edition_data(edition: Edition) -> dict:
    def day(d, en):
        return d.strftime("%d %B %Y").lstrip("0") if en else f"{d.year}年{d.month}月{d.day}日"

    def days(en):
        if edition.starts_on == edition.ends_on:
            return day(edition.starts_on, en)
        return (
            f"{day(edition.starts_on, en)} – {day(edition.ends_on, en)}"
            if en
            else (f"{day(edition.starts_on, False)}至{day(edition.ends_on, False)}")
        )

    # A letter is dated the day it is issued (in the edition's zone), not the conference day.
    zone = ZoneInfo(edition.timezone)
    issued = timezone.localtime(timezone.now(), zone).date()
    # The opening session's start, from the agenda (events.hooks); with no agenda, the dates alone.
    opening = hooks.opening_of(edition)
    opening = timezone.localtime(opening, zone) if opening is not None else None

    def opens(en):
        if opening is None:
            return ""
        return (
            f"{day(opening.date(), en)}, {opening:%H:%M}"
            if en
            else f"{day(opening.date(), False)} {opening:%H:%M}"
        )

    return {
        "zh": {
            "issued": day(issued, False),
            "name": edition.name,
            "tagline": edition.tagline,
            "dates": days(False),
            "opening": opens(False),
            "venue": edition.venue,
            "organiser": f"{edition.name}组委会",
        },
        "en": {
            "issued": day(issued, True),
            "name": edition.name_en or edition.name,
            "tagline": edition.tagline_en or edition.tagline,
            "dates": days(True),
            "opening": opens(True),
            "venue": edition.venue_en or edition.venue,
            "organiser": f"Organising Committee of the {edition.name_en or edition.name}",
        },
    }


def letter_data(registration: Registration, *, lang: str | None = None) -> dict:
    """One letter as plain data; the QR ticket only when the registration is confirmed."""
    lang = lang or registration.language or Language.ZH
    en = lang == Language.EN
    org = registration.organization
    return {
        "lang": "en" if en else "zh",
        "code": registration.code,
        "name": localized(registration, en=en),
        "title": registration.title,
        "organization": localized(org, en=en) if org is not None else "",
        "category": localized(registration.category, en=en),
        "token": registration_links.ticket_token_for(registration)
        if registration.status == S.CONFIRMED
        else None,
    }


# Where the QR ticket is drawn on a letter (mm from the page's top-left corner; quiet zone included).
QR_AT = (24, 236, 30)


def document(edition: dict, letters: list[dict]) -> tuple[dict, dict]:
    """The template's context and the pipeline's options. A stamp is laid out once and drawn under every
    letter that uses it: when the (language, unit, ticket line) combinations repeat (a unit's file, an
    edition's run: a few units and categories over many people), a stamp per combination, so a letter's
    own page is two lines (salutation, code); otherwise a stamp per language, with the unit and ticket line
    in each letter's flow. The QR ticket is drawn as a vector path."""
    keys = [
        (
            letter["lang"],
            letter["organization"],
            letter["category"] if letter["token"] else "",
            bool(letter["token"]),
        )
        for letter in letters
    ]
    distinct = sorted(set(keys), key=lambda k: (k[0] != "zh", k))
    shared = len(distinct) <= max(1, len(letters) // 2)
    if shared:
        stamps = [
            {"lang": lang, "shared": True, "organization": org, "category": category, "qr": qr}
            for lang, org, category, qr in distinct
        ]
        index = {key: i for i, key in enumerate(distinct)}
        numbers = [index[key] for key in keys]
    else:
        langs = sorted({letter["lang"] for letter in letters}, key=lambda x: x != "zh")
        stamps = [{"lang": lang, "shared": False} for lang in langs]
        index = {lang: i for i, lang in enumerate(langs)}
        numbers = [index[letter["lang"]] for letter in letters]
    context = {"edition": edition, "stamps": stamps, "letters": letters, "shared": shared}
    return context, {
        "page_stamps": [[(number, 0, 0)] for number in numbers],
        "page_qrs": [[(letter["token"], *QR_AT)] if letter["token"] else [] for letter in letters],
    }


def render_letters(*, edition: Edition | dict, letters: list[dict]) -> bytes:
    """`letters` (from letter_data) as one PDF, in this process."""
    if not letters:
        raise Conflict(_("No one to invite yet."))
    if isinstance(edition, Edition):
        edition = edition_data(edition)
    context, options = document(edition, letters)
    return pipeline.render_pdf(TEMPLATE, context, strict=True, **options)


def invitation_pdf(*, registration: Registration, lang: str | None = None) -> bytes:
    if registration.status not in (S.CONFIRMED, S.PENDING, S.WAITLISTED):
        raise Conflict(_("This registration is cancelled: no letter."))
    return render_letters(
        edition=registration.edition, letters=[letter_data(registration, lang=letter_lang(lang))]
    )


def unit_invitations_pdf(*, people: list[Registration], edition: Edition, lang: str | None = None) -> bytes:
    """One file for a unit: a letter per active person, in each one's language unless `lang`."""
    lang = letter_lang(lang)
    active = [p for p in people if p.status in (S.CONFIRMED, S.PENDING, S.WAITLISTED)]
    return render_letters(edition=edition, letters=[letter_data(p, lang=lang) for p in active])


def render_letters_file(
    *,
    edition: Edition,
    letters: list[dict],
    out: Path | str,
    workers: int | None = None,
    chunk: int = 250,
    progress=None,
) -> int:
    """Many letters into one PDF at `out`: balanced chunks laid out by the render processes, merged;
    `progress(done, total)` after each chunk."""
    workers = workers if workers is not None else render.WORKERS
    if workers > 1:
        render_process.start()
    data = edition_data(edition)
    spans = render.chunk_spans(len(letters), per_page=1, chunk=chunk, workers=workers)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media_root = str(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".letters-") as tmp:
        parts = [os.path.join(tmp, f"part-{i:05d}.pdf") for i in range(len(spans))]
        jobs = []
        for part, (start, end) in zip(parts, spans, strict=True):
            context, options = document(data, letters[start:end])
            jobs.append(((TEMPLATE, context, part), {"strict": True, **options}))
        pool = render.render_pool(workers) if len(spans) > 1 else None
        done = 0
        if pool is None:
            for (args, kwargs), (start, end) in zip(jobs, spans, strict=True):
                pipeline.render_pdf_file(*args, **kwargs)
                done += end - start
                if progress:
                    progress(done, len(letters))
        else:
            with pool:
                futures = [
                    pool.submit(pipeline.render_pdf_file, *args, **kwargs, media_root=media_root)
                    for args, kwargs in jobs
                ]
                for future, (start, end) in zip(futures, spans, strict=True):
                    future.result()
                    done += end - start
                    if progress:
                        progress(done, len(letters))
        merged = os.path.join(tmp, "merged.pdf")
        if len(parts) == 1:
            os.replace(parts[0], merged)
        else:
            assembly.merge(parts, merged)
        os.replace(merged, out)
    return len(letters)


# --- every letter of an edition, as a background job (the staff documents page) ---------------------


def edition_people(edition: Edition):
    """Everyone who gets a letter: active registrations, unit by unit (in the order units were added),
    then people with no unit, each in order of registration."""

    return (
        Registration.objects.filter(edition=edition, status__in=(S.CONFIRMED, S.PENDING, S.WAITLISTED))
        .select_related("category", "organization", "edition")
        .order_by(F("unit_id").asc(nulls_last=True), "id")
    )


def render_edition_letters(
    *, edition: Edition, out: Path | str, lang: str | None = None, progress=None
) -> int:
    letters = [letter_data(r, lang=lang) for r in edition_people(edition)]
    if not letters:
        raise Conflict(_("No one to invite yet."))
    return render_letters_file(edition=edition, letters=letters, out=out, progress=progress)


def start_letters_job(*, edition: Edition, user=None, lang: str | None = None):
    """Queue every letter of the edition as one PDF (each in the person's language unless `lang`); the job
    machinery (events/jobs/) runs it and reports progress."""
    lang = letter_lang(lang)
    total = edition_people(edition).count()
    if total == 0:
        raise Conflict(_("No one to invite yet."))
    return start_job(
        kind=Job.Kind.INVITATIONS, edition=edition, params={"lang": lang}, total=total, user=user
    )


def render_job_file(job: Job, *, out, progress) -> None:
    """A letters job's file (events.jobs.services.RENDERERS names this function)."""
    render_edition_letters(edition=job.edition, out=out, lang=job.params.get("lang"), progress=progress)
