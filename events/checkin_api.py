"""Check-in API: scans, the tickets' public key, search for people without their QR, live counts."""

import json
import time
from datetime import UTC

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Router

from . import checkin, checkin_stats
from .auth import ROLE_IMPLIES, BearerAuth, SessionAuth, hash_secret, staff
from .checkin_schemas import CheckInIn, CheckInOut, LiveCountsOut, SearchHit, TicketKeyOut
from .enums import Role
from .exceptions import Forbidden
from .models import ApiToken
from .privacy import log_staff_access

router = Router(tags=["check-in"])


class ScannerBearerAuth(BearerAuth):
    """events.auth.BearerAuth in one plain-SQL query instead of two ORM ones: the role check rides along as
    an EXISTS.

    A door scanner posts every second or two, and the two auth queries cost as much as the check-in.
    Same answers: 401 for an unknown token or inactive user, 403 without the role.
    """

    def authenticate(self, request, token):
        key = (self.role, hash_secret(token))
        entry = _token_cache.get(key)
        if entry is None or time.monotonic() - entry[0] > TOKEN_CACHE_TTL:
            granting = [group for group, implied in ROLE_IMPLIES.items() if self.role in implied]
            with connection.cursor() as cursor:
                cursor.execute(TOKEN_SQL.format(", ".join(["%s"] * len(granting))), [*granting, key[1]])
                row = cursor.fetchone()
            if row is None:
                _token_cache.pop(key, None)
                return None
            entry = _token_cache[key] = (time.monotonic(), *row)
        _, token_id, last_used_at, has_role, *user_values = entry
        User = get_user_model()
        # Only these fields are loaded; any other is fetched on first access, like .only().
        user = User.from_db(connection.alias, USER_FIELDS, user_values)
        if not user.is_active:
            return None
        now = timezone.now()
        if isinstance(last_used_at, str):  # SQLite hands plain SQL naive UTC, as text or datetime
            last_used_at = parse_datetime(last_used_at)
        if last_used_at is not None and timezone.is_naive(last_used_at):
            last_used_at = last_used_at.replace(tzinfo=UTC)
        if last_used_at is None or (now - last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
            if key in _token_cache:
                _token_cache[key] = (_token_cache[key][0], token_id, now, has_role, *user_values)
        if not (has_role or user.is_superuser):
            raise Forbidden(f"This needs the {self.role} role.")
        request.user = user
        return user


# A door scanner posts the same token every second or two: its answer (user, role, last use) is kept per
# process for TOKEN_CACHE_TTL seconds, which halves the round trips of a scan. Revoking a token, deactivating
# a user or changing their groups clears this process's copy at once (signals below); other worker processes
# stop accepting the token within TOKEN_CACHE_TTL seconds. Unknown tokens are never cached.
TOKEN_CACHE_TTL = 5.0
_token_cache: dict[tuple[str, str], tuple] = {}


def forget_tokens(*_args, **_kwargs) -> None:
    _token_cache.clear()


for _model in (ApiToken, get_user_model(), Group):
    post_save.connect(forget_tokens, sender=_model, dispatch_uid=f"scanner-auth-save-{_model.__name__}")
    post_delete.connect(forget_tokens, sender=_model, dispatch_uid=f"scanner-auth-del-{_model.__name__}")
m2m_changed.connect(forget_tokens, sender=get_user_model().groups.through, dispatch_uid="scanner-auth-groups")


# In the model's field order: Model.from_db() fills the loaded fields in that order.
USER_FIELDS = [
    f.attname
    for f in get_user_model()._meta.concrete_fields
    if f.attname in {"id", "username", "is_active", "is_superuser", "is_staff"}
]
_U = get_user_model()
_USER_COLUMNS = ", ".join("u." + _U._meta.get_field(name).column for name in USER_FIELDS)
_MEMBERSHIP = _U.groups.through._meta.db_table
TOKEN_SQL = (
    "SELECT t.id, t.last_used_at, "
    f"EXISTS (SELECT 1 FROM {_MEMBERSHIP} m JOIN {Group._meta.db_table} g ON g.id = m.group_id "
    "WHERE m.user_id = u.id AND g.name IN ({})), "
    f"{_USER_COLUMNS} FROM {ApiToken._meta.db_table} t JOIN {_U._meta.db_table} u ON u.id = t.user_id "
    "WHERE t.key_hash = %s"
)


SCANNER_AUTH = [ScannerBearerAuth(Role.CHECKIN), SessionAuth(Role.CHECKIN)]


@router.post("/events/{slug}/checkin", response=CheckInOut, auth=SCANNER_AUTH)
def check_in(request: HttpRequest, slug: str, payload: CheckInIn):
    body = checkin.check_in(
        slug=slug,
        token=payload.token,
        point=payload.point,
        nonce=payload.nonce,
        user=request.auth,
        device=payload.device or "",
        scanned_at=payload.scanned_at,
    )
    # The body is built to CheckInOut's shape by the service (and stored as the scan's answer); skipping
    # ninja's re-validation of it is a tenth of a scan. tests/events/test_checkin_api.py holds it to the schema.
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8")


@router.get("/events/{slug}/ticket-key", response=TicketKeyOut)
def ticket_key(request: HttpRequest, slug: str):
    """The Ed25519 public key that verifies this edition's ticket QR codes offline."""
    return checkin.public_key(slug)


@router.get("/events/{slug}/checkin/search", response=list[SearchHit], auth=staff(Role.CHECKIN))
def search(request: HttpRequest, slug: str, q: str = ""):
    hits = checkin.search(slug=slug, q=q)
    log_staff_access(user=request.auth, action="checkin_search", target=q, path=request.path)
    return hits


@router.get("/events/{slug}/checkin/counts", response=LiveCountsOut, auth=staff(Role.CHECKIN))
def counts(request: HttpRequest, slug: str, point: str | None = None):
    return checkin_stats.live_counts(slug=slug, point=point)
