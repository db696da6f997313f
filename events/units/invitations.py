"""Invitation letters (邀请函): plain data for templates/documents/invitation.html and the renderers.

The letter's text is the same for every person of an edition in one language: it is laid out once per
language, as a stamp drawn under each letter (documents.pipeline, page_stamps); a letter's own page holds
only the salutation (尊敬的 + name + title), the unit and the QR ticket. Large runs go through the badges'
render processes and merge (events.badges). Figures: bench/invitations.py, bench/README.md.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings

from documents import assembly, pipeline, render_process

from .. import badges, services
from ..enums import Language
from ..enums import RegistrationStatus as S
from ..exceptions import Conflict, InvalidInput
from ..models import Edition, Registration

TEMPLATE = "documents/invitation.html"
LANGS = (Language.ZH, Language.EN)


def _lang(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    lang = {"zh": Language.ZH, "zh-hans": Language.ZH, "en": Language.EN}.get(value)
    if lang is None:
        raise InvalidInput("lang must be zh-hans or en. lang 须为 zh-hans 或 en。", field="lang")
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

    return {
        "zh": {
            "name": edition.name,
            "tagline": edition.tagline,
            "dates": days(False),
            "venue": edition.venue,
            "organiser": f"{edition.name}组委会",
        },
        "en": {
            "name": edition.name_en or edition.name,
            "tagline": edition.tagline_en or edition.tagline,
            "dates": days(True),
            "venue": edition.venue_en or edition.venue,
            "organiser": f"Organising Committee of the {edition.name_en or edition.name}",
        },
    }


def letter_data(registration: Registration, *, lang: str | None = None) -> dict:
    """One letter as plain data; the QR ticket only when the registration is confirmed."""
    lang = lang or registration.language or Language.ZH
    en = lang == Language.EN
    org = registration.organization
    unit_name = ""
    if org is not None:
        unit_name = (org.name_en or org.name) if en else org.name
    return {
        "lang": "en" if en else "zh",
        "code": registration.code,
        "name": (registration.name_en or registration.name) if en else registration.name,
        "title": registration.title,
        "organization": unit_name,
        "category": (registration.category.name_en or registration.category.name)
        if en
        else registration.category.name,
        "token": services.ticket_token_for(registration) if registration.status == S.CONFIRMED else None,
    }


def document(edition: dict, letters: list[dict]) -> tuple[dict, list]:
    langs = sorted({letter["lang"] for letter in letters}, key=lambda x: x != "zh")
    index = {lang: i for i, lang in enumerate(langs)}
    context = {"edition": edition, "stamps": langs, "letters": letters}
    return context, [[(index[letter["lang"]], 0, 0)] for letter in letters]


def render_letters(*, edition: Edition | dict, letters: list[dict]) -> bytes:
    """`letters` (from letter_data) as one PDF, in this process."""
    if not letters:
        raise Conflict("No one to invite yet. 尚无参会人员。")
    if isinstance(edition, Edition):
        edition = edition_data(edition)
    context, page_stamps = document(edition, letters)
    return pipeline.render_pdf(TEMPLATE, context, strict=True, page_stamps=page_stamps)


def invitation_pdf(*, registration: Registration, lang: str | None = None) -> bytes:
    if registration.status not in (S.CONFIRMED, S.PENDING, S.WAITLISTED):
        raise Conflict("This registration is cancelled: no letter. 该报名已取消，不出具邀请函。")
    return render_letters(edition=registration.edition, letters=[letter_data(registration, lang=_lang(lang))])


def unit_invitations_pdf(*, people: list[Registration], edition: Edition, lang: str | None = None) -> bytes:
    """One file for a unit: a letter per active person, in each one's language unless `lang`."""
    lang = _lang(lang)
    active = [p for p in people if p.status in (S.CONFIRMED, S.PENDING, S.WAITLISTED)]
    return render_letters(edition=edition, letters=[letter_data(p, lang=lang) for p in active])


def render_letters_file(
    *, edition: Edition, letters: list[dict], out: Path | str, workers: int | None = None, chunk: int = 250
) -> int:
    """Many letters into one PDF at `out`: balanced chunks laid out by the render processes, merged."""
    workers = workers if workers is not None else badges.WORKERS
    if workers > 1:
        render_process.start()
    data = edition_data(edition)
    spans = badges._chunks(len(letters), per_page=1, chunk=chunk, workers=workers)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media_root = str(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".letters-") as tmp:
        parts = [os.path.join(tmp, f"part-{i:05d}.pdf") for i in range(len(spans))]
        jobs = []
        for part, (start, end) in zip(parts, spans, strict=True):
            context, page_stamps = document(data, letters[start:end])
            jobs.append(((TEMPLATE, context, part), {"strict": True, "page_stamps": page_stamps}))
        pool = badges._pool(workers) if len(spans) > 1 else None
        if pool is None:
            for args, kwargs in jobs:
                pipeline.render_pdf_file(*args, **kwargs)
        else:
            with pool:
                futures = [
                    pool.submit(pipeline.render_pdf_file, *args, **kwargs, media_root=media_root)
                    for args, kwargs in jobs
                ]
                for future in futures:
                    future.result()
        merged = os.path.join(tmp, "merged.pdf")
        if len(parts) == 1:
            os.replace(parts[0], merged)
        else:
            assembly.merge(parts, merged)
        os.replace(merged, out)
    return len(letters)
