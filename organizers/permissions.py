"""The one authorisation decision: does this user (or token) hold `flag` for this edition, series or
organiser? Every staff endpoint and page asks `allowed` (or `require`), and nothing else decides a role.

Flags are one word each, the same in the API, the pages and the docs. `admin` implies every flag.
"""

from django.utils.translation import gettext

from events.exceptions import Forbidden

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

# TEMPORARY until teams land: each flag as one of the three old global roles (events.auth.user_roles).
_ROLE_OF_FLAG = {flag: "organiser" for flag in FLAGS} | {"checkin": "checkin", "view": "viewer"}


def allowed(user, flag: str, *, edition=None, series=None, organizer=None) -> bool:
    """True when `user` (a Django user; a token acts as its user or team) holds `flag` for the object given,
    or, with no object, anywhere. `flag` may also be a tuple: any of them."""
    # a circle: events.auth and events.access ask this module, which reads events.auth's roles
    from events.auth import user_roles

    flags = (flag,) if isinstance(flag, str) else tuple(flag)
    for one in flags:
        if one not in FLAGS:
            raise ValueError(f"unknown flag {one!r}")
    roles = user_roles(user)
    return any(_ROLE_OF_FLAG[one] in roles for one in flags)


def require(request, flag, *, edition=None, series=None, organizer=None) -> None:
    """Raise Forbidden (403, in the request's language) unless the request's user holds `flag` there."""
    if not allowed(request.user, flag, edition=edition, series=series, organizer=organizer):
        raise Forbidden(gettext("You do not have access to this."))


def editions_for(user, flag=None):
    """The editions `user` reaches (holding `flag`, or any flag when None), as a queryset of events.Edition:
    what staff lists, searches and the console show. TEMPORARY: every edition for any staff role."""
    # a circle: events.auth and events.access ask this module, which reads events.auth's roles
    from events.auth import user_roles
    from events.models import Edition

    if flag is None:
        return Edition.objects.all() if user_roles(user) else Edition.objects.none()
    return Edition.objects.all() if allowed(user, flag) else Edition.objects.none()
