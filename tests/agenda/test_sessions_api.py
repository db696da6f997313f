import json

import pytest

from agenda.models import Session
from tests.agenda.factories import make_person, make_room, make_session
from tests.factories import make_category, make_edition, register, token_for

pytestmark = pytest.mark.django_db


def post(client, url, body, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def patch(client, url, body, token):
    return client.patch(
        url, json.dumps(body), content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


@pytest.fixture
def setup():
    edition = make_edition(
        starts_on=__import__("datetime").date(2023, 6, 28), ends_on=__import__("datetime").date(2023, 6, 28)
    )
    make_room(edition, "主会场", name_en="Main hall", capacity=300)
    make_room(edition, "平行论坛厅", name_en="Forum hall", capacity=80)
    make_person(edition, "崔书田", name_en="Cui Shutian")
    return edition, token_for("org", "organiser")


def body(**over):
    data = {
        "title": "开幕式",
        "title_en": "Opening ceremony",
        "kind": "opening",
        "starts_at": "2023-06-28T09:00",
        "ends_at": "2023-06-28T09:10",
        "room": "主会场",
    }
    data.update(over)
    return data


def test_post_session_naive_time_is_in_edition_time_zone(client, setup):
    edition, token = setup
    r = post(client, f"/api/v1/events/{edition.slug}/sessions", body(speakers=["崔书田"]), token)
    assert r.status_code == 201
    out = r.json()
    assert (out["title"], out["starts_at"], out["ends_at"], out["room"]) == (
        "开幕式",
        "2023-06-28T09:00:00+08:00",
        "2023-06-28T09:10:00+08:00",
        "主会场",
    )
    assert [s["name"] for s in out["speakers"]] == ["崔书田"]
    assert out["conflicts"] == []


def test_post_session_with_offset_is_stored_as_that_instant(client, setup):
    edition, token = setup
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/sessions",
        body(starts_at="2023-06-28T01:00:00Z", ends_at="2023-06-28T01:30:00Z"),
        token,
    )
    assert r.json()["starts_at"] == "2023-06-28T09:00:00+08:00"


def test_post_session_room_clash_is_409_with_conflicts(client, setup):
    edition, token = setup
    post(client, f"/api/v1/events/{edition.slug}/sessions", body(), token)
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/sessions",
        body(title="致辞", kind="speech", starts_at="2023-06-28T09:05", ends_at="2023-06-28T09:20"),
        token,
    )
    assert r.status_code == 409
    assert [c["kind"] for c in r.json()["conflicts"]] == ["room_double_booked"]
    assert r.json()["field"] == "room"
    assert Session.objects.filter(edition=edition).count() == 1


def test_post_session_clash_with_allow_conflicts_is_201_and_listed(client, setup):
    edition, token = setup
    post(client, f"/api/v1/events/{edition.slug}/sessions", body(), token)
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/sessions",
        body(title="致辞", starts_at="2023-06-28T09:05", ends_at="2023-06-28T09:20", allow_conflicts=True),
        token,
    )
    assert r.status_code == 201
    assert [c["kind"] for c in r.json()["conflicts"]] == ["room_double_booked"]
    listed = client.get(
        f"/api/v1/events/{edition.slug}/agenda/conflicts", headers={"Authorization": f"Bearer {token}"}
    )
    assert listed.status_code == 200
    assert listed.json()["count"] == 1
    assert listed.json()["conflicts"][0]["kind"] == "room_double_booked"


def test_post_session_speaker_in_two_rooms_is_409(client, setup):
    edition, token = setup
    post(client, f"/api/v1/events/{edition.slug}/sessions", body(speakers=["Cui Shutian"]), token)
    r = post(
        client, f"/api/v1/events/{edition.slug}/sessions", body(room="平行论坛厅", speakers=["崔书田"]), token
    )
    assert r.status_code == 409
    assert [(c["kind"], c["person"]) for c in r.json()["conflicts"]] == [("person_double_booked", "崔书田")]


def test_post_session_room_smaller_than_expected_categories_is_409(client, setup):
    edition, token = setup
    make_category(edition, "delegate")
    for _ in range(81):
        register(edition, "delegate")
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/sessions",
        body(room="平行论坛厅", expected_categories=["delegate"]),
        token,
    )
    assert r.status_code == 409
    assert [(c["kind"], c["expected"], c["capacity"]) for c in r.json()["conflicts"]] == [
        ("room_too_small", 81, 80)
    ]


def test_post_session_outside_edition_days_is_409_naming_starts_at(client, setup):
    edition, token = setup
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/sessions",
        body(starts_at="2023-07-15T09:00", ends_at="2023-07-15T10:00"),
        token,
    )
    assert r.status_code == 409
    assert r.json()["field"] == "starts_at"
    assert [c["kind"] for c in r.json()["conflicts"]] == ["outside_edition"]


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"ends_at": "2023-06-28T08:00"}, "ends_at"),
        ({"ends_at": "2023-06-28T09:00"}, "ends_at"),
        ({"room": "不存在的厅"}, "room"),
        ({"starts_at": "2023-06-28T25:00"}, "starts_at"),
        ({"starts_at": "tomorrow morning"}, "starts_at"),
        ({"speakers": ["无名氏"]}, "speakers"),
        ({"kind": "party"}, "kind"),
        ({"title": "  "}, "title"),
        ({"expected_categories": ["vip"]}, "expected_categories"),
    ],
)
def test_post_session_bad_input_is_422_naming_the_field(client, setup, over, field):
    edition, token = setup
    r = post(client, f"/api/v1/events/{edition.slug}/sessions", body(**over), token)
    assert r.status_code == 422
    assert r.json()["field"] == field
    assert Session.objects.filter(edition=edition).count() == 0


def test_post_session_missing_title_is_422_naming_the_field(client, setup):
    edition, token = setup
    data = body()
    del data["title"]
    r = post(client, f"/api/v1/events/{edition.slug}/sessions", data, token)
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["detail"]] == ["title"]


def test_post_session_registered_attendee_becomes_linked_speaker(client, setup):
    edition, token = setup
    make_category(edition, "guest")
    reg = register(edition, "guest", name="李宁", name_en="Li Ning").registration
    r = post(client, f"/api/v1/events/{edition.slug}/sessions", body(speakers=["Li Ning"]), token)
    assert r.status_code == 201
    session = Session.objects.get(pk=r.json()["id"])
    assert [p.registration_id for p in session.speakers.all()] == [reg.pk]


def test_post_session_without_credentials_is_401(client, setup):
    edition, _ = setup
    assert post(client, f"/api/v1/events/{edition.slug}/sessions", body()).status_code == 401


def test_post_session_checkin_role_is_403(client, setup):
    edition, _ = setup
    token = token_for("door", "checkin")
    assert post(client, f"/api/v1/events/{edition.slug}/sessions", body(), token).status_code == 403


def test_conflicts_endpoint_viewer_is_403(client, setup):
    edition, _ = setup
    token = token_for("look", "viewer")
    r = client.get(
        f"/api/v1/events/{edition.slug}/agenda/conflicts", headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 403


def test_patch_session_moves_it(client, setup):
    edition, token = setup
    session = make_session(edition, "09:00", "09:30")
    r = patch(
        client,
        f"/api/v1/events/{edition.slug}/sessions/{session.pk}",
        {"starts_at": "2023-06-28T10:00", "ends_at": "2023-06-28T10:30", "room": "Forum hall"},
        token,
    )
    assert r.status_code == 200
    assert (r.json()["starts_at"], r.json()["room"]) == ("2023-06-28T10:00:00+08:00", "平行论坛厅")


def test_patch_session_into_a_clash_is_409_and_keeps_old_time(client, setup):
    edition, token = setup
    make_session(edition, "09:00", "09:30")
    other = make_session(edition, "10:00", "10:30", title="致辞")
    r = patch(
        client, f"/api/v1/events/{edition.slug}/sessions/{other.pk}", {"starts_at": "2023-06-28T09:15"}, token
    )
    assert r.status_code == 409
    other.refresh_from_db()
    assert other.starts_at.isoformat() == "2023-06-28T02:00:00+00:00"


def test_patch_session_end_before_start_is_422(client, setup):
    edition, token = setup
    session = make_session(edition, "09:00", "09:30")
    r = patch(
        client, f"/api/v1/events/{edition.slug}/sessions/{session.pk}", {"ends_at": "2023-06-28T08:30"}, token
    )
    assert (r.status_code, r.json()["field"]) == (422, "ends_at")


def test_delete_session_removes_it_from_working_copy(client, setup):
    edition, token = setup
    session = make_session(edition)
    r = client.delete(
        f"/api/v1/events/{edition.slug}/sessions/{session.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert r.status_code == 204
    assert Session.objects.filter(edition=edition).count() == 0


def test_unknown_session_is_404(client, setup):
    edition, token = setup
    r = patch(client, f"/api/v1/events/{edition.slug}/sessions/999999", {"title": "x"}, token)
    assert r.status_code == 404


def test_post_room_duplicate_is_409(client, setup):
    edition, token = setup
    r = post(client, f"/api/v1/events/{edition.slug}/rooms", {"name": "主会场"}, token)
    assert (r.status_code, r.json()["field"]) == (409, "name")


def test_openapi_schema_lists_agenda_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/events/{slug}/agenda",
        "/api/v1/events/{slug}/agenda.ics",
        "/api/v1/events/{slug}/agenda/releases",
        "/api/v1/events/{slug}/agenda/conflicts",
        "/api/v1/events/{slug}/sessions",
        "/api/v1/events/{slug}/documents/programme.pdf",
    } <= set(paths)


def test_admin_lists_sessions_for_superuser(client, setup):
    from django.contrib.auth import get_user_model

    edition, _ = setup
    make_session(edition)
    get_user_model().objects.create_superuser("root", "root@example.com", "pw-123456")
    client.login(username="root", password="pw-123456")
    assert client.get("/admin/agenda/session/").status_code == 200
    assert client.get("/admin/agenda/release/").status_code == 200


def test_post_session_naive_time_uses_the_editions_own_zone(client):
    import datetime as dt

    edition = make_edition(
        starts_on=dt.date(2030, 3, 31), ends_on=dt.date(2030, 3, 31), timezone="Europe/Berlin"
    )
    make_room(edition, "Saal 1", name_en="Hall 1")
    token = token_for("org-berlin", "organiser")
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/sessions",
        body(starts_at="2030-03-31T09:00", ends_at="2030-03-31T10:00", room="Hall 1"),
        token,
    )
    assert r.status_code == 201
    assert r.json()["starts_at"] == "2030-03-31T09:00:00+02:00"  # summer time began that night
    assert Session.objects.get(pk=r.json()["id"]).starts_at == dt.datetime(2030, 3, 31, 7, 0, tzinfo=dt.UTC)
