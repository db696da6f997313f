"""Next year's edition from this year's in one step (DESIGN.md: cloning)."""

import datetime as dt

from django.conf import settings
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import tickets
from .exceptions import Conflict, InvalidInput
from .models import Edition

CATEGORY_FIELDS = (
    "code",
    "name",
    "name_en",
    "capacity",
    "requires_approval",
    "waitlist",
    "public",
    "badge_color",
    "order",
)


def slug_message() -> str:
    return _("The slug may only contain lowercase letters, digits and hyphens, e.g. dazu-2024.")


def slug_taken(slug: str) -> str:
    return _("An edition '%(slug)s' exists already.") % {"slug": slug}


def _shift_year_text(text: str, old_year: int, new_year: int) -> str:
    return text.replace(str(old_year), str(new_year)) if text else text


def _next_version(version: str, old_year: int, new_year: int) -> str:
    """The consent notice's version for the cloned edition: "2023.1" becomes "2024.1", "1.0" "1.0-2024"."""
    if str(old_year) in version:
        return version.replace(str(old_year), str(new_year))
    return f"{version}-{new_year}"[:20]


def copy_row(obj, fields: tuple[str, ...] | None = None, **changes):
    """A new row of `obj`'s model holding these fields of `obj` (all but the key when None), with the changes
    (the new edition, a moved time, the copied rows it points to). For everything a clone carries over, here
    and in the clone hooks of the other apps."""
    meta = type(obj)._meta
    if fields is None:
        fields = tuple(f.attname for f in meta.concrete_fields if not f.primary_key)
    changed = {meta.get_field(name).attname for name in changes}
    values = {name: getattr(obj, name) for name in fields if name not in changed}
    return type(obj).objects.create(**values, **changes)


# Every date of the edition (and its agenda) is shifted with the start: keep it well inside the calendar.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


@transaction.atomic
def clone_edition(
    *,
    source: Edition,
    slug: str,
    starts_on: dt.date,
    name: str | None = None,
    name_en: str | None = None,
    series=None,
) -> Edition:
    """Create a new edition from `source`, a draft until published (events/editions.py), named `name` and
    `name_en` when given (else the source's names with the year moved): categories, check-in points, the
    consent notice, and (through
    settings.HUIWU_CLONE_HOOKS) rooms, the agenda shifted by the difference of the start dates, award
    title definitions and document templates. Never registrations, scans, signing projects or awards.
    The new edition gets its own ticket signing key, so last year's tickets read `wrong_event`. It joins
    `series` (a series of the same organiser) or the source's series."""

    try:
        validate_slug(slug)
    except Exception:
        raise InvalidInput(slug_message(), field="slug")
    if Edition.objects.filter(slug=slug).exists():
        raise Conflict(slug_taken(slug), field="slug")
    name = (name or "").strip() or None
    name_en = (name_en or "").strip() or None
    for field, value in (("name", name), ("name_en", name_en)):
        if value is not None and len(value) > Edition._meta.get_field(field).max_length:
            raise InvalidInput(
                _("At most %(limit)d characters.") % {"limit": Edition._meta.get_field(field).max_length},
                field=field,
            )
    if not (EARLIEST <= starts_on <= LATEST):
        raise InvalidInput(
            _("starts_on must be between %(EARLIEST)s and %(LATEST)s.")
            % {"EARLIEST": EARLIEST, "LATEST": LATEST},
            field="starts_on",
        )
    delta = starts_on - source.starts_on
    old_year, new_year = source.starts_on.year, starts_on.year
    try:
        with transaction.atomic():
            new = Edition.objects.create(
                series=series or source.series,
                slug=slug,
                name=name or _shift_year_text(source.name, old_year, new_year),
                name_en=name_en
                if name_en is not None
                else _shift_year_text(source.name_en, old_year, new_year),
                tagline=source.tagline,
                tagline_en=source.tagline_en,
                description=source.description,
                description_en=source.description_en,
                starts_on=starts_on,
                ends_on=source.ends_on + delta,
                timezone=source.timezone,
                venue=source.venue,
                venue_en=source.venue_en,
                registration_opens_at=None,
                registration_closes_at=(source.registration_closes_at + delta)
                if source.registration_closes_at
                else None,
                retention_until=(source.retention_until + delta) if source.retention_until else None,
                signing_key=tickets.new_private_key(),
                published=False,
            )
    except IntegrityError:
        raise Conflict(slug_taken(slug), field="slug")
    categories = {}
    for cat in source.categories.all():
        categories[cat.pk] = copy_row(cat, CATEGORY_FIELDS, edition=new)
    for point in source.checkin_points.prefetch_related("categories"):
        copy = copy_row(point, ("code", "name", "name_en", "entry", "is_default"), edition=new)
        copy.categories.set([categories[c.pk] for c in point.categories.all()])
        # What the door hands over comes along; who got it, and items named to people, do not.
        for item in point.handover_items.prefetch_related("categories", "people"):
            if not item.categories.all() and item.people.all():
                continue  # for named people only: copied without them it would go to everyone
            twin = copy_row(item, ("code", "name", "name_en", "order"), point=copy)
            twin.categories.set([categories[c.pk] for c in item.categories.all()])
    notice = source.consent_notices.order_by("-created_at", "-id").first()
    if notice:
        # Next year's notice is a new version (attendees consent to it anew), its years moved on, and not
        # confirmed: staff read it and confirm it (events/setup.py) before publishing (events/editions.py).
        copy_row(
            notice,
            (),
            edition=new,
            version=_next_version(notice.version, old_year, new_year),
            text=_shift_year_text(notice.text, old_year, new_year),
            text_en=_shift_year_text(notice.text_en, old_year, new_year),
            confirmed_at=None,  # to be read and confirmed before the edition is published
        )
    for path in getattr(settings, "HUIWU_CLONE_HOOKS", []):
        import_string(path)(source=source, target=new, delta=delta)
    return new
