"""Writing the audit log. Every staff write (page or API) is recorded by AuditMiddleware; services that know
which fields they changed say so through events.hooks.note_changes, and the request's entry carries them.
Personal fields (names, phones, e-mails, identity numbers) and secrets are recorded by name only."""

import contextvars
import logging

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.db import models

from events.exceptions import NotFound
from events.models import ApiToken, Series
from events.selectors import get_edition
from events.throttles import client_address
from organizers.models import Organizer, Team

from .models import AuditEntry

log = logging.getLogger(__name__)

# Recorded as {field: null}: that it changed, never the value (PIPL; and no secret in the log).
PERSONAL_FIELDS = frozenset(
    {
        "name",
        "name_en",
        "email",
        "phone",
        "mobile",
        "id_number",
        "id_type",
        "passport",
        "passport_number",
        "contact_name",
        "contact_email",
        "contact_phone",
        "signatory",
    }
)
SECRET_WORDS = ("password", "token", "secret", "key_hash", "otp")

# The changes noted by services during the current staff write (None outside one).
_pending: contextvars.ContextVar[list | None] = contextvars.ContextVar("huiwu_audit_pending", default=None)


def is_withheld(field: str) -> bool:
    lowered = field.rsplit(".", 1)[-1].lower()
    return lowered in PERSONAL_FIELDS or any(word in lowered for word in SECRET_WORDS)


def _plain(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, models.Model):
        return str(value)[:200]
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)[:200]


def clean_changes(changes: dict | None) -> dict:
    """{field: [before, after]} with personal and secret fields reduced to their names ({field: null})."""
    clean = {}
    for field, pair in (changes or {}).items():
        field = str(field)
        if is_withheld(field):
            clean[field] = None
            continue
        before, after = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        clean[field] = [_plain(before), _plain(after)]
    return clean


def describe(obj) -> str:
    """What an entry names: a string as given, a model as `<model> <code or id>`."""
    if obj is None:
        return ""
    if isinstance(obj, models.Model):
        key = getattr(obj, "code", None) or getattr(obj, "slug", None) or obj.pk
        return f"{obj._meta.model_name} {key}"[:200]
    return str(obj)[:200]


def _edition_of(request, obj, edition):
    if edition is not None:
        return edition
    found = getattr(obj, "edition", None)
    if found is not None and getattr(found, "pk", None):
        return found
    slug = (getattr(getattr(request, "resolver_match", None), "kwargs", None) or {}).get("slug")
    if slug:
        try:
            return get_edition(slug)
        except NotFound:
            return None
    return None


def _who(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, ""
    return user, user.get_username()


def record(
    request, action: str, obj=None, changes: dict | None = None, *, edition=None, user=None
) -> AuditEntry:
    """Append one entry for `request` (its user or token, address and the URL's edition): `action`, the
    object (a model or a string) and the changed fields {field: [before, after]} (personal fields by name
    only). The middleware then writes no second entry for this request."""
    who, username = (user, user.get_username()) if user is not None else _who(request)
    entry = AuditEntry.objects.create(
        user=who,
        username=username,
        token_id=getattr(request, "api_token_id", None),
        edition=_edition_of(request, obj, edition),
        organizer_id=getattr(request, "_huiwu_organizer_id", None),
        action=action[:100],
        object=describe(obj),
        changes=clean_changes(changes),
        ip=_address(request),
    )
    if request is not None:
        request._huiwu_audited = True
    return entry


def organizer_of(kwargs: dict) -> int | None:
    """The organiser a write that names no edition acts on, from its URL's parameters (`org`, `series`,
    `team_id`, `token_id`), read before the view runs: a deleted team or token is still found."""
    if kwargs.get("org"):
        return Organizer.objects.filter(slug=kwargs["org"]).values_list("id", flat=True).first()
    if kwargs.get("series"):
        return Series.objects.filter(slug=kwargs["series"]).values_list("organizer_id", flat=True).first()
    team_id, token_id = _number(kwargs.get("team_id")), _number(kwargs.get("token_id"))
    if team_id is not None:
        return Team.objects.filter(pk=team_id).values_list("organizer_id", flat=True).first()
    if token_id is not None:
        return ApiToken.objects.filter(pk=token_id).values_list("team__organizer_id", flat=True).first()
    return None


def _number(value) -> int | None:
    """An id from the URL (the API's paths take any text there; the endpoint refuses what is not a number)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _address(request) -> str | None:
    if request is None:
        return None
    address = client_address(request)
    return None if address == "unknown" else address


def note_changes(obj, changes: dict) -> None:
    """events.hooks listener: keep a service's field changes for the current staff write's entry."""
    pending = _pending.get()
    if pending is not None and changes:
        pending.append((obj, changes))


def begin_write() -> contextvars.Token:
    return _pending.set([])


def end_write(token: contextvars.Token) -> list:
    notes = _pending.get() or []
    _pending.reset(token)
    return notes


def record_write(request, *, action: str, obj: str, notes: list) -> None:
    """The middleware's entry for a successful staff write: the noted changes merged into one entry."""
    changes: dict = {}
    several = len({describe(o) for o, _c in notes}) > 1
    for noted_obj, noted in notes:
        # One request that changed several objects (a bulk approval): each field named with its object.
        prefix = f"{describe(noted_obj)}." if several else ""
        changes.update({f"{prefix}{field}": pair for field, pair in noted.items()})
    if not obj and notes:
        obj = describe(notes[0][0])
    edition = next((getattr(o, "edition", None) for o, _c in notes if getattr(o, "edition", None)), None)
    record(request, action, obj, changes, edition=edition)


# Tokens seen from an address in this process, so the database is asked once per (token, address).
_seen_addresses: set[tuple[int, str]] = set()


def check_token_address(request) -> None:
    """Record the first use of an API token from an address it was not used from before."""
    token_id = getattr(request, "api_token_id", None)
    if token_id is None:
        return
    address = _address(request)
    key = (token_id, address or "")
    if key in _seen_addresses:
        return
    if not AuditEntry.objects.filter(action="token_new_address", token_id=token_id, ip=address).exists():
        record(request, "token_new_address", f"token {token_id}")
    if len(_seen_addresses) > 10_000:
        _seen_addresses.clear()
    _seen_addresses.add(key)


def _logged_in(sender, request, user, **kwargs):
    record(request, "login", f"user {user.get_username()}", user=user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, "logout", f"user {user.get_username()}", user=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the name tried; Django already masks the password, and it is never read here.
    username = str(credentials.get("username", ""))[:150]
    AuditEntry.objects.create(
        username=username,
        action="login_failed",
        object=f"user {username}"[:200],
        ip=_address(request),
    )


def connect_signals() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="huiwu_audit_login")
    user_logged_out.connect(_logged_out, dispatch_uid="huiwu_audit_logout")
    user_login_failed.connect(_login_failed, dispatch_uid="huiwu_audit_login_failed")
