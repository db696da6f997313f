"""Writes of the platform: organisers, series, editions (empty or cloned), teams, users with a one-time
set-password link, team tokens. Keyword-only, one transaction each; errors are events.exceptions (422 names
the field, 409 a name taken, 403 outside the caller's reach)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from events import tickets
from events.cloning import clone_edition
from events.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from events.models import Edition, Series

from .models import Organizer, Team
from .permissions import FLAGS, allowed

ADMIN_TEAM = "管理员 Administrators"


def _slug(value: str, field: str = "slug") -> str:
    try:
        validate_slug(value)
    except ValidationError:
        raise InvalidInput(_("Use only letters, digits, hyphens and underscores."), field=field)
    return value


def get_organizer(slug: str) -> Organizer:
    organizer = Organizer.objects.filter(slug=slug).first()
    if organizer is None:
        raise NotFound(_("No such organiser."))
    return organizer


def get_series(slug: str):

    series = Series.objects.select_related("organizer").filter(slug=slug).first()
    if series is None:
        raise NotFound(_("No such series."))
    return series


def get_team(team_id: int) -> Team:
    team = Team.objects.select_related("organizer").filter(pk=team_id).first()
    if team is None:
        raise NotFound(_("No such team."))
    return team


@transaction.atomic
def create_organizer(*, slug: str, name: str, name_en: str = "", creator) -> Organizer:
    """A new organiser with its admin team (the whole organiser, `admin`), the creator its first member."""
    _slug(slug)
    if Organizer.objects.filter(slug=slug).exists():
        raise Conflict(_("The slug '%(slug)s' is taken.") % {"slug": slug}, field="slug")
    organizer = Organizer.objects.create(slug=slug, name=name, name_en=name_en)
    team = Team.objects.create(organizer=organizer, name=ADMIN_TEAM, permissions=["admin"], all_series=True)
    team.members.add(creator)
    return organizer


def create_series(*, organizer: Organizer, slug: str, name: str, name_en: str = ""):

    _slug(slug)
    try:
        with transaction.atomic():
            return Series.objects.create(organizer=organizer, slug=slug, name=name, name_en=name_en)
    except IntegrityError:
        raise Conflict(_("The slug '%(slug)s' is taken.") % {"slug": slug}, field="slug")


def create_edition(
    *,
    series,
    slug: str,
    name: str,
    starts_on: dt.date,
    name_en: str = "",
    ends_on: dt.date | None = None,
    venue: str = "",
    clone_from=None,
    user=None,
):
    """A new edition of `series`: empty, or cloned from `clone_from` (events/cloning.py), which must be an
    edition of the same organiser that `user` holds `settings` on (else 403)."""

    _slug(slug)
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput(_("The end date cannot be before the start date."), field="ends_on")
    if clone_from is not None:
        if clone_from.series.organizer_id != series.organizer_id or not allowed(
            user, "settings", edition=clone_from
        ):
            raise Forbidden(_("You can clone only an edition of this organiser that you manage."))
        with transaction.atomic():
            new = clone_edition(source=clone_from, slug=slug, starts_on=starts_on, series=series)
            new.name, new.name_en = name, name_en or new.name_en
            if ends_on is not None:
                new.ends_on = ends_on
            if venue:
                new.venue = venue
            new.save()
        return new
    if Edition.objects.filter(slug=slug).exists():
        raise Conflict(_("The slug '%(slug)s' is taken.") % {"slug": slug}, field="slug")
    try:
        with transaction.atomic():
            return Edition.objects.create(
                series=series,
                slug=slug,
                name=name,
                name_en=name_en,
                starts_on=starts_on,
                ends_on=ends_on or starts_on,
                venue=venue,
                signing_key=tickets.new_private_key(),
            )
    except IntegrityError:
        raise Conflict(_("The slug '%(slug)s' is taken.") % {"slug": slug}, field="slug")


def _flags(permissions) -> list[str]:
    unknown = [p for p in permissions if p not in FLAGS]
    if unknown:
        raise InvalidInput(
            _("Unknown permission: %(flags)s. Known: %(known)s.")
            % {"flags": ", ".join(unknown), "known": ", ".join(FLAGS)},
            field="permissions",
        )
    return list(dict.fromkeys(permissions))


def _scope(organizer: Organizer, scope: dict):
    """(all_series, series rows, edition rows) of a scope body, each inside `organizer` (else 422)."""

    keys = [k for k, v in scope.items() if v not in (None, False)]
    if len(keys) != 1 or keys[0] not in ("organizer", "series", "editions"):
        raise InvalidInput(
            _('The scope is one of {"organizer": true}, {"series": [...]} or {"editions": [...]}.'),
            field="scope",
        )
    key = keys[0]
    if key == "organizer":
        return True, [], []
    slugs = list(dict.fromkeys(scope[key] or []))
    model = Series if key == "series" else Edition
    inside = {"organizer": organizer} if key == "series" else {"series__organizer": organizer}
    rows = list(model.objects.filter(slug__in=slugs, **inside))
    outside = sorted(set(slugs) - {r.slug for r in rows})
    if not slugs or outside:
        raise InvalidInput(
            _("Not in this organiser: %(slugs)s.") % {"slugs": ", ".join(outside) or "[]"},
            field=f"scope.{key}",
        )
    return False, (rows if key == "series" else []), (rows if key == "editions" else [])


def _members(usernames) -> list:
    users = list(get_user_model().objects.filter(username__in=usernames))
    unknown = sorted(set(usernames) - {u.username for u in users})
    if unknown:
        raise InvalidInput(_("No such user: %(names)s.") % {"names": ", ".join(unknown)}, field="members")
    return users


@transaction.atomic
def save_team(*, organizer: Organizer, team: Team | None = None, changes: dict) -> Team:
    """Create (team None) or change a team: name, permissions, scope, members; everything checked before
    anything is written."""
    if team is None:
        for required in ("name", "permissions", "scope"):
            if changes.get(required) is None:
                raise InvalidInput(_("This field is required."), field=required)
        team = Team(organizer=organizer)
    if "name" in changes:
        name = (changes["name"] or "").strip()
        if not name:
            raise InvalidInput(_("This field is required."), field="name")
        if Team.objects.filter(organizer=organizer, name=name).exclude(pk=team.pk).exists():
            raise Conflict(_("A team '%(name)s' exists already.") % {"name": name}, field="name")
        team.name = name
    if "permissions" in changes:
        team.permissions = _flags(changes["permissions"] or [])
    scope = _scope(organizer, changes["scope"]) if changes.get("scope") is not None else None
    members = _members(changes["members"]) if changes.get("members") is not None else None
    if scope is not None:
        team.all_series = scope[0]
    team.save()
    if scope is not None:
        team.series.set(scope[1])
        team.editions.set(scope[2])
    if members is not None:
        team.members.set(members)
    return team


def delete_team(*, team: Team) -> None:
    team.delete()  # its tokens go with it (ApiToken.team cascades); its members stay users


def create_user(*, username: str, email: str, name: str = "") -> tuple:
    """A staff user without a password and the one-time link where they set one (Django's password-reset
    token: it stops working once the password is set). (user, path of the link)."""
    model = get_user_model()
    username = username.strip()
    if not username:
        raise InvalidInput(_("This field is required."), field="username")
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("Enter a valid e-mail address."), field="email")
    if model.objects.filter(username=username).exists():
        raise Conflict(_("The username '%(name)s' is taken.") % {"name": username}, field="username")
    user = model(username=username, email=email, first_name=name[:150])
    user.set_unusable_password()
    user.save()
    return user, set_password_path(user)


def set_password_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "staff_set_password", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)}
    )
