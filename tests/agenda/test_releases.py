import datetime as dt
import json

import pytest
from icalendar import Calendar

from agenda import services
from agenda.models import Release
from tests.agenda.factories import make_person, make_room, make_session
from tests.factories import make_edition, token_for

pytestmark = pytest.mark.django_db

DAY = dt.date(2023, 6, 28)


def publish(client, slug, token, comment=""):
    return client.post(
        f"/api/v1/events/{slug}/agenda/releases",
        json.dumps({"comment": comment}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture
def edition():
    edition = make_edition(starts_on=DAY, ends_on=DAY)
    make_room(edition, "主会场", name_en="Main hall")
    make_room(edition, "平行论坛厅", name_en="Forum hall")
    return edition


def test_publish_first_release_is_version_1_with_all_sessions_new(client, edition):
    make_session(edition, "09:00", "09:10")
    make_session(edition, "09:10", "09:20", title="致辞", kind="speech")
    token = token_for("org", "organiser")
    r = publish(client, edition.slug, token, "首次发布")
    assert r.status_code == 201
    assert r.json()["version"] == 1
    assert [(c["type"], c["title"]) for c in r.json()["changes"]] == [("new", "开幕式"), ("new", "致辞")]


def test_publish_second_release_logs_moved_changed_cancelled_new(edition):
    opening = make_session(edition, "09:00", "09:10")
    speech = make_session(edition, "09:10", "09:20", title="致辞", kind="speech")
    dropped = make_session(edition, "09:20", "09:30", title="茶歇", kind="break")
    services.publish_release(edition=edition)
    services.update_session(
        session=opening, changes={"starts_at": "2023-06-28T09:30", "ends_at": "2023-06-28T09:40"}
    )
    services.update_session(session=speech, changes={"title_en": "Speech by MIIT"})
    dropped_id = dropped.pk
    services.cancel_session(session=dropped)
    added = make_session(edition, "10:00", "10:30", title="签约仪式", kind="signing_ceremony")
    release = services.publish_release(edition=edition, comment="开幕时间调整")
    got = {c["id"]: c["type"] for c in release.changes}
    assert got == {opening.pk: "moved", speech.pk: "changed", dropped_id: "cancelled", added.pk: "new"}
    moved = next(c for c in release.changes if c["type"] == "moved")
    assert (moved["before"]["starts_at"], moved["starts_at"]) == (
        "2023-06-28T09:00:00+08:00",
        "2023-06-28T09:30:00+08:00",
    )
    assert release.version == 2


def test_publish_without_changes_is_409(client, edition):
    make_session(edition)
    token = token_for("org", "organiser")
    publish(client, edition.slug, token)
    r = publish(client, edition.slug, token)
    assert r.status_code == 409
    assert Release.objects.filter(edition=edition).count() == 1


def test_publish_viewer_is_403_and_anonymous_401(client, edition):
    make_session(edition)
    assert publish(client, edition.slug, token_for("v", "viewer")).status_code == 403
    assert (
        client.post(
            f"/api/v1/events/{edition.slug}/agenda/releases", "{}", content_type="application/json"
        ).status_code
        == 401
    )


def test_public_agenda_before_publishing_is_404_saying_so(client, edition):
    make_session(edition)
    r = client.get(f"/api/v1/events/{edition.slug}/agenda", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 404
    assert "not been published" in r.json()["detail"]
    assert client.get(f"/api/v1/events/{edition.slug}/agenda").json()["detail"] == "议程尚未发布。"
    assert client.get(f"/api/v1/events/{edition.slug}/agenda.ics").status_code == 404


def test_public_agenda_unknown_edition_is_404(client):
    r = client.get("/api/v1/events/no-such-thing/agenda", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 404
    assert "No edition" in r.json()["detail"]


def test_public_agenda_serves_latest_release_not_working_copy(client, edition):
    cui = make_person(edition)
    session = make_session(edition, "09:00", "09:30", speakers=[cui.name])
    services.publish_release(edition=edition, comment="v1")
    make_session(edition, "11:00", "11:30", title="未发布的议程")
    r = client.get(f"/api/v1/events/{edition.slug}/agenda")
    assert r.status_code == 200
    data = r.json()
    assert data["version"] == 1
    assert [s["title"] for s in data["sessions"]] == ["开幕式"]
    s = data["sessions"][0]
    assert {k: s[k] for k in ("id", "title", "title_en", "kind", "starts_at", "ends_at", "room")} == {
        "id": session.pk,
        "title": "开幕式",
        "title_en": "Opening",
        "kind": "opening",
        "starts_at": "2023-06-28T09:00:00+08:00",
        "ends_at": "2023-06-28T09:30:00+08:00",
        "room": "主会场",
    }
    assert [p["name_en"] for p in s["speakers"]] == ["Cui Shutian"]
    assert [c["version"] for c in data["changelog"]] == [1]


def test_public_agenda_after_second_release_shows_change_log(client, edition):
    session = make_session(edition, "09:00", "09:30")
    services.publish_release(edition=edition)
    services.update_session(session=session, changes={"room": "平行论坛厅"})
    services.publish_release(edition=edition, comment="开幕式改在平行论坛厅")
    data = client.get(f"/api/v1/events/{edition.slug}/agenda").json()
    assert data["version"] == 2
    assert data["sessions"][0]["room"] == "平行论坛厅"
    assert [(c["version"], c["comment"]) for c in data["changelog"]] == [(2, "开幕式改在平行论坛厅"), (1, "")]
    assert [(c["type"], c["before"]["room"]) for c in data["changes"]] == [("moved", "主会场")]


def test_public_agenda_etag_gives_304(client, edition):
    make_session(edition)
    services.publish_release(edition=edition)
    first = client.get(f"/api/v1/events/{edition.slug}/agenda")
    again = client.get(f"/api/v1/events/{edition.slug}/agenda", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_public_agenda_etag_changes_with_new_release(client, edition):
    session = make_session(edition)
    services.publish_release(edition=edition)
    etag = client.get(f"/api/v1/events/{edition.slug}/agenda")["ETag"]
    services.update_session(session=session, changes={"title": "开幕式（调整）"})
    services.publish_release(edition=edition)
    r = client.get(f"/api/v1/events/{edition.slug}/agenda", headers={"If-None-Match": etag})
    assert r.status_code == 200
    assert r.json()["sessions"][0]["title"] == "开幕式（调整）"


def _ics(client, slug):
    r = client.get(f"/api/v1/events/{slug}/agenda.ics")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(r.content)


def test_ics_has_one_event_per_session_in_edition_time_zone(client, edition):
    make_session(edition, "09:00", "09:30")
    make_session(
        edition, "14:00", "15:00", title="分论坛", kind="forum", room=edition.rooms.get(name="平行论坛厅")
    )
    services.publish_release(edition=edition)
    cal = _ics(client, edition.slug)
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["开幕式 / Opening", "分论坛 / Opening"]
    start = events[0].decoded("DTSTART")
    assert (start.isoformat(), str(events[0]["DTSTART"].params["TZID"])) == (
        "2023-06-28T09:00:00+08:00",
        "Asia/Shanghai",
    )
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_ics_uids_are_stable_across_releases_and_sequence_goes_up(client, edition):
    session = make_session(edition, "09:00", "09:30")
    services.publish_release(edition=edition)
    before = _ics(client, edition.slug).walk("VEVENT")[0]
    services.update_session(
        session=session, changes={"starts_at": "2023-06-28T10:00", "ends_at": "2023-06-28T10:30"}
    )
    services.publish_release(edition=edition)
    after = _ics(client, edition.slug).walk("VEVENT")[0]
    assert str(after["UID"]) == str(before["UID"])
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART").isoformat() == "2023-06-28T10:00:00+08:00"


def test_list_releases_is_public_newest_first(client, edition):
    session = make_session(edition)
    services.publish_release(edition=edition, comment="一")
    services.update_session(session=session, changes={"title": "开幕"})
    services.publish_release(edition=edition, comment="二")
    r = client.get(f"/api/v1/events/{edition.slug}/agenda/releases")
    assert [(x["version"], x["comment"]) for x in r.json()] == [(2, "二"), (1, "一")]


def test_public_agenda_weak_or_listed_etag_gives_304(client, edition):
    make_session(edition)
    services.publish_release(edition=edition)
    etag = client.get(f"/api/v1/events/{edition.slug}/agenda")["ETag"]
    r = client.get(f"/api/v1/events/{edition.slug}/agenda", headers={"If-None-Match": f'"x", W/{etag}'})
    assert r.status_code == 304
