"""Staff authentication for the API: bearer tokens (hashed at rest) or a logged-in session with CSRF."""

import hashlib
import secrets
from dataclasses import dataclass

from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from . import cache, hooks
from .enums import Role
from .exceptions import Forbidden

# Which roles satisfy which requirement: an organiser may do what check-in staff and viewers do.
ROLE_IMPLIES = {
    Role.ORGANISER: {Role.ORGANISER, Role.CHECKIN, Role.VIEWER},
    Role.CHECKIN: {Role.CHECKIN},
    Role.VIEWER: {Role.VIEWER},
}


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_api_token(*, user, name: str = "") -> str:
    from .models import ApiToken

    raw = "hw_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=raw[:8], key_hash=hash_secret(raw))
    return raw


def user_roles(user) -> set[str]:
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {r.value for r in Role}
    cached = getattr(user, "_huiwu_roles", None)
    if cached is None:
        cached = set()
        for group in user.groups.values_list("name", flat=True):
            if group in ROLE_IMPLIES:
                cached |= {r.value for r in ROLE_IMPLIES[group]}
        user._huiwu_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in user_roles(user)


def _check(request, user, needed: tuple) -> None:
    """403 unless `user` may do this: the old roles (organiser, viewer) or the platform's flags, asked of
    organizers.permissions.allowed for the edition named by the URL's `slug` when it has one."""
    from organizers.permissions import FLAGS, allowed

    if not needed:
        return  # signed_in(): the caller acts on themselves
    if all(n in FLAGS for n in needed):
        kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", None) or {}
        edition = None
        if "slug" in kwargs:
            from .selectors import get_edition

            edition = get_edition(kwargs["slug"])
        if not allowed(user, needed, edition=edition):
            raise Forbidden(f"This needs the {' or '.join(needed)} permission.")
    elif not any(n in user_roles(user) for n in needed):
        raise Forbidden(f"This needs the {needed[0]} role.")


class BearerAuth(HttpBearer):
    def __init__(self, *roles: str):
        super().__init__()
        self.role = roles[0] if roles else ""  # none: any signed-in user (signed_in())
        self.roles = roles

    def authenticate(self, request, token):
        """The token's user and roles from the configuration cache (events/cache.py, scope AUTH): no query
        while nothing changed. Deleting a token, deactivating a user or changing their groups (through the
        ORM, the admin or the API, in any worker process) bumps the scope, so it takes effect at once."""
        entry = cache.cached(cache.AUTH, f"token:{hash_secret(token)}", lambda: _load_token(token))
        if entry is None or not entry.user.is_active:
            return None
        now = timezone.now()
        if entry.last_used_at is None or (now - entry.last_used_at).total_seconds() > 60:
            from .models import ApiToken

            ApiToken.objects.filter(pk=entry.token_id).update(last_used_at=now)
            entry.last_used_at = now
        request.user = entry.user
        request.huiwu_token_id = entry.token_id  # the audit log names the token by id, never its secret
        _check(request, entry.user, self.roles)
        return entry.user


@dataclass
class TokenEntry:
    token_id: int
    user: object
    roles: frozenset
    last_used_at: object


def _load_token(token: str) -> TokenEntry | None:
    from .models import ApiToken

    row = ApiToken.objects.select_related("user").filter(key_hash=hash_secret(token)).first()
    if row is None:
        return None
    return TokenEntry(row.pk, row.user, frozenset(user_roles(row.user)), row.last_used_at)


class SessionAuth(APIKeyCookie):
    """A logged-in staff session; ninja checks CSRF for cookie authentication."""

    param_name = "sessionid"

    def __init__(self, *roles: str):
        super().__init__()
        self.role = roles[0] if roles else ""  # none: any signed-in user (signed_in())
        self.roles = roles

    def _get_key(self, request):
        # Without a logged-in session there is nothing a forged request could use: answer 401 (no
        # credentials), not a CSRF 403. With one, ninja checks the CSRF token as before.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        hooks.check_session(request, user)
        _check(request, user, self.roles)
        return user


def staff(*flags: str) -> list:
    """Auth for a staff endpoint: 401 without credentials, 403 without any of `flags` (platform flags of
    organizers.permissions.FLAGS; for the edition of the URL's `slug` when there is one). Endpoints that
    name an object by id call organizers.permissions.require for that object's edition."""
    return [BearerAuth(*flags), SessionAuth(*flags)]


def signed_in() -> list:
    """Auth for an endpoint about the caller themselves (`/me/...`): any active user's token or session,
    no flag needed; 401 without credentials."""
    return [BearerAuth(), SessionAuth()]


PUBLIC = "public"  # `request.auth` of a request that came without credentials to a `staff_or_public` endpoint


class Public:
    """Lets a request without (valid) staff credentials through, as `request.auth == PUBLIC`."""

    def __call__(self, request):
        return PUBLIC


def staff_or_public(*role: str) -> list:
    """Auth for an endpoint open to everyone whose answer differs for staff: a token or session with `role`
    authenticates (403 with the wrong role); without credentials `request.auth` is PUBLIC."""
    return [*staff(*role), Public()]
