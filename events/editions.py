"""An edition's own settings: names, dates, venue, time zone, registration window, description, and whether
it is published. A new or cloned edition is a draft (not listed, public pages and API 404, no registration)
until `update_edition(changes={"published": True})` publishes it."""

import zoneinfo

from django.db import transaction
from django.utils.translation import gettext as _

from .cloning import EARLIEST, LATEST
from .exceptions import Conflict, InvalidInput
from .limits import max_len
from .models import Edition

TEXT_FIELDS = (
    "name",
    "name_en",
    "tagline",
    "tagline_en",
    "description",
    "description_en",
    "venue",
    "venue_en",
)
REQUIRED = ("name", "venue")
EDITABLE = (
    *TEXT_FIELDS,
    "starts_on",
    "ends_on",
    "timezone",
    "registration_opens_at",
    "registration_closes_at",
    "published",
)


def _check_text(field: str, value) -> str:
    if not isinstance(value, str):
        raise InvalidInput(_("This field must be text."), field=field)
    value = value.strip()
    if field in REQUIRED and not value:
        raise InvalidInput(_("This field is required."), field=field)
    limit = max_len(Edition, field)
    if limit and len(value) > limit:
        raise InvalidInput(
            _("At most %(limit)d characters.") % {"limit": limit},
            field=field,
        )
    return value


def check_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise InvalidInput(
            _("Unknown time zone '%(tz)s' (e.g. Asia/Shanghai).") % {"tz": value}, field="timezone"
        )
    return value


@transaction.atomic
def update_edition(*, edition: Edition, changes: dict) -> Edition:
    """Apply `changes` (any of EDITABLE) to the edition after checking them together: the end not before the
    start, the registration window's close after its opening, a known time zone. Nothing is written when one
    is refused. Saving bumps the configuration cache (events/cache.py), so registration sees it at once."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(_("This field cannot be changed here."), field=sorted(unknown)[0])
    row = Edition.objects.select_for_update().get(pk=edition.pk)
    was_published = row.published
    for field, value in changes.items():
        if field in TEXT_FIELDS:
            value = _check_text(field, value)
        elif field == "timezone":
            value = check_timezone(value)
        elif field == "published" and not isinstance(value, bool):
            raise InvalidInput(_("published must be true or false."), field=field)
        elif field in ("starts_on", "ends_on") and value is None:
            raise InvalidInput(_("This field is required."), field=field)
        setattr(row, field, value)
    for field in ("starts_on", "ends_on"):
        if not (EARLIEST <= getattr(row, field) <= LATEST):
            raise InvalidInput(
                _("The date must be between %(EARLIEST)s and %(LATEST)s.")
                % {"EARLIEST": EARLIEST, "LATEST": LATEST},
                field=field,
            )
    if row.ends_on < row.starts_on:
        raise InvalidInput(_("The edition cannot end before it starts."), field="ends_on")
    opens, closes = row.registration_opens_at, row.registration_closes_at
    if opens and closes and closes <= opens:
        raise InvalidInput(_("Registration must close after it opens."), field="registration_closes_at")
    if row.published and not was_published:
        check_notice_confirmed(row)
    row.save()
    return row


def check_notice_confirmed(edition: Edition) -> None:
    """Publishing opens registration: refused while the privacy notice a clone carried over waits to be
    confirmed (attendees would consent to a text nobody has read this year)."""
    notice = edition.consent_notices.order_by("-created_at", "-id").first()
    if notice is not None and notice.confirmed_at is None:
        raise Conflict(
            _(
                "The privacy notice (version %(version)s) was carried over from last year's edition and is not "
                "confirmed yet: read it under Settings, Privacy notice, and confirm it (or write a new version), "
                "then publish."
            )
            % {"version": notice.version},
            field="consent",
        )
