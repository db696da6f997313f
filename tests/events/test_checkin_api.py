"""The check-in API: who may scan, bad bodies as 4xx, replays, the documented verdict schema, a revoked
token or removed role refused at once."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from events.auth import new_api_token
from events.checkin.schemas import CheckInOut
from events.models import ApiToken, Scan
from tests.events.test_config_cache import other_worker
from tests.factories import make_category, make_edition, make_user, token_for

from .checkin_client import confirmed_ticket, door_edition, post_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    return door_edition()


def test_checkin_api_without_credentials_is_401(client, door):
    assert post_scan(client, door.slug, {"token": "x"}).status_code == 401


def test_checkin_api_viewer_role_is_403(client, door):
    response = post_scan(client, door.slug, {"token": "x"}, token_for("v", "view"))
    assert response.status_code == 403
    assert Scan.objects.count() == 0


def test_checkin_api_checkin_role_gets_verdict_and_is_logged_as_user(client, door):
    api_token = token_for("door", "checkin")
    reg, ticket = confirmed_ticket(door)
    response = post_scan(client, door.slug, {"token": ticket, "nonce": "n1"}, api_token)
    assert response.status_code == 200
    assert response.json()["result"] == "ok"
    assert response.json()["registration"]["code"] == reg.code
    assert Scan.objects.get().user.username == "door"


def test_checkin_api_organiser_may_scan(client, door):
    _, ticket = confirmed_ticket(door)
    response = post_scan(client, door.slug, {"token": ticket}, token_for("boss", "admin"))
    assert response.json()["result"] == "ok"


def test_checkin_api_nonce_replay_returns_same_body(client, door):
    api_token = token_for("door", "checkin")
    _, ticket = confirmed_ticket(door)
    first = post_scan(client, door.slug, {"token": ticket, "nonce": "r1"}, api_token).json()
    second = post_scan(client, door.slug, {"token": ticket, "nonce": "r1"}, api_token).json()
    assert second == first
    assert Scan.objects.count() == 1


@pytest.mark.parametrize("raw", ["[1, 2]", '"token"', "42", "null", "{not json", ""])
def test_checkin_api_body_not_an_object_is_4xx(client, door, raw):
    response = post_scan(client, door.slug, None, token_for("door", "checkin"), raw=raw)
    assert 400 <= response.status_code < 500
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("body", [{}, {"token": 12}, {"token": None}, {"token": "x", "nonce": "n" * 65}])
def test_checkin_api_invalid_fields_are_422(client, door, body):
    response = post_scan(client, door.slug, body, token_for("door", "checkin"))
    assert response.status_code == 422


def test_checkin_api_unknown_point_is_422_unknown_edition_404(client, door):
    api_token = token_for("door", "checkin")
    assert post_scan(client, door.slug, {"token": "x", "point": "roof"}, api_token).status_code == 422
    assert post_scan(client, "no-such", {"token": "x"}, api_token).status_code == 404


def test_checkin_api_session_needs_csrf(door):
    make_user("sess", "checkin")
    _, ticket = confirmed_ticket(door)
    client = Client(enforce_csrf_checks=True)
    client.login(username="sess", password="pw-123456")
    assert post_scan(client, door.slug, {"token": ticket}).status_code == 403
    client.get(f"/staff/e/{door.slug}/checkin")
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/v1/events/{door.slug}/checkin",
        json.dumps({"token": ticket}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 200
    assert response.json()["result"] == "ok"


def test_checkin_api_inactive_user_token_is_401_superuser_is_allowed(client, door):
    api_token = token_for("gone", "checkin")
    get_user_model().objects.filter(username="gone").update(is_active=False)
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 401
    root = get_user_model().objects.create_superuser("root", password="pw-123456")
    response = post_scan(client, door.slug, {"token": "x"}, new_api_token(user=root))
    assert response.json()["result"] == "unknown"
    assert Scan.objects.get().user == root


def test_checkin_edition_without_points_is_409(client):
    edition = make_edition()
    make_category(edition)
    response = post_scan(client, edition.slug, {"token": "x"}, token_for("door", "checkin"))
    assert response.status_code == 409
    assert response.json()["field"] == "point"


def test_checkin_api_every_verdict_body_matches_the_documented_schema(client, door):
    api_token = token_for("door", "checkin")
    reg, ticket = confirmed_ticket(door, name="欧阳娜娜")
    other = make_edition()
    make_category(other)
    _, foreign = confirmed_ticket(other)
    bodies = [
        post_scan(client, door.slug, {"token": ticket}, api_token),
        post_scan(client, door.slug, {"token": ticket}, api_token),
        post_scan(client, door.slug, {"token": "garbage"}, api_token),
        post_scan(client, door.slug, {"token": foreign}, api_token),
    ]
    assert [r["Content-Type"] for r in bodies] == ["application/json; charset=utf-8"] * 4
    parsed = [CheckInOut.model_validate(r.json()) for r in bodies]
    assert [p.result for p in parsed] == ["ok", "already_checked_in", "unknown", "wrong_event"]
    assert parsed[0].registration.name == "欧阳娜娜"
    assert parsed[1].first_checked_in_at is not None
    assert parsed[2].reason == "malformed"
    assert parsed[3].ticket_edition == other.slug


def test_checkin_api_revoked_token_or_removed_role_is_refused_at_once(client, door):
    api_token = token_for("door", "checkin")
    user = get_user_model().objects.get(username="door")
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 200
    team = user.huiwu_teams.get()
    user.huiwu_teams.clear()
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 403
    team.members.add(user)
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 200
    ApiToken.objects.filter(user=user).delete()
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_checkin_api_token_revoked_or_role_removed_by_another_worker_stops_working_at_once(client, door):
    # This process holds the token's user and roles in its cache (events/cache.py); the revocation is made
    # by a real second process, as another web worker or the admin would: the next scan here is refused.
    api_token = token_for("door", "checkin")
    team = get_user_model().objects.get(username="door").huiwu_teams.get()
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 200
    other_worker(
        "from django.contrib.auth.models import User\nUser.objects.get(username='door').huiwu_teams.clear()"
    )
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 403
    other_worker(
        "from django.contrib.auth.models import User\nfrom organizers.models import Team\n"
        f"Team.objects.get(pk={team.pk}).members.add(User.objects.get(username='door'))"
    )
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 200
    other_worker(
        "from events.models import ApiToken\nApiToken.objects.filter(user__username='door').delete()"
    )
    assert post_scan(client, door.slug, {"token": "x"}, api_token).status_code == 401
