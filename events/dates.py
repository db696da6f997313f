"""Dates and times a client types: one reading and one range for all of them (awards, sessions, editions,
reply forms, scans, hand-outs). A date outside MIN_YEAR..MAX_YEAR, or a time with no UTC instant (year 1 at
+14:00, 9999-12-31 at -12:00), is a 422 naming the field, never a 500 further on (a validity added to it,
a day after it, a zone it is shown in)."""

import datetime as dt
from typing import Annotated

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from pydantic import BeforeValidator

from .exceptions import InvalidInput

MIN_YEAR, MAX_YEAR = 1900, 2999


def _date_text(value):
    """A date is written as text (YYYY-MM-DD): a number (seconds since 1970) is not a date here."""
    if isinstance(value, str | dt.date):
        return value
    raise ValueError("must be a date written as YYYY-MM-DD")


# A date in an API body (ninja schemas): written as text, never a number.
IsoDate = Annotated[dt.date, BeforeValidator(_date_text)]


def _out_of_range(field: str) -> InvalidInput:
    return InvalidInput(
        _("%(field)s must be between the years %(MIN_YEAR)s and %(MAX_YEAR)s.")
        % {"field": field, "MIN_YEAR": MIN_YEAR, "MAX_YEAR": MAX_YEAR},
        field=field,
    )


def check_date(value: dt.date | None, field: str) -> dt.date | None:
    """The date itself, if its year lies in MIN_YEAR..MAX_YEAR."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _out_of_range(field)
    return value


def parse_date(value, field: str) -> dt.date | None:
    """YYYY-MM-DD text (or a date) to a date in range; blank is None; 2030-02-29 is a 422 naming the field."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise InvalidInput(
                _("%(field)s must be a date (YYYY-MM-DD).") % {"field": field}, field=field
            ) from None
    return check_date(value, field)


def check_moment(value: dt.datetime | None, field: str) -> dt.datetime | None:
    """An aware time must have a UTC instant whose year lies in range (a naive one is checked as it reads)."""
    if value is None:
        return None
    try:
        year = value.astimezone(dt.UTC).year if value.tzinfo else value.year
    except OverflowError:
        raise _out_of_range(field) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _out_of_range(field)
    return value


def parse_moment(value, field: str) -> dt.datetime | None:
    """ISO 8601 text (or a datetime) to a datetime in range; blank is None; no such day is a 422."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, dt.datetime) else None
    if moment is None and isinstance(value, str):
        try:
            moment = parse_datetime(value.strip())
        except ValueError:  # well formed, but no such day (2030-02-29) or hour
            moment = None
    if moment is None:
        raise InvalidInput(
            _("%(field)s is not an ISO 8601 time (e.g. 2023-06-28T09:30:00+08:00).") % {"field": field},
            field=field,
        )
    return check_moment(moment, field)
