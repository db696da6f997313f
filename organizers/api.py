"""The platform API: organisers, their series and editions, teams, users and team tokens. Each endpoint asks
organizers.permissions for the object its path names (`admin` for teams, users and tokens, `settings` for
series and editions); a site administrator creates organisers."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from events.auth import mint_api_token, staff
from events.exceptions import Forbidden, InvalidInput, NotFound
from events.models import ApiToken
from events.registration.schemas import EditionOut
from events.selectors import get_edition

from . import services
from .models import Team
from .permissions import FLAGS, organizers_for, require
from .schemas import (
    EditionIn,
    OrganizerIn,
    OrganizerOut,
    SeriesIn,
    SeriesOut,
    TeamIn,
    TeamOut,
    TokenCreatedOut,
    TokenIn,
    UserCreatedOut,
    UserIn,
)

router = Router(tags=["organisers"])
ANY_STAFF = staff(*FLAGS)
ADMIN = staff("admin")
SETTINGS = staff("settings")


def team_out(team: Team) -> dict:
    if team.all_series:
        scope = {"organizer": True}
    elif team.editions.exists():
        scope = {"editions": sorted(team.editions.values_list("slug", flat=True))}
    else:
        scope = {"series": sorted(team.series.values_list("slug", flat=True))}
    return {
        "id": team.pk,
        "organizer": team.organizer.slug,
        "name": team.name,
        "permissions": list(team.permissions),
        "scope": scope,
        "members": sorted(team.members.values_list("username", flat=True)),
        "tokens": list(
            team.tokens.order_by("created_at").values("id", "name", "prefix", "created_at", "last_used_at")
        ),
    }


@router.get("/organizers", response=list[OrganizerOut], auth=ANY_STAFF)
def list_organizers(request: HttpRequest):
    """The organisers the caller has a team in (every one for a site administrator)."""
    return list(organizers_for(request.user))


@router.post("/organizers", response={201: OrganizerOut}, auth=ADMIN)
def create_organizer(request: HttpRequest, payload: OrganizerIn):
    """Site administrators only; the caller joins the new organiser's admin team."""

    if not request.user.is_superuser:
        raise Forbidden(_("Only a site administrator creates organisers."))
    return Status(201, services.create_organizer(**payload.dict(), creator=request.user))


@router.post("/organizers/{org}/series", response={201: SeriesOut}, auth=SETTINGS)
def create_series(request: HttpRequest, org: str, payload: SeriesIn):
    organizer = services.get_organizer(org)
    require(request, "settings", organizer=organizer)
    series = services.create_series(organizer=organizer, **payload.dict())
    return Status(201, {**payload.dict(), "organizer": organizer.slug, "slug": series.slug})


@router.post("/series/{series}/editions", response={201: EditionOut}, auth=SETTINGS)
def create_edition(request: HttpRequest, series: str, payload: EditionIn):
    """Empty, or cloned from `clone_from` (an edition of the same organiser the caller manages: else 403)."""

    row = services.get_series(series)
    require(request, "settings", series=row)
    data = payload.dict()
    source = data.pop("clone_from")
    if source:
        try:
            source = get_edition(source)
        except NotFound:
            raise InvalidInput(_("No edition '%(slug)s'.") % {"slug": source}, field="clone_from")
    edition = services.create_edition(series=row, clone_from=source or None, user=request.user, **data)
    return Status(201, edition)


@router.get("/organizers/{org}/teams", response=list[TeamOut], auth=ADMIN)
def list_teams(request: HttpRequest, org: str):
    organizer = services.get_organizer(org)
    require(request, "admin", organizer=organizer)
    return [team_out(t) for t in organizer.teams.prefetch_related("members", "series", "editions")]


@router.post("/organizers/{org}/teams", response={201: TeamOut}, auth=ADMIN)
def create_team(request: HttpRequest, org: str, payload: TeamIn):
    organizer = services.get_organizer(org)
    require(request, "admin", organizer=organizer)
    team = services.save_team(organizer=organizer, changes=payload.dict(exclude_unset=True))
    return Status(201, team_out(team))


def _admin_team(request, team_id: int) -> Team:
    team = services.get_team(team_id)
    require(request, "admin", organizer=team.organizer)
    return team


@router.patch("/teams/{team_id}", response=TeamOut, auth=ADMIN)
def patch_team(request: HttpRequest, team_id: int, payload: TeamIn):
    team = _admin_team(request, team_id)
    changes = payload.dict(exclude_unset=True)
    return team_out(services.save_team(organizer=team.organizer, team=team, changes=changes))


@router.delete("/teams/{team_id}", response={204: None}, auth=ADMIN)
def delete_team(request: HttpRequest, team_id: int):
    services.delete_team(team=_admin_team(request, team_id))
    return Status(204, None)


@router.post("/organizers/{org}/users", response={201: UserCreatedOut}, auth=ADMIN)
def create_user(request: HttpRequest, org: str, payload: UserIn):
    """A user without a password and the one-time link where they set one (shown this once); add them to a
    team with PATCH /teams/{id} (members)."""
    require(request, "admin", organizer=services.get_organizer(org))
    user, path = services.create_user(**payload.dict())
    return Status(201, {"username": user.username, "set_password_url": settings.SITE_URL + path})


@router.post("/teams/{team_id}/tokens", response={201: TokenCreatedOut}, auth=ADMIN)
def create_token(request: HttpRequest, team_id: int, payload: TokenIn):
    """A team token (it acts with the team's flags and scope); the secret is shown this once."""
    team = _admin_team(request, team_id)
    row, secret = mint_api_token(team=team, name=payload.name)
    return Status(201, {"id": row.pk, "token": secret})


@router.delete("/tokens/{token_id}", response={204: None}, auth=ADMIN)
def delete_token(request: HttpRequest, token_id: int):
    """Revoke a team's token (the team's organiser's `admin`), or one's own token."""

    row = ApiToken.objects.select_related("team__organizer").filter(pk=token_id).first()
    if row is None:
        raise NotFound(_("No such token."))
    if row.team_id is not None:
        require(request, "admin", organizer=row.team.organizer)
    elif row.user_id != request.user.pk and not request.user.is_superuser:
        raise Forbidden(_("You do not have access to this."))
    row.delete()
    return Status(204, None)
