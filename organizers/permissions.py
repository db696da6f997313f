"""The one authorisation decision: does this user (or token) hold `flag` for this edition, series or
organiser? Every staff endpoint and page asks `allowed` (or `require`), and nothing else decides a role.

Flags are one word each, the same in the API, the pages and the docs. `admin` implies every flag. A site
administrator (Django superuser) may everything. Anyone else holds what their teams hold
(organizers.models.Team): a team's flags over the whole organiser, its listed series (every edition of
them, future ones included) or its listed editions. A team's token acts with that team's flags and scope.

Cost: a principal's grants (`Grants`) are computed once, cached in events/cache.py's AUTH scope (bumped when
a team, a membership, a token, a user or a series changes) and kept on the user object for the request, so
a request asks the cache at most once, however many decisions it makes; a token's grants travel in its
cached entry (events/auth.py), so a token request asks nothing more.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from events import cache
from events.exceptions import Forbidden
from events.models import Edition, Series

from .models import Organizer, Team

FLAGS = (
    "admin",  # teams, members, tokens, the organiser's settings; implies all
    "settings",  # editions: create, clone, categories, door points, hand-out items, consent notice, reply sections
    "registrations",  # list, export, add, edit, approve, cancel
    "checkin",  # scan, search, hand-outs, print a badge, the snapshot
    "agenda",
    "signing",  # ceremonies, awards
    "seating",
    "units",
    "documents",  # badge runs, letters
    "view",  # read-only dashboards and lists (personal-data reads stay logged)
    "reception",  # hotels, rooms, pickups, meals
    "projects",  # follow-up of signed projects
    "reports",  # the edition in figures
)

# Each flag as the pages name it (the staff home, a 403 page).
FLAG_LABELS = {
    "admin": gettext_lazy("administration"),
    "settings": gettext_lazy("edition settings"),
    "registrations": gettext_lazy("registrations"),
    "checkin": gettext_lazy("check-in"),
    "agenda": gettext_lazy("agenda"),
    "signing": gettext_lazy("signings and awards"),
    "seating": gettext_lazy("seating"),
    "units": gettext_lazy("units"),
    "documents": gettext_lazy("documents and badges"),
    "view": gettext_lazy("read-only"),
    "reception": gettext_lazy("reception"),
    "projects": gettext_lazy("project follow-up"),
    "reports": gettext_lazy("reports"),
}

_EMPTY: frozenset = frozenset()


@dataclass(frozen=True)
class Grants:
    """What a principal holds: per flag, the organisers (organiser-wide teams), the series (listed, and every
    series of an organiser-wide team) and the editions (listed) it reaches; `reach`: every organiser it has
    a team in. `everything`: a site administrator."""

    everything: bool = False
    organizers: dict = field(default_factory=dict)
    series: dict = field(default_factory=dict)
    editions: dict = field(default_factory=dict)
    reach: frozenset = _EMPTY

    def holds(self, flags, *, edition=None, series=None, organizer=None) -> bool:
        if self.everything:
            return True
        if edition is not None:
            return any(
                edition.pk in self.editions.get(f, _EMPTY) or edition.series_id in self.series.get(f, _EMPTY)
                for f in flags
            )
        if series is not None:
            return any(series.pk in self.series.get(f, _EMPTY) for f in flags)
        if organizer is not None:
            return any(organizer.pk in self.organizers.get(f, _EMPTY) for f in flags)
        return any(self.organizers.get(f) or self.series.get(f) or self.editions.get(f) for f in flags)


NOTHING = Grants()
EVERYTHING = Grants(everything=True)


def team_flags(permissions) -> set[str]:
    """A team's stored flags as the set it holds (`admin` implies every flag; unknown words hold nothing)."""
    flags = {f for f in permissions or () if f in FLAGS}
    return set(FLAGS) if "admin" in flags else flags


def load_grants(*, user_id: int | None = None, team_id: int | None = None) -> Grants:
    """The grants of a user's teams, or of one team (its tokens): four queries, run once per cache version."""

    teams = Team.objects.filter(members=user_id) if team_id is None else Team.objects.filter(pk=team_id)
    rows = list(teams.values_list("pk", "organizer_id", "permissions", "all_series"))
    if not rows:
        return NOTHING
    ids = [r[0] for r in rows]
    listed_series: dict[int, set] = {}
    for team, series in Team.series.through.objects.filter(team_id__in=ids).values_list(
        "team_id", "series_id"
    ):
        listed_series.setdefault(team, set()).add(series)
    listed_editions: dict[int, set] = {}
    for team, edition in Team.editions.through.objects.filter(team_id__in=ids).values_list(
        "team_id", "edition_id"
    ):
        listed_editions.setdefault(team, set()).add(edition)
    wide = {r[1] for r in rows if r[3]}
    series_of: dict[int, set] = {}
    for pk, org in Series.objects.filter(organizer_id__in=wide).values_list("pk", "organizer_id"):
        series_of.setdefault(org, set()).add(pk)
    organizers: dict[str, set] = {}
    series: dict[str, set] = {}
    editions: dict[str, set] = {}
    for pk, org, permissions, all_series in rows:
        for flag in team_flags(permissions):
            if all_series:
                organizers.setdefault(flag, set()).add(org)
                series.setdefault(flag, set()).update(series_of.get(org, ()))
            else:
                series.setdefault(flag, set()).update(listed_series.get(pk, ()))
                editions.setdefault(flag, set()).update(listed_editions.get(pk, ()))
    return Grants(
        organizers={f: frozenset(v) for f, v in organizers.items()},
        series={f: frozenset(v) for f, v in series.items() if v},
        editions={f: frozenset(v) for f, v in editions.items() if v},
        reach=frozenset(r[1] for r in rows),
    )


def grants_of(user) -> Grants:
    """The grants of a request's user (a team token's account acts as its team): one cached lookup, then
    kept on the user object (a session's user lives one request; a token's lives in the token's entry)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return EVERYTHING
    memo = getattr(user, "_huiwu_grants", None)
    if memo is not None:
        return memo
    team_id = getattr(user, "_huiwu_team_id", None)
    if team_id is not None:
        grants = cache.cached(cache.AUTH, f"grants:team:{team_id}", lambda: load_grants(team_id=team_id))
    else:
        grants = cache.cached(cache.AUTH, f"grants:user:{user.pk}", lambda: load_grants(user_id=user.pk))
    user._huiwu_grants = grants
    return grants


def forget(user) -> None:
    """Drop the grants kept on a user object (for code that changes teams and asks again in one request)."""
    try:
        del user._huiwu_grants
    except AttributeError:
        pass


def _flags(flag) -> tuple:
    flags = (flag,) if isinstance(flag, str) else tuple(flag)
    for one in flags:
        if one not in FLAGS:
            raise ValueError(f"unknown flag {one!r}")
    return flags


def allowed(user, flag, *, edition=None, series=None, organizer=None) -> bool:
    """True when `user` (a Django user; a token acts as its user or team) holds `flag` for the object given,
    or, with no object, anywhere. `flag` may also be a tuple: any of them."""
    return grants_of(user).holds(_flags(flag), edition=edition, series=series, organizer=organizer)


def require(request, flag, *, edition=None, series=None, organizer=None) -> None:
    """Raise Forbidden (403, in the request's language) unless the request's user holds `flag` there."""
    if not allowed(request.user, flag, edition=edition, series=series, organizer=organizer):
        raise Forbidden(gettext("You do not have access to this."))


def editions_for(user, flag=None):
    """The editions `user` reaches (holding `flag`, or any flag when None; `flag` may be a tuple), as a
    queryset of events.Edition: what staff lists, searches and the console show."""

    grants = grants_of(user)
    if grants.everything:
        return Edition.objects.all()
    flags = FLAGS if flag is None else _flags(flag)
    edition_ids = set().union(*(grants.editions.get(f, _EMPTY) for f in flags))
    series_ids = set().union(*(grants.series.get(f, _EMPTY) for f in flags))
    if not edition_ids and not series_ids:
        return Edition.objects.none()
    return Edition.objects.filter(Q(pk__in=edition_ids) | Q(series_id__in=series_ids))


def organizers_for(user):
    """The organisers `user` has a team in (every one for a site administrator)."""

    grants = grants_of(user)
    if grants.everything:
        return Organizer.objects.all()
    return Organizer.objects.filter(pk__in=grants.reach)


def is_staff_member(user) -> bool:
    """Any team at all (or a site administrator): may open the staff home."""
    grants = grants_of(user)
    return grants.everything or bool(grants.reach)
