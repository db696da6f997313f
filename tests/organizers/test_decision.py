"""The one authorisation decision (organizers/permissions.py) as a table of cases: user x team scope x
flag x edition -> allowed. Run on SQLite and PostgreSQL (CI runs the suite on both)."""

import pytest
from django.contrib.auth import get_user_model

from events.auth import new_api_token
from organizers.permissions import FLAGS, allowed, editions_for, organizers_for
from tests.factories import make_edition, make_organizer, make_series, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two organisers. `dazu` owns series `conf` (editions `conf-1`, `conf-2`) and `fair` (`fair-1`);
    `week` owns series `week` (`week-1`)."""
    dazu, week = make_organizer("dazu"), make_organizer("week")
    conf = make_series("conf", organizer=dazu)
    fair = make_series("fair", organizer=dazu)
    week_series = make_series("week", organizer=week)
    return {
        "dazu": dazu,
        "week": week,
        "conf": conf,
        "fair": fair,
        "conf-1": make_edition("conf-1", series=conf),
        "conf-2": make_edition("conf-2", series=conf),
        "fair-1": make_edition("fair-1", series=fair),
        "week-1": make_edition("week-1", series=week_series),
    }


def user_in(world, flags, scope):
    """A fresh user in one team of `dazu` holding `flags` over `scope`: "organizer", ("series", slug) or
    ("editions", slug)."""
    user = get_user_model().objects.create(username=f"u{get_user_model().objects.count()}")
    kwargs = {}
    if scope != "organizer":
        kind, slug = scope
        kwargs[kind] = [world[slug]]
    make_team(flags, organizer=world["dazu"], members=[user], **kwargs)
    return get_user_model().objects.get(pk=user.pk)  # a request's fresh user object


CASES = [
    # flags, scope, flag asked, edition, allowed
    (["checkin"], "organizer", "checkin", "conf-1", True),
    (["checkin"], "organizer", "checkin", "fair-1", True),
    (["checkin"], "organizer", "checkin", "week-1", False),  # another organiser's edition
    (["checkin"], "organizer", "registrations", "conf-1", False),  # another flag
    (["checkin"], ("series", "conf"), "checkin", "conf-1", True),
    (["checkin"], ("series", "conf"), "checkin", "conf-2", True),
    (["checkin"], ("series", "conf"), "checkin", "fair-1", False),  # another series of the same organiser
    (["checkin"], ("series", "conf"), "view", "conf-1", False),
    (["checkin"], ("editions", "conf-1"), "checkin", "conf-1", True),
    (["checkin"], ("editions", "conf-1"), "checkin", "conf-2", False),  # the same series, another edition
    (["view"], ("editions", "conf-1"), "view", "conf-1", True),
    (["view"], ("editions", "conf-1"), "registrations", "conf-1", False),
    (["view", "checkin"], ("editions", "conf-1"), "checkin", "conf-1", True),
    (["admin"], "organizer", "settings", "conf-1", True),  # admin implies every flag
    (["admin"], "organizer", "reports", "fair-1", True),
    (["admin"], "organizer", "checkin", "week-1", False),
    (["admin"], ("series", "conf"), "documents", "conf-2", True),
    (["admin"], ("series", "conf"), "documents", "fair-1", False),
    (["admin"], ("editions", "conf-2"), "signing", "conf-2", True),
    (["admin"], ("editions", "conf-2"), "signing", "conf-1", False),
    ([], "organizer", "view", "conf-1", False),  # a team without flags
    (["nonsense"], "organizer", "view", "conf-1", False),  # an unknown stored word holds nothing
]


@pytest.mark.parametrize("flags,scope,flag,edition,expected", CASES)
def test_decision_table(world, flags, scope, flag, edition, expected):
    user = user_in(world, flags, scope)

    assert allowed(user, flag, edition=world[edition]) is expected


def test_any_of_several_flags(world):
    user = user_in(world, ["view"], ("series", "conf"))

    assert allowed(user, ("registrations", "view"), edition=world["conf-1"]) is True
    assert allowed(user, ("registrations", "settings"), edition=world["conf-1"]) is False


def test_no_object_means_the_flag_somewhere(world):
    door = user_in(world, ["checkin"], ("editions", "conf-1"))

    assert allowed(door, "checkin") is True
    assert allowed(door, "view") is False


def test_series_scope_covers_an_edition_created_later(world):
    user = user_in(world, ["checkin"], ("series", "conf"))
    assert allowed(user, "checkin", edition=world["conf-1"]) is True

    later = make_edition("conf-3", series=world["conf"])

    assert allowed(user, "checkin", edition=later) is True
    assert list(editions_for(user).order_by("slug").values_list("slug", flat=True)) == [
        "conf-1",
        "conf-2",
        "conf-3",
    ]


def test_organizer_scope_covers_a_series_created_later(world):
    user = user_in(world, ["view"], "organizer")
    new_series = make_series("expo", organizer=world["dazu"])
    later = make_edition("expo-1", series=new_series)

    fresh = get_user_model().objects.get(pk=user.pk)

    assert allowed(fresh, "view", edition=later) is True
    assert allowed(fresh, "view", series=new_series) is True


def test_series_and_organizer_objects(world):
    wide = user_in(world, ["settings"], "organizer")
    one_series = user_in(world, ["settings"], ("series", "conf"))
    one_edition = user_in(world, ["settings"], ("editions", "conf-1"))

    assert [allowed(u, "settings", organizer=world["dazu"]) for u in (wide, one_series, one_edition)] == [
        True,
        False,
        False,
    ]
    assert [allowed(u, "settings", series=world["conf"]) for u in (wide, one_series, one_edition)] == [
        True,
        True,
        False,
    ]
    assert allowed(wide, "settings", organizer=world["week"]) is False
    assert allowed(wide, "settings", series=world["fair"]) is True
    assert allowed(one_series, "settings", series=world["fair"]) is False


def test_site_administrator_may_everything(world):
    admin = get_user_model().objects.create(username="root", is_superuser=True)

    assert all(allowed(admin, flag, edition=world["week-1"]) for flag in FLAGS)
    assert editions_for(admin).count() == 4
    assert organizers_for(admin).count() == 2


def test_deactivated_user_holds_nothing(world):
    user = user_in(world, ["admin"], "organizer")
    user.is_active = False
    user.save()

    assert allowed(user, "view", edition=world["conf-1"]) is False
    assert list(editions_for(user)) == []


def test_anonymous_holds_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert allowed(AnonymousUser(), "view", edition=world["conf-1"]) is False
    assert allowed(None, "view") is False


def test_editions_for_and_organizers_for_stay_inside_the_organiser(world):
    user = user_in(world, ["admin"], "organizer")

    assert sorted(editions_for(user).values_list("slug", flat=True)) == ["conf-1", "conf-2", "fair-1"]
    assert sorted(editions_for(user, "checkin").values_list("slug", flat=True)) == [
        "conf-1",
        "conf-2",
        "fair-1",
    ]
    assert [o.slug for o in organizers_for(user)] == ["dazu"]


def test_editions_for_one_flag(world):
    user = user_in(world, ["checkin"], ("editions", "conf-2"))

    assert list(editions_for(user, "checkin").values_list("slug", flat=True)) == ["conf-2"]
    assert list(editions_for(user, "view")) == []


def test_unknown_flag_is_a_programming_error(world):
    user = user_in(world, ["view"], "organizer")

    with pytest.raises(ValueError):
        allowed(user, "everything")


def _bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_team_token_acts_with_the_team_flags_and_scope(world, client):
    team = make_team(["checkin"], organizer=world["dazu"], series=[world["conf"]])
    token = new_api_token(team=team)

    inside = client.get("/api/v1/events/conf-1/checkin/search?q=x", **_bearer(token))
    other_flag = client.get("/api/v1/events/conf-1/registrations", **_bearer(token))
    other_series = client.get("/api/v1/events/fair-1/checkin/search?q=x", **_bearer(token))
    other_organiser = client.get("/api/v1/events/week-1/checkin/search?q=x", **_bearer(token))

    assert inside.status_code == 200
    assert [other_flag.status_code, other_series.status_code, other_organiser.status_code] == [403, 403, 403]
    assert other_flag.json() == {"detail": "您无权访问此内容。"}


def test_a_changed_team_takes_effect_at_the_next_request(world, client):
    team = make_team(["view"], organizer=world["dazu"], editions=[world["conf-1"]])
    token = new_api_token(team=team)
    assert client.get("/api/v1/events/conf-1/registrations", **_bearer(token)).status_code == 200

    team.editions.set([world["conf-2"]])

    assert client.get("/api/v1/events/conf-1/registrations", **_bearer(token)).status_code == 403
    assert client.get("/api/v1/events/conf-2/registrations", **_bearer(token)).status_code == 200


def test_removed_member_loses_access_at_once(world, client):
    user = user_in(world, ["view"], "organizer")
    token = new_api_token(user=user)
    assert client.get("/api/v1/events/conf-1/registrations", **_bearer(token)).status_code == 200

    user.huiwu_teams.clear()

    assert client.get("/api/v1/events/conf-1/registrations", **_bearer(token)).status_code == 403


def test_forbidden_answer_in_the_client_language(world, client):
    token = new_api_token(user=user_in(world, ["view"], "organizer"))

    en = client.get("/api/v1/events/week-1/registrations", HTTP_ACCEPT_LANGUAGE="en", **_bearer(token))
    anonymous = client.get("/api/v1/events/week-1/registrations")

    assert en.status_code == 403
    assert en.json()["detail"] == "You do not have access to this."
    assert anonymous.status_code == 401
