"""Reading the audit log: one edition's entries, newest first, filtered."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from events.exceptions import InvalidInput
from events.models import ApiToken

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


# Entries that belong to a person rather than an edition or an organiser: an organiser sees its members'.
SIGN_INS = ("login", "logout", "login_failed", "token_new_address")


def entries_for(edition, *, since=None, action: str | None = None, username: str | None = None):
    return _filtered(AuditEntry.objects.filter(edition=edition), since, action, username)


def _member_names(organizer) -> set[str]:
    """The usernames (and e-mail addresses: a failed sign-in keeps what was typed) of the organiser's team
    members and of its teams' token accounts."""
    members = (
        get_user_model().objects.filter(huiwu_teams__organizer=organizer).values_list("username", "email")
    )
    names = {value for pair in members for value in pair if value}
    names.update(
        ApiToken.objects.filter(team__organizer=organizer).values_list("user__username", flat=True).distinct()
    )
    return names


def organizer_entries(organizer, *, since=None, action: str | None = None, username: str | None = None):
    """The organiser's audit log: its editions' entries, the writes naming no edition that acted on it
    (teams, members, tokens, series), and its members' sign-ins. Nothing of another organiser."""
    own = (
        Q(edition__series__organizer=organizer)
        | Q(edition__isnull=True, organizer=organizer)
        | Q(
            edition__isnull=True,
            organizer__isnull=True,
            action__in=SIGN_INS,
            username__in=_member_names(organizer),
        )
    )
    return _filtered(AuditEntry.objects.filter(own).select_related("edition"), since, action, username)


def organizer_actions(organizer) -> list[str]:
    return sorted(set(organizer_entries(organizer).values_list("action", flat=True)))


def _filtered(qs, since, action, username):
    if since is not None:
        qs = qs.filter(at__gte=since)
    if action:
        qs = qs.filter(action=action)
    if username:
        qs = qs.filter(username=username)
    return qs.order_by("-at", "-id")


def actions_for(edition) -> list[str]:
    return sorted(set(AuditEntry.objects.filter(edition=edition).values_list("action", flat=True)))
