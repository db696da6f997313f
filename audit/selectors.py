"""Reading the audit log: one edition's entries, newest first, filtered."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from events.exceptions import InvalidInput

from .models import AuditEntry


def parse_since(value: str | None) -> datetime.datetime | None:
    """`since` as an ISO 8601 moment or a date (from its midnight, local time); 422 naming `since` else."""
    value = (value or "").strip()
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise InvalidInput(
                gettext("Give a date (2023-06-01) or a time (2023-06-01T09:00)."), field="since"
            )
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def entries_for(edition, *, since=None, action: str | None = None, username: str | None = None):
    qs = AuditEntry.objects.filter(edition=edition)
    if since is not None:
        qs = qs.filter(at__gte=since)
    if action:
        qs = qs.filter(action=action)
    if username:
        qs = qs.filter(username=username)
    return qs.order_by("-at", "-id")


def actions_for(edition) -> list[str]:
    return sorted(set(AuditEntry.objects.filter(edition=edition).values_list("action", flat=True)))
