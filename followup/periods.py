"""Return periods: a month (`2024-03`) or a quarter (`2024-Q1`)."""

import datetime as dt
import re

from django.utils import translation
from django.utils.translation import gettext as _

from events.exceptions import InvalidInput

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def bounds(period: str, field: str = "period") -> tuple[dt.date, dt.date]:
    """The first and last day of `period`; 422 naming `field` when it is neither form."""
    text = str(period or "").strip().upper()
    if m := MONTH.match(text):
        year, first = int(m.group(1)), int(m.group(2))
        last = first
    elif m := QUARTER.match(text):
        year, q = int(m.group(1)), int(m.group(2))
        first, last = 3 * q - 2, 3 * q
    else:
        raise InvalidInput(_("A period is a month (2024-03) or a quarter (2024-Q1)."), field=field)
    if not 2000 <= year <= 2100:
        raise InvalidInput(_("A period is a month (2024-03) or a quarter (2024-Q1)."), field=field)
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def clean(period: str, *, today: dt.date, field: str = "period") -> str:
    """The period in its canonical form; a period that has not begun by `today` is 422."""
    text = str(period or "").strip().upper()
    start, _end = bounds(text, field)
    if start > today:
        raise InvalidInput(_("This period has not begun yet."), field=field)
    return text


def label(period: str) -> str:
    """A period as people write it: 2024年3月, 2024年第1季度 (English: March 2024, Q1 2024)."""

    start, end = bounds(period)
    en = (translation.get_language() or "").startswith("en")
    if QUARTER.match(period):
        q = (start.month + 2) // 3
        return f"Q{q} {start.year}" if en else f"{start.year}年第{q}季度"
    return start.strftime("%B %Y") if en else f"{start.year}年{start.month}月"
