"""One cache for the configuration hot paths read (an edition for registration, an edition's check-in points
and categories), on Django's cache framework.

Each scope has a version in the `versions` cache, which every worker process shares (a file cache on one
host by default; Redis or the database table when HUIWU_CACHE names one). A process keeps the values it
loaded with the version they were loaded under and checks the shared version on every read, so an edit
anywhere (it bumps the version) is seen by every worker at the next request: a category removed from a door
is refused at once everywhere. Edits bump through the receivers at the bottom (services, admin and forms all
save models); LOCAL_TTL is only a net for writes that send no signal (QuerySet.update, raw SQL).
"""

import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")
VERSIONS = "versions"  # the cache alias (config/settings.py)
LOCAL_TTL = 300.0
EDITIONS = "editions"  # Edition, Category, ConsentNotice, CheckInPoint, which categories a point admits,
# hand-over items; whether an edition has a seating plan, a hotel, a station (seating and reception bump it)
ORGANIZATIONS = "organizations"  # an organisation by name, for registration (its lookup, not its rows)
AUTH = "auth"  # API tokens, their users, and every principal's grants (organizers/permissions.py): teams,
# memberships, scopes, series (an organiser-wide team reaches each new series) - a revocation bumps it

_local: dict[tuple[str, str], tuple[str, float, object]] = {}
# Inside one request each scope's version is read from the shared store once (a scan asks for the edition's
# and the token's entries, about six reads, each a file opened and unpickled under the embedded default):
# `request_started` opens this per-thread memo and `request_finished` drops it, so the next request sees
# another worker's edit. Outside a request (tasks, commands) every read goes to the store.
_request = threading.local()


def _read_version(scope: str) -> str:
    store = caches[VERSIONS]
    key = f"v:{scope}"
    current = store.get(key)
    if current is None:
        store.add(key, uuid.uuid4().hex, timeout=None)
        current = store.get(key)
    return current


def version(scope: str) -> str:
    memo = getattr(_request, "versions", None)
    if memo is None:
        return _read_version(scope)
    current = memo.get(scope)
    if current is None:
        current = memo[scope] = _read_version(scope)
    return current


def request_started(*_args, **_kwargs) -> None:
    _request.versions = {}


def request_finished(*_args, **_kwargs) -> None:
    _request.versions = None


def cached(scope: str, key: str, load: Callable[[], T | None]) -> T | None:
    """The value for `key`, loaded by `load()` unless this process holds it under the current version.
    A None (nothing found) is not kept."""
    current = version(scope)
    hit = _local.get((scope, key))
    if hit is not None and hit[0] == current and time.monotonic() - hit[1] <= LOCAL_TTL:
        return hit[2]
    value = load()
    if value is None:
        _local.pop((scope, key), None)
    else:
        _local[(scope, key)] = (current, time.monotonic(), value)
    return value


def forget() -> None:
    """Drop this process's copies (not the versions): for a database rolled back or restored under the cache
    (each test's transaction is rolled back), where no edit bumped a version."""
    _local.clear()


def bump(scope: str) -> None:
    """Every process reloads this scope's values at its next read (this request too)."""
    new = uuid.uuid4().hex
    caches[VERSIONS].set(f"v:{scope}", new, timeout=None)
    memo = getattr(_request, "versions", None)
    if memo is not None:
        memo[scope] = new


def bump_at_commit(scope: str) -> None:
    """Bump now (this process reads the edit at once) and again when the transaction commits: another worker
    that reloaded between the two read the rows as they were before the commit, and must load them again."""
    bump(scope)
    transaction.on_commit(lambda: bump(scope))


def bump_editions(*_args, **_kwargs) -> None:
    bump_at_commit(EDITIONS)


def bump_auth(*_args, update_fields=None, **_kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login", "last_used_at"}:
        return  # a login or a token's use changes nobody's rights
    bump_at_commit(AUTH)


def bump_organizations(*_args, **_kwargs) -> None:
    bump_at_commit(ORGANIZATIONS)


def connect_receivers() -> None:
    """Called by EventsConfig.ready() in every process."""
    # ready(): the app registry is loaded, so models (and modules importing them) may be imported now
    from django.contrib.auth import get_user_model
    from django.core import signals

    from organizers.models import Organizer, Team

    from .models import (
        ApiToken,
        Category,
        CheckInPoint,
        ConsentNotice,
        Edition,
        HandoverItem,
        Organization,
        Series,
    )

    signals.request_started.connect(request_started, dispatch_uid="cache-versions-request-started")
    signals.request_finished.connect(request_finished, dispatch_uid="cache-versions-request-finished")
    for model in (ApiToken, get_user_model(), Team, Organizer, Series):
        post_save.connect(bump_auth, sender=model, dispatch_uid=f"cache-auth-save-{model.__name__}")
        post_delete.connect(bump_auth, sender=model, dispatch_uid=f"cache-auth-del-{model.__name__}")
    for through in (Team.members.through, Team.series.through, Team.editions.through):
        m2m_changed.connect(bump_auth, sender=through, dispatch_uid=f"cache-auth-m2m-{through.__name__}")

    post_save.connect(bump_organizations, sender=Organization, dispatch_uid="cache-organizations-save")
    post_delete.connect(bump_organizations, sender=Organization, dispatch_uid="cache-organizations-del")
    for model in (Edition, Category, CheckInPoint, HandoverItem, ConsentNotice):
        post_save.connect(bump_editions, sender=model, dispatch_uid=f"cache-editions-save-{model.__name__}")
        post_delete.connect(bump_editions, sender=model, dispatch_uid=f"cache-editions-del-{model.__name__}")
    m2m_changed.connect(
        bump_editions, sender=CheckInPoint.categories.through, dispatch_uid="cache-editions-m2m"
    )
    for through in (HandoverItem.categories.through, HandoverItem.people.through):
        m2m_changed.connect(
            bump_editions, sender=through, dispatch_uid=f"cache-editions-m2m-{through.__name__}"
        )
