"""Factories: plain functions that build valid objects with overridable fields."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from events import tickets
from events.auth import new_api_token
from events.models import Category, CheckInPoint, ConsentNotice, Edition, Series
from events.registration import services
from organizers.models import Organizer, Team

_seq = itertools.count(1)


def make_organizer(slug: str = "test-organizer", **fields) -> Organizer:
    defaults = {"name": "测试组委会", "name_en": "Test Committee"} | fields
    return Organizer.objects.get_or_create(slug=slug, defaults=defaults)[0]


def make_series(slug: str = "test-series", organizer: Organizer | None = None, **fields) -> Series:
    defaults = {"name": "测试大会", "name_en": "Test Conference", "organizer": organizer or make_organizer()}
    return Series.objects.get_or_create(slug=slug, defaults=defaults | fields)[0]


def make_edition(slug: str | None = None, **fields) -> Edition:
    n = next(_seq)
    series = fields.pop("series", None) or make_series()
    defaults = {
        "series": series,
        "name": f"测试大会 {n}",
        "name_en": f"Test Conference {n}",
        "starts_on": dt.date(2030, 6, 28),
        "ends_on": dt.date(2030, 6, 28),
        "venue": "重庆市大足区",
        "venue_en": "Dazu, Chongqing",
        "signing_key": tickets.new_private_key(),
        "published": True,
    }
    defaults.update(fields)
    if "registration_closes_at" not in fields and defaults["ends_on"] < dt.date.today():
        # Registration closes when an edition ends; a past edition in a test took its registrations while
        # it was open, so it stays open for the test to register people into it.
        defaults["registration_closes_at"] = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    edition = Edition.objects.create(slug=slug or f"test-{n}", **defaults)
    ConsentNotice.objects.create(edition=edition, version="1.0", text="同意", text_en="I agree")
    return edition


def make_category(edition: Edition, code: str = "delegate", **fields) -> Category:
    defaults = {"name": "参会代表", "name_en": "Delegate", "capacity": None}
    defaults.update(fields)
    return Category.objects.create(edition=edition, code=code, **defaults)


def make_point(edition: Edition, code: str = "main-hall", categories=(), **fields) -> CheckInPoint:
    defaults = {"name": "主会场", "name_en": "Main hall"}
    defaults.update(fields)
    point = CheckInPoint.objects.create(edition=edition, code=code, **defaults)
    point.categories.set(categories or list(edition.categories.all()))
    return point


def register(edition: Edition, category: str = "delegate", **fields) -> services.RegistrationResult:
    n = next(_seq)
    data = {
        "name": f"张{n}",
        "organization": "重庆市经济和信息化委员会",
        "email": f"person{n}@example.com",
        "consent": True,
    }
    data.update(fields)
    return services.register_attendee(edition=edition, category_code=category, **data)


# The three staff roles of old, as the teams that replace them (the test organiser, every series).
ROLE_FLAGS = {"organiser": ["admin"], "checkin": ["checkin"], "viewer": ["view"]}


def make_team(
    flags, *, organizer: Organizer | None = None, series=(), editions=(), members=(), name: str | None = None
) -> Team:
    """A team with `flags`; scope: the listed series or editions, else the whole organiser."""
    organizer = organizer or make_organizer()
    team = Team.objects.create(
        organizer=organizer,
        name=name or f"team-{next(_seq)}",
        permissions=list(flags),
        all_series=not (series or editions),
    )
    team.series.set(series)
    team.editions.set(editions)
    team.members.add(*members)
    return team


def make_user(username: str, role: str | None = None, password: str | None = "pw-123456", **scope):
    """A user holding `role` (an old role name, or a flag, or a list of flags) in a team over the whole
    organiser of `organizer=`, or over `series=` or `editions=`; with none of them, in a team of every
    organiser that exists (the test organiser, the demo's), as the old global roles were. No role: no
    team."""
    model = get_user_model()
    if password is None:
        user = model.objects.create(username=username)  # no password: hashing one costs a second
    else:
        user = model.objects.create_user(username=username, password=password)
    if role:
        flags = ROLE_FLAGS.get(role, [role]) if isinstance(role, str) else list(role)
        if scope:
            make_team(flags, members=[user], **scope)
        else:
            make_organizer()
            for organizer in Organizer.objects.all():
                make_team(flags, organizer=organizer, members=[user])
    return user


def token_for(username: str, role: str | None, **scope) -> str:
    return new_api_token(user=make_user(username, role, **scope))
