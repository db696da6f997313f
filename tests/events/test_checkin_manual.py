"""Check-in by hand (手动补签): a required reason, stored on the scan, counted apart."""

import datetime as dt

import pytest
from django.utils import timezone

from events import selectors
from events.checkin import stats as checkin_stats
from events.models import Scan
from tests.factories import make_category, make_edition, make_point, make_user, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    make_point(edition, "main-hall", [delegate], is_default=True)
    return edition


@pytest.fixture
def auth():
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for('door-1', 'checkin')}"}


def post(client, edition, auth, **body):
    return client.post(
        f"/api/v1/events/{edition.slug}/checkin", body, content_type="application/json", **auth
    )


def test_manual_check_in_stores_the_reason_and_is_counted_apart(client, door, auth):
    by_hand = register(door, name="王小明")
    scanned = register(door, name="李四")
    response = post(
        client, door, auth, token=by_hand.ticket_token, manual_reason="  忘带手机 ", device="search"
    )
    assert response.status_code == 200
    assert response.json()["result"] == "ok"
    assert post(client, door, auth, token=scanned.ticket_token).json()["result"] == "ok"
    # A second manual scan of the same person is "already in" and does not count twice.
    again = post(client, door, auth, token=by_hand.ticket_token, manual_reason="其他：前台核对身份证")
    assert again.json()["result"] == "already_checked_in"

    rows = list(
        Scan.objects.filter(edition=door).order_by("id").values_list("registration__name", "manual_reason")
    )
    assert rows == [("王小明", "忘带手机"), ("李四", None), ("王小明", "其他：前台核对身份证")]

    data = checkin_stats.dashboard(selectors.get_edition(door.slug))
    assert (data["checked_in"], data["manual"]) == (2, 1)
    hall = client.get(f"/api/v1/events/{door.slug}/checkin/hall", **auth).json()
    assert (hall["arrived"], hall["manual"]) == (2, 1)


def test_a_blank_reason_is_refused_and_records_nothing(client, door, auth):
    person = register(door)
    response = post(client, door, auth, token=person.ticket_token, manual_reason="   ")
    assert response.status_code == 422
    assert response.json()["field"] == "manual_reason"
    assert "请填写手动补签的原因" in response.json()["detail"]
    assert Scan.objects.filter(edition=door).count() == 0
    too_long = post(client, door, auth, token=person.ticket_token, manual_reason="x" * 201)
    assert too_long.status_code == 422
    assert Scan.objects.filter(edition=door).count() == 0


def test_dashboard_and_hall_screen_say_how_many_came_in_by_hand(client, door, auth):
    person = register(door)
    post(client, door, auth, token=person.ticket_token, manual_reason="手机没电")
    client.force_login(make_user("door-page", "checkin"))
    dashboard = client.get(f"/staff/e/{door.slug}/checkin/dashboard").content.decode()
    assert "其中手动补签 1" in dashboard
    hall = client.get(f"/staff/e/{door.slug}/hall").content.decode()
    assert '其中手动补签 <strong id="hall-manual">1</strong>' in hall


def test_anonymising_the_edition_blanks_the_typed_reason_but_keeps_the_count(client, door, auth):
    from events.privacy import purge as privacy

    person = register(door)
    post(client, door, auth, token=person.ticket_token, manual_reason="核对身份证 王小明")
    privacy.anonymise_edition(edition=door, force=True)
    assert list(Scan.objects.filter(edition=door).values_list("manual_reason", flat=True)) == [""]
    assert checkin_stats.manual_count(door.id) == 1


def sync(client, door, auth, scans):
    return client.post(
        f"/api/v1/events/{door.slug}/checkin/sync",
        {"device": "door-A", "scans": scans},
        content_type="application/json",
        **auth,
    )


def test_a_check_in_by_hand_made_offline_keeps_its_reason_through_sync(client, door, auth):
    by_hand = register(door, name="王小明")
    at = (timezone.now() - dt.timedelta(minutes=5)).isoformat()
    scans = [{"nonce": "m1", "token": by_hand.ticket_token, "scanned_at": at, "manual_reason": " 手机没电 "}]

    first = sync(client, door, auth, scans)
    replay = sync(client, door, auth, scans)

    assert first.status_code == 200
    assert first.json()["results"][0]["result"] == "ok"
    assert replay.json()["results"][0]["result"] == "ok"
    assert list(Scan.objects.filter(edition=door).values_list("manual_reason", "device")) == [
        ("手机没电", "door-A")
    ]
    assert checkin_stats.dashboard(selectors.get_edition(door.slug))["manual"] == 1


def test_an_offline_check_in_by_hand_with_a_blank_reason_is_refused_and_nothing_synced(client, door, auth):
    person, other = register(door), register(door)
    scans = [
        {"nonce": "s1", "token": other.ticket_token},
        {"nonce": "m1", "token": person.ticket_token, "manual_reason": "  "},
    ]

    response = sync(client, door, auth, scans)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "第 2 条：请填写手动补签的原因。",
        "field": "manual_reason",
    }
    assert Scan.objects.filter(edition=door).count() == 0
