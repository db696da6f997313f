"""The platform API: organisers, series, editions, teams, users (one-time set-password link), team tokens."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from events.auth import new_api_token
from events.models import ApiToken, Edition
from organizers.models import Organizer, Team
from tests.factories import make_category, make_edition, make_organizer, make_series, make_team

pytestmark = pytest.mark.django_db


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, url, body, token, method="post"):
    return getattr(client, method)(f"/api/v1{url}", body, content_type="application/json", **bearer(token))


@pytest.fixture
def dazu():
    organizer = make_organizer("dazu")
    series = make_series("conf", organizer=organizer)
    edition = make_edition("conf-1", series=series)
    make_category(edition)
    admin = get_user_model().objects.create(username="boss")
    make_team(["admin"], organizer=organizer, members=[admin])
    return {"organizer": organizer, "series": series, "edition": edition, "token": new_api_token(user=admin)}


@pytest.fixture
def week():
    organizer = make_organizer("week")
    edition = make_edition("week-1", series=make_series("week", organizer=organizer))
    admin = get_user_model().objects.create(username="weekboss")
    make_team(["admin"], organizer=organizer, members=[admin])
    return {"organizer": organizer, "edition": edition, "token": new_api_token(user=admin)}


def test_site_administrator_creates_an_organiser_and_joins_its_admin_team(client):
    root = get_user_model().objects.create(username="root", is_superuser=True)
    token = new_api_token(user=root)

    response = post(client, "/organizers", {"slug": "expo", "name": "博览会组委会"}, token)

    assert response.status_code == 201
    assert response.json() == {"slug": "expo", "name": "博览会组委会", "name_en": ""}
    team = Team.objects.get(organizer__slug="expo")
    assert (team.permissions, team.all_series, list(team.members.all())) == (["admin"], True, [root])


def test_only_a_site_administrator_creates_organisers(client, dazu):
    response = post(client, "/organizers", {"slug": "expo", "name": "x"}, dazu["token"])

    assert response.status_code == 403
    assert not Organizer.objects.filter(slug="expo").exists()


def test_organisers_listed_are_those_reached(client, dazu, week):
    response = client.get("/api/v1/organizers", **bearer(dazu["token"]))

    assert [o["slug"] for o in response.json()] == ["dazu"]


def test_series_and_editions_empty_and_cloned(client, dazu):
    series = post(client, "/organizers/dazu/series", {"slug": "expo", "name": "博览会"}, dazu["token"])
    empty = post(
        client,
        "/series/expo/editions",
        {"slug": "expo-2031", "name": "2031博览会", "starts_on": "2031-05-01", "venue": "重庆"},
        dazu["token"],
    )
    cloned = post(
        client,
        "/series/conf/editions",
        {"slug": "conf-2", "name": "第二届", "starts_on": "2031-06-28", "clone_from": "conf-1"},
        dazu["token"],
    )

    assert series.status_code == 201 and series.json()["organizer"] == "dazu"
    assert empty.status_code == 201
    assert empty.json()["ends_on"] == "2031-05-01"
    assert cloned.status_code == 201, cloned.content
    new = Edition.objects.get(slug="conf-2")
    assert (new.series.slug, new.name, list(new.categories.values_list("code", flat=True))) == (
        "conf",
        "第二届",
        ["delegate"],
    )
    assert new.starts_on == dt.date(2031, 6, 28)


def test_cloning_across_organisers_is_refused(client, dazu, week):
    response = post(
        client,
        "/series/conf/editions",
        {"slug": "stolen", "name": "x", "starts_on": "2031-06-28", "clone_from": "week-1"},
        dazu["token"],
    )

    assert response.status_code == 403
    assert not Edition.objects.filter(slug="stolen").exists()


def test_another_organisers_series_is_refused(client, dazu, week):
    series = post(client, "/organizers/week/series", {"slug": "x", "name": "x"}, dazu["token"])
    edition = post(
        client, "/series/week/editions", {"slug": "x", "name": "x", "starts_on": "2031-01-01"}, dazu["token"]
    )

    assert (series.status_code, edition.status_code) == (403, 403)


def test_bad_edition_input_names_the_field(client, dazu):
    taken = post(
        client,
        "/series/conf/editions",
        {"slug": "conf-1", "name": "x", "starts_on": "2031-01-01"},
        dazu["token"],
    )
    dates = post(
        client,
        "/series/conf/editions",
        {"slug": "x", "name": "x", "starts_on": "2031-01-02", "ends_on": "2031-01-01"},
        dazu["token"],
    )
    slug = post(
        client,
        "/series/conf/editions",
        {"slug": "a b", "name": "x", "starts_on": "2031-01-01"},
        dazu["token"],
    )

    assert (taken.status_code, taken.json()["field"]) == (409, "slug")
    assert (dates.status_code, dates.json()["field"]) == (422, "ends_on")
    assert (slug.status_code, slug.json()["field"]) == (422, "slug")


def test_team_create_change_delete(client, dazu):
    get_user_model().objects.create(username="door1")
    created = post(
        client,
        "/organizers/dazu/teams",
        {"name": "门岗", "permissions": ["checkin"], "scope": {"editions": ["conf-1"]}, "members": ["door1"]},
        dazu["token"],
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert {k: body[k] for k in ("name", "permissions", "scope", "members")} == {
        "name": "门岗",
        "permissions": ["checkin"],
        "scope": {"editions": ["conf-1"]},
        "members": ["door1"],
    }

    changed = post(client, f"/teams/{body['id']}", {"scope": {"series": ["conf"]}}, dazu["token"], "patch")
    assert changed.status_code == 200
    assert changed.json()["scope"] == {"series": ["conf"]}
    listed = client.get("/api/v1/organizers/dazu/teams", **bearer(dazu["token"]))
    assert sorted(t["name"] for t in listed.json()) == sorted(
        [
            "门岗",
            *Team.objects.filter(organizer__slug="dazu").exclude(name="门岗").values_list("name", flat=True),
        ]
    )

    deleted = client.delete(f"/api/v1/teams/{body['id']}", **bearer(dazu["token"]))
    assert deleted.status_code == 204
    assert not Team.objects.filter(pk=body["id"]).exists()


def test_unknown_flag_or_scope_outside_the_organiser_is_422_naming_the_field(client, dazu, week):
    flag = post(
        client,
        "/organizers/dazu/teams",
        {"name": "x", "permissions": ["root"], "scope": {"organizer": True}},
        dazu["token"],
    )
    outside = post(
        client,
        "/organizers/dazu/teams",
        {"name": "x", "permissions": ["view"], "scope": {"editions": ["week-1"]}},
        dazu["token"],
    )
    series = post(
        client,
        "/organizers/dazu/teams",
        {"name": "x", "permissions": ["view"], "scope": {"series": ["week"]}},
        dazu["token"],
    )
    member = post(
        client,
        "/organizers/dazu/teams",
        {"name": "x", "permissions": ["view"], "scope": {"organizer": True}, "members": ["ghost"]},
        dazu["token"],
    )

    assert (flag.status_code, flag.json()["field"]) == (422, "permissions")
    assert (outside.status_code, outside.json()["field"]) == (422, "scope.editions")
    assert (series.status_code, series.json()["field"]) == (422, "scope.series")
    assert (member.status_code, member.json()["field"]) == (422, "members")
    assert not Team.objects.filter(name="x").exists()


def test_another_organisers_team_is_403(client, dazu, week):
    team = Team.objects.get(organizer=week["organizer"])

    patch = post(client, f"/teams/{team.pk}", {"name": "mine"}, dazu["token"], "patch")
    delete = client.delete(f"/api/v1/teams/{team.pk}", **bearer(dazu["token"]))
    tokens = post(client, f"/teams/{team.pk}/tokens", {}, dazu["token"])
    listing = client.get("/api/v1/organizers/week/teams", **bearer(dazu["token"]))

    assert [r.status_code for r in (patch, delete, tokens, listing)] == [403, 403, 403, 403]


def test_new_user_sets_a_password_once_then_logs_in(client, dazu):
    response = post(
        client, "/organizers/dazu/users", {"username": "door2", "email": "door2@example.com"}, dazu["token"]
    )
    assert response.status_code == 201
    url = response.json()["set_password_url"]
    path = re.sub(r"^https?://[^/]+", "", url)
    assert path.startswith("/staff/set-password/")
    browser = Client()

    page = browser.get(path)
    done = browser.post(path, {"new_password1": "Door-pass-2031!", "new_password2": "Door-pass-2031!"})
    again = browser.get(path)

    assert page.status_code == 200
    assert done.status_code == 302 and done["Location"] == "/staff/login"
    assert again.status_code == 404
    assert browser.login(username="door2", password="Door-pass-2031!")


def test_username_taken_is_409(client, dazu):
    response = post(
        client, "/organizers/dazu/users", {"username": "boss", "email": "b@example.com"}, dazu["token"]
    )

    assert (response.status_code, response.json()["field"]) == (409, "username")


def test_team_token_minted_once_acts_for_the_team_and_is_revoked(client, dazu):
    team = make_team(["view"], organizer=dazu["organizer"], editions=[dazu["edition"]])

    minted = post(client, f"/teams/{team.pk}/tokens", {"name": "screen"}, dazu["token"])
    assert minted.status_code == 201
    secret = minted.json()["token"]
    assert ApiToken.objects.get(pk=minted.json()["id"]).team == team
    assert client.get("/api/v1/events/conf-1/registrations", **bearer(secret)).status_code == 200
    assert client.get("/api/v1/events/conf-1/units", **bearer(secret)).status_code == 200
    assert (
        post(client, "/events/conf-1/categories/delegate", {"capacity": 5}, secret, "patch").status_code
        == 403
    )

    revoked = client.delete(f"/api/v1/tokens/{minted.json()['id']}", **bearer(dazu["token"]))

    assert revoked.status_code == 204
    assert client.get("/api/v1/events/conf-1/registrations", **bearer(secret)).status_code == 401


def test_create_token_command_for_a_team(dazu):
    from io import StringIO

    from django.core.management import call_command

    team = make_team(["checkin"], organizer=dazu["organizer"])
    out = StringIO()

    call_command("create_token", "--team", str(team.pk), stdout=out)

    secret = out.getvalue().strip()
    assert Client().get("/api/v1/events/conf-1/checkin/search?q=x", **bearer(secret)).status_code == 200
