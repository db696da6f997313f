"""Inputs an attacker or a careless client sends: each gets a 4xx in the JSON error shape naming the field
(or, for a page's query parameter, is ignored), never a 500; and types are what the document says."""

import datetime as dt
import json

import pytest
from django.test import override_settings

from agenda import services
from tests.agenda.factories import make_room, make_session
from tests.factories import make_category, make_edition, token_for
from tests.signing.factories import make_project

pytestmark = pytest.mark.django_db

BIG = [10**20, 2**31]


@pytest.fixture
def edition():
    edition = make_edition(starts_on=dt.date(2030, 6, 28), ends_on=dt.date(2030, 6, 29))
    make_category(edition)
    make_room(edition)
    return edition


@pytest.fixture
def organiser():
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}


def send(client, method, path, body, auth=None, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(path, data, content_type=content_type, **(auth or {}))


def fields(response) -> set:
    body = response.json()
    if isinstance(body["detail"], list):
        return {e["field"] for e in body["detail"]}
    return {body.get("field")}


@pytest.mark.parametrize("capacity", BIG)
def test_category_capacity_too_big_is_422(client, edition, organiser, capacity):
    r = send(
        client,
        "patch",
        f"/api/v1/events/{edition.slug}/categories/delegate",
        {"capacity": capacity},
        organiser,
    )
    assert (r.status_code, fields(r)) == (422, {"capacity"})


@pytest.mark.parametrize("capacity", BIG)
def test_room_capacity_too_big_is_422(client, edition, organiser, capacity):
    r = send(
        client,
        "post",
        f"/api/v1/events/{edition.slug}/rooms",
        {"name": "大厅", "capacity": capacity},
        organiser,
    )
    assert (r.status_code, fields(r)) == (422, {"capacity"})


@pytest.mark.parametrize("starts_on", ["9999-12-31", "0001-01-01", 0, 1700000000, "", None, [2024, 1, 1]])
def test_clone_with_an_impossible_start_is_422(client, edition, organiser, starts_on):
    r = send(
        client,
        "post",
        f"/api/v1/events/{edition.slug}/clone",
        {"slug": "x-2099", "starts_on": starts_on},
        organiser,
    )
    assert (r.status_code, fields(r)) == (422, {"starts_on"})


@pytest.mark.parametrize(
    "when",
    [
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00-12:00",
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T23:59:59+14:00",
        "0001-01-01T00:00:00",
    ],
)
def test_session_at_the_ends_of_time_is_422(client, edition, organiser, when):
    body = {"title": "开幕", "kind": "opening", "room": "主会场", "starts_at": when, "ends_at": when}
    r = send(client, "post", f"/api/v1/events/{edition.slug}/sessions", body, organiser)
    assert (r.status_code, fields(r)) == (422, {"starts_at"})


@pytest.mark.parametrize("amount", ["1e300", "1E+30", 1e300, "-1e300", "1e-300"])
def test_absurd_amount_is_422(client, edition, organiser, amount):
    r = send(
        client,
        "post",
        f"/api/v1/events/{edition.slug}/signing-projects",
        {"name": "项目", "amount": amount},
        organiser,
    )
    assert (r.status_code, fields(r)) == (422, {"amount"})


@pytest.mark.parametrize("at", ["0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00", "garbage", "2030-13-45"])
def test_agenda_page_ignores_an_impossible_at(client, edition, at):
    make_session(edition)
    services.publish_release(edition=edition)
    r = client.get(f"/e/{edition.slug}/agenda", {"at": at})
    assert r.status_code == 200


LONG = "长" * 301


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        (
            "post",
            "/api/v1/events/{slug}/sessions",
            {"title": LONG, "kind": "talk", "room": "主会场"},
            "title",
        ),
        ("post", "/api/v1/events/{slug}/signing-projects", {"name": LONG}, "name"),
        ("post", "/api/v1/events/{slug}/signing-projects", {"name": "项目", "notes": "x" * 100_001}, "notes"),
        ("post", "/api/v1/events/{slug}/rooms", {"name": LONG}, "name"),
        ("post", "/api/v1/events/{slug}/people", {"name": LONG}, "name"),
        (
            "post",
            "/api/v1/events/{slug}/signing-projects",
            {"name": "项目", "parties": [{"organization": LONG}]},
            "organization",
        ),
        ("post", "/api/v1/events/{slug}/agenda/releases", {"comment": LONG + LONG}, "comment"),
    ],
)
def test_text_longer_than_its_column_is_422(client, edition, organiser, method, path, body, field):
    body = dict(body)
    if "kind" in body:
        body |= {"starts_at": "2030-06-28T09:00", "ends_at": "2030-06-28T10:00"}
    r = send(client, method, path.format(slug=edition.slug), body, organiser)
    assert (r.status_code, field in fields(r)) == (422, True), r.content


REGISTRATION = {"category": "delegate", "name": "张三", "organization": "某单位", "email": "z@example.com"}


@pytest.mark.parametrize("consent", ["yes", 1, "on", "true", 1.0, [True], {"v": True}])
def test_consent_must_be_json_true(client, edition, consent):
    r = send(
        client, "post", f"/api/v1/events/{edition.slug}/registrations", REGISTRATION | {"consent": consent}
    )
    assert (r.status_code, fields(r)) == (422, {"consent"})


def test_an_array_where_an_object_is_expected_is_422(client, edition):
    r = send(
        client, "post", f"/api/v1/events/{edition.slug}/registrations", [REGISTRATION | {"consent": True}]
    )
    assert r.status_code == 422
    assert isinstance(r.json()["detail"], list)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]
)
def test_a_body_that_is_not_json_is_415(client, edition, content_type):
    body = json.dumps(REGISTRATION | {"consent": True})
    r = client.generic(
        "POST", f"/api/v1/events/{edition.slug}/registrations", body, content_type=content_type
    )
    assert r.status_code == 415
    assert r.json() == {"detail": "请以 JSON 格式提交。"}


def test_json_with_a_charset_is_accepted(client, edition):
    body = json.dumps(REGISTRATION | {"consent": True})
    r = client.post(
        f"/api/v1/events/{edition.slug}/registrations", body, content_type="application/json; charset=utf-8"
    )
    assert r.status_code == 202


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_gets_the_json_error_shape(client, edition):
    body = REGISTRATION | {"consent": True, "title": "x" * 2000}
    r = send(client, "post", f"/api/v1/events/{edition.slug}/registrations", body)
    assert r.status_code == 413
    assert r["Content-Type"] == "application/json; charset=utf-8"
    assert r.json() == {"detail": "提交的内容过大。"}


def test_a_project_amount_at_the_column_limit_is_kept_exactly(client, edition, organiser):
    make_project(edition)
    r = send(
        client,
        "post",
        f"/api/v1/events/{edition.slug}/signing-projects",
        {"name": "大项目", "amount": "9999999999999.99"},
        organiser,
    )
    assert (r.status_code, r.json()["amount"]) == (201, "9999999999999.99")
