"""/staff/o/{org}/teams (flag `admin` on the organiser): teams with members, flags and scope; create and edit;
add a person by e-mail with a one-time set-password link shown once; mint (shown once) and revoke tokens."""

import re

import pytest
from django.contrib.auth import get_user_model

from events.models import ApiToken
from organizers.models import Team
from tests.factories import make_edition, make_organizer, make_series, make_team, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return make_organizer("test-organizer")


@pytest.fixture
def admin(client, org):
    user = make_user("chief", None)
    make_team(["admin"], organizer=org, members=[user], name="管理员")
    client.force_login(user)
    return client


def test_teams_page_needs_admin_on_that_organiser(client, org):
    other = make_organizer("other")
    user = make_user("chief", None)
    make_team(["admin"], organizer=other, members=[user])
    make_team(["settings"], organizer=org, members=[user])
    client.force_login(user)
    assert client.get("/staff/o/test-organizer/teams").status_code == 403
    assert client.get("/staff/o/other/teams").status_code == 200
    client.logout()
    assert client.get("/staff/o/other/teams").status_code == 302


def test_create_a_door_team_scoped_to_one_edition(admin, org):
    edition = make_edition(series=make_series(organizer=org))
    response = admin.post(
        "/staff/o/test-organizer/teams",
        {
            "new-name": "门口",
            "new-permissions": ["checkin"],
            "new-scope": "editions",
            "new-editions": [edition.slug],
        },
    )
    assert response.status_code == 302
    team = Team.objects.get(organizer=org, name="门口")
    assert (team.permissions, team.all_series, [e.slug for e in team.editions.all()]) == (
        ["checkin"],
        False,
        [edition.slug],
    )
    html = admin.get("/staff/o/test-organizer/teams").content.decode()
    assert "门口" in html and edition.name in html


def test_scope_without_a_listed_edition_is_refused(admin, org):
    response = admin.post(
        "/staff/o/test-organizer/teams",
        {"new-name": "门口", "new-permissions": ["checkin"], "new-scope": "editions"},
    )
    assert response.status_code == 422
    assert "请至少勾选一项。" in response.content.decode()
    assert not Team.objects.filter(name="门口").exists()


def test_add_a_new_person_by_email_shows_the_link_once_and_it_sets_the_password(admin, org, client):
    team = make_team(["checkin"], organizer=org, name="门口")
    response = admin.post(
        f"/staff/o/test-organizer/teams/{team.pk}/add-member", {f"m{team.pk}-email": "Vol@Example.com"}
    )
    assert response.status_code == 201
    link = re.search(r'id="shown-once" readonly value="([^"]+)"', response.content.decode()).group(1)
    assert "/staff/set-password/" in link
    user = get_user_model().objects.get(email="vol@example.com")
    assert list(team.members.all()) == [user]
    assert link not in admin.get("/staff/o/test-organizer/teams").content.decode()  # shown once
    admin.logout()
    path = link.split("testserver", 1)[1]
    assert (
        client.post(
            path, {"new_password1": "door-Pass-2031!", "new_password2": "door-Pass-2031!"}
        ).status_code
        == 302
    )
    assert client.login(username="vol@example.com", password="door-Pass-2031!")


def test_an_existing_account_joins_without_a_link(admin, org):
    team = make_team(["view"], organizer=org, name="查看")
    known = make_user("known", None)
    known.email = "known@example.com"
    known.save()
    response = admin.post(
        f"/staff/o/test-organizer/teams/{team.pk}/add-member", {f"m{team.pk}-email": "known@example.com"}
    )
    assert response.status_code == 302
    assert list(team.members.all()) == [known]


def test_bad_email_is_refused_on_the_form(admin, org):
    team = make_team(["view"], organizer=org)
    response = admin.post(
        f"/staff/o/test-organizer/teams/{team.pk}/add-member", {f"m{team.pk}-email": "nope"}
    )
    assert response.status_code == 422
    assert team.members.count() == 0


def test_mint_shows_the_token_once_and_revoke_stops_it(admin, org, client):
    edition = make_edition(series=make_series(organizer=org))
    team = make_team(["view"], organizer=org, name="看板")
    response = admin.post(f"/staff/o/test-organizer/teams/{team.pk}/mint-token", {f"k{team.pk}-name": "大屏"})
    assert response.status_code == 201
    secret = re.search(r'id="shown-once" readonly value="(hw_[^"]+)"', response.content.decode()).group(1)
    assert response["Cache-Control"] == "no-store"
    api = f"/api/v1/events/{edition.slug}/registrations"
    other = client.__class__()
    assert other.get(api, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    token = ApiToken.objects.get(team=team)
    assert (
        admin.post(f"/staff/o/test-organizer/teams/{team.pk}/revoke-token", {"token": token.pk}).status_code
        == 302
    )
    assert other.get(api, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_edit_a_team_flags(admin, org):
    team = make_team(["view"], organizer=org, name="查看")
    response = admin.post(
        f"/staff/o/test-organizer/teams/{team.pk}/edit",
        {
            f"t{team.pk}-name": "报名组",
            f"t{team.pk}-permissions": ["registrations", "view"],
            f"t{team.pk}-scope": "organizer",
        },
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.permissions) == ("报名组", ["registrations", "view"])


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_teams_page_in_both_languages(admin, org, lang):
    make_team(["checkin"], organizer=org, name="门口")
    admin.cookies["django_language"] = lang
    html = admin.get("/staff/o/test-organizer/teams").content.decode()
    assert ("团队" if lang == "zh-hans" else "Teams") in html
