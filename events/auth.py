"""Staff authentication for the API: bearer tokens (hashed at rest) or a logged-in session with CSRF. What a
caller may do is decided by organizers.permissions (flags per organiser, series and edition), never here."""

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from organizers.permissions import allowed, load_grants
from organizers.services import get_organizer, get_series

from . import cache, hooks
from .exceptions import Forbidden, NotFound
from .models import ApiToken, Edition


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def mint_api_token(*, user=None, team=None, name: str = ""):
    """A new token for a user, or for a team (it acts with the team's flags and scope; its `user` is the
    team's token account, so logs and jobs name who acted): (the ApiToken row, the secret). The secret is
    shown once and stored only hashed."""

    if (user is None) == (team is None):
        raise ValueError("a token belongs to a user or to a team")
    if team is not None:
        user = team_token_user(team)
    raw = "hw_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, team=team, name=name, prefix=raw[:8], key_hash=hash_secret(raw))
    return row, raw


def new_api_token(*, user=None, team=None, name: str = "") -> str:
    return mint_api_token(user=user, team=team, name=name)[1]


def team_token_user(team):
    """The account a team's tokens act through: no password, no team of its own; its grants are the team's."""

    user, _created = get_user_model().objects.get_or_create(
        username=f"team-{team.pk}-token",
        defaults={"first_name": team.name[:150], "is_active": True, "password": "!"},
    )
    return user


def _check(request, user, needed: tuple) -> None:
    """403 unless `user` holds one of the flags `needed`, for the object the URL names: the edition of a
    `slug`, the organiser of an `org`, the series of a `series` path parameter (organizers.permissions
    .allowed); anywhere when it names none. Before the body is read, so a stranger learns nothing from a 422."""

    if not needed:
        return  # signed_in(): the caller acts on themselves
    kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", None) or {}
    where = {}
    if "slug" in kwargs:
        where["edition"] = edition_ref(kwargs["slug"])
    elif "org" in kwargs:
        where["organizer"] = get_organizer(kwargs["org"])
    elif "series" in kwargs:
        where["series"] = get_series(kwargs["series"])
    if not allowed(user, needed, **where):
        raise Forbidden(gettext("You do not have access to this."))


@dataclass(frozen=True)
class EditionRef:
    """What the decision needs of an edition (its id and its series), from the configuration cache."""

    pk: int
    series_id: int
    slug: str


def edition_ref(slug: str) -> EditionRef:
    """The edition of a URL's slug for the decision: no query while the editions' scope is unchanged; 404
    for an unknown slug, as before."""

    def load():
        row = Edition.objects.filter(slug=slug).values_list("pk", "series_id").first()
        return EditionRef(row[0], row[1], slug) if row else None

    ref = cache.cached(cache.EDITIONS, f"edition-ref:{slug}", load)
    if ref is None:
        raise NotFound(_("No edition '%(slug)s'.") % {"slug": slug})
    return ref


class BearerAuth(HttpBearer):
    def __init__(self, *flags: str):
        super().__init__()
        self.role = flags[0] if flags else ""  # none: any signed-in user (signed_in())
        self.roles = flags

    def authenticate(self, request, token):
        """The token's user and grants from the configuration cache (events/cache.py, scope AUTH): no query
        while nothing changed. Deleting a token, deactivating a user or changing a team (through the ORM, the
        admin or the API, in any worker process) bumps the scope, so it takes effect at once."""
        entry = cache.cached(cache.AUTH, f"token:{hash_secret(token)}", lambda: _load_token(token))
        if entry is None or not entry.user.is_active:
            return None
        now = timezone.now()
        if entry.last_used_at is None or (now - entry.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=entry.token_id).update(last_used_at=now)
            entry.last_used_at = now
        request.user = entry.user
        request.api_token_id = entry.token_id  # the audit log names the token by this id
        _check(request, entry.user, self.roles)
        return entry.user


@dataclass
class TokenEntry:
    token_id: int
    user: object  # carries its grants (`_huiwu_grants`), computed with the entry
    team_id: int | None
    last_used_at: object


def _load_token(token: str) -> TokenEntry | None:

    row = ApiToken.objects.select_related("user").filter(key_hash=hash_secret(token)).first()
    if row is None:
        return None
    user = row.user
    if row.team_id is not None:
        user._huiwu_team_id = row.team_id
        user._huiwu_grants = load_grants(team_id=row.team_id)
    elif not user.is_superuser:
        user._huiwu_grants = load_grants(user_id=user.pk)
    return TokenEntry(row.pk, user, row.team_id, row.last_used_at)


class SessionAuth(APIKeyCookie):
    """A logged-in staff session; ninja checks CSRF for cookie authentication."""

    param_name = "sessionid"

    def __init__(self, *flags: str):
        super().__init__()
        self.role = flags[0] if flags else ""  # none: any signed-in user (signed_in())
        self.roles = flags

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


def staff_or_public(*flags: str) -> list:
    """Auth for an endpoint open to everyone whose answer differs for staff: a token or session holding one
    of `flags` authenticates (403 without); without credentials `request.auth` is PUBLIC."""
    return [*staff(*flags), Public()]
