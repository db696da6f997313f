import datetime as dt
import gzip
import json

import pytest
from cryptography.exceptions import InvalidSignature
from django.test import Client
from django.utils import timezone

from events import tickets
from events.checkin import offline as checkin_offline
from events.checkin import scanning
from events.models import Admission, Scan
from events.registration import links as registration_links
from events.registration import services
from tests.factories import make_category, make_edition, make_point, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True)
    make_point(edition, "main-hall", [delegate, guest], is_default=True)
    make_point(edition, "dinner", [guest], name="欢迎晚宴", name_en="Welcome dinner", entry="many")
    return edition


@pytest.fixture
def api():
    token = token_for("door", "checkin")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def snapshot_url(edition, point=""):
    return f"/api/v1/events/{edition.slug}/checkin/snapshot" + (f"?point={point}" if point else "")


def sync(api, edition, device, scans):
    return api.post(
        f"/api/v1/events/{edition.slug}/checkin/sync",
        {"device": device, "scans": scans},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",  # a client that reads the English messages asks for them
    )


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_snapshot_holds_what_the_door_needs_and_no_contact_details(door, api):
    ok = register(door, name="王小明", organization="大足石刻文创园", title="主任", phone="13900001234")
    gone = register(door, name="李雨桐")
    services.cancel_registration(registration=gone.registration)
    scanning.check_in(slug=door.slug, token=ok.ticket_token, device="gate-1")

    res = api.get(snapshot_url(door, "main-hall"))

    assert res.status_code == 200
    raw = res.content
    snap = json.loads(raw)
    assert snap["edition"] == door.slug
    assert snap["point"] == "main-hall"
    people = {p[0]: dict(zip(snap["people_fields"], p, strict=True)) for p in snap["people"]}
    me = people[ok.registration.code]
    assert me["name"] == "王小明"
    assert me["status"] == "confirmed"
    assert me["version"] == 1
    assert me["title"] == "主任"
    assert snap["organizations"][me["organization"]] == ["大足石刻文创园", ""]
    assert snap["categories"][me["category"]]["code"] == "delegate"
    assert people[gone.registration.code]["status"] == "cancelled"
    assert list(snap["admitted"]) == ["main-hall"]
    assert list(snap["admitted"]["main-hall"]) == [ok.registration.code]
    assert snap["admitted"]["main-hall"][ok.registration.code][1] == 1
    assert {p["code"]: (p["check_type"], p["categories"]) for p in snap["points"]} == {
        "main-hall": ("once", ["delegate", "guest"]),
        "dinner": ("many", ["guest"]),
    }
    text = raw.decode()
    assert "13900001234" not in text
    assert ok.registration.email not in text
    assert "@" not in text
    generated = dt.datetime.fromisoformat(snap["generated_at"])
    assert dt.datetime.fromisoformat(snap["expires_at"]) - generated == checkin_offline.SNAPSHOT_TTL


def test_snapshot_signature_verifies_with_the_tickets_public_key_and_fails_when_edited(door, api):
    register(door, name="王小明")
    res = api.get(snapshot_url(door))
    signature = tickets.b64d(res["X-Snapshot-Signature"])
    key = tickets.public_key(door.signing_key)
    key.verify(signature, checkin_offline.SIGNATURE_PREFIX + res.content)
    with pytest.raises(InvalidSignature):
        key.verify(
            signature,
            checkin_offline.SIGNATURE_PREFIX + res.content.replace("王小明".encode(), "王大明".encode()),
        )


def test_snapshot_unchanged_answers_304_and_changes_after_a_scan(door, api):
    result = register(door)
    first = api.get(snapshot_url(door))
    etag = first["ETag"]
    again = api.get(snapshot_url(door), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    scanning.check_in(slug=door.slug, token=result.ticket_token)
    after = api.get(snapshot_url(door), HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag


def test_snapshot_gzip_when_asked(door, api):
    register(door)
    plain = api.get(snapshot_url(door))
    packed = api.get(snapshot_url(door), HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content))["people"] == json.loads(plain.content)["people"]


def test_snapshot_needs_the_checkin_role(door):
    assert Client().get(snapshot_url(door)).status_code == 401
    viewer = token_for("viewer", "view")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {viewer}").get(snapshot_url(door)).status_code == 403


def test_snapshot_unknown_point_is_422(door, api):
    res = api.get(snapshot_url(door, "nowhere"))
    assert res.status_code == 422
    assert res.json()["field"] == "point"


def test_sync_answers_each_scan_in_order_and_keeps_device_time(door, api):
    good = register(door, name="王小明")
    gone = register(door)
    services.cancel_registration(registration=gone.registration)
    at = timezone.now() - dt.timedelta(minutes=20)
    scans = [
        {"nonce": "n1", "token": good.ticket_token, "point": "main-hall", "scanned_at": iso(at)},
        {
            "nonce": "n2",
            "token": good.ticket_token[:-4] + "AAAA",
            "point": "main-hall",
            "scanned_at": iso(at),
        },
        {"nonce": "n3", "token": gone.ticket_token, "point": "main-hall", "scanned_at": iso(at)},
        {"nonce": "n4", "token": good.ticket_token, "point": "main-hall", "scanned_at": iso(at)},
    ]

    res = sync(api, door, "gate-1", scans)

    assert res.status_code == 200
    results = res.json()["results"]
    assert [(r["nonce"], r["result"], r["conflict"]) for r in results] == [
        ("n1", "ok", None),
        ("n2", "unknown", None),
        ("n3", "cancelled", None),
        ("n4", "already_checked_in", None),  # the same device: it saw its own admission, no conflict
    ]
    assert results[0]["scanned_at"] == iso(at)
    assert Admission.objects.get(registration=good.registration).first_at == at
    assert Scan.objects.get(nonce="n1").at == at
    assert Scan.objects.get(nonce="n1").device == "gate-1"


def test_sync_replayed_batch_changes_nothing(door, api):
    good = register(door)
    at = timezone.now() - dt.timedelta(minutes=5)
    scans = [{"nonce": "r1", "token": good.ticket_token, "point": "main-hall", "scanned_at": iso(at)}]
    first = sync(api, door, "gate-1", scans).json()["results"]
    scans_before, admissions_before = Scan.objects.count(), Admission.objects.count()

    again = sync(api, door, "gate-1", scans).json()["results"]

    assert again == first
    assert (Scan.objects.count(), Admission.objects.count()) == (scans_before, admissions_before)


def test_sync_two_offline_devices_admitting_one_ticket_is_a_conflict(door, api):
    good = register(door, name="王小明")
    t1 = timezone.now() - dt.timedelta(minutes=10)
    t2 = t1 + dt.timedelta(minutes=1)
    a = sync(
        api,
        door,
        "gate-A",
        [
            {
                "nonce": "a1",
                "token": good.ticket_token,
                "point": "main-hall",
                "scanned_at": iso(t1),
                "result": "ok",
            }
        ],
    ).json()["results"]
    b = sync(
        api,
        door,
        "gate-B",
        [
            {
                "nonce": "b1",
                "token": good.ticket_token,
                "point": "main-hall",
                "scanned_at": iso(t2),
                "result": "ok",
            }
        ],
    ).json()["results"]

    assert a[0]["conflict"] is None
    assert b[0]["result"] == "already_checked_in"
    assert b[0]["conflict"] == {
        "device": "gate-A",
        "user": "door",
        "at": iso(t1),
        "this_device": "gate-B",
        "this_at": iso(t2),
    }
    listed = checkin_offline.list_conflicts(slug=door.slug)
    assert [(c["code"], c["first"]["device"], c["second"]["device"]) for c in listed] == [
        (good.registration.code, "gate-A", "gate-B")
    ]
    snap = api.get(snapshot_url(door)).json()
    assert [c["code"] for c in snap["conflicts"]] == [good.registration.code]
    # A replay of B's upload answers the same conflict again and adds nothing.
    replay = sync(
        api,
        door,
        "gate-B",
        [
            {
                "nonce": "b1",
                "token": good.ticket_token,
                "point": "main-hall",
                "scanned_at": iso(t2),
                "result": "ok",
            }
        ],
    ).json()["results"]
    assert replay == b
    assert len(checkin_offline.list_conflicts(slug=door.slug)) == 1


def test_sync_device_that_showed_already_in_is_no_conflict(door, api):
    good = register(door)
    scanning.check_in(slug=door.slug, token=good.ticket_token, device="gate-A")
    res = sync(
        api,
        door,
        "gate-B",
        [{"nonce": "x", "token": good.ticket_token, "point": "main-hall", "result": "already_checked_in"}],
    ).json()["results"]
    assert (res[0]["result"], res[0]["conflict"]) == ("already_checked_in", None)


def test_sync_reentry_point_is_never_a_conflict(door, api):
    guest = register(door, category="guest")
    reg = services.approve_registration(registration=guest.registration)
    token = registration_links.ticket_token_for(reg)
    a = sync(api, door, "gate-A", [{"nonce": "a", "token": token, "point": "dinner"}]).json()["results"]
    b = sync(api, door, "gate-B", [{"nonce": "b", "token": token, "point": "dinner"}]).json()["results"]
    assert [(r["result"], r["conflict"]) for r in a + b] == [("ok", None), ("ok", None)]


@pytest.mark.parametrize(
    ("scanned_at", "message"),
    [
        ("yesterday", "not an ISO 8601 time"),
        ("2030-06-28T08:12:00", "needs a time zone"),
        (iso(timezone.now() + dt.timedelta(hours=2)), "in the future"),
        (iso(timezone.now() - dt.timedelta(days=5)), "more than 24 hours"),
    ],
    ids=["words", "no-zone", "future", "old"],  # the same names in every process (pytest -n splits by name)
)
def test_sync_bad_scan_time_is_422_and_writes_nothing(door, api, scanned_at, message):
    good = register(door)
    scans = [
        {"nonce": "ok1", "token": good.ticket_token, "point": "main-hall"},
        {"nonce": "bad", "token": good.ticket_token, "point": "main-hall", "scanned_at": scanned_at},
    ]
    res = sync(api, door, "gate-1", scans)
    assert res.status_code == 422
    assert message in res.json()["detail"]
    assert "scans[1]" in res.json()["detail"]
    assert Scan.objects.count() == 0


def test_sync_needs_a_device_and_the_role(door, api):
    assert sync(api, door, "", []).status_code == 422
    assert (
        Client()
        .post(
            f"/api/v1/events/{door.slug}/checkin/sync",
            {"device": "x", "scans": []},
            content_type="application/json",
        )
        .status_code
        == 401
    )


def test_hall_figures_expected_arrived_absent_per_category_and_unit(door, api):
    a = register(door, name="王小明", organization="大足石刻文创园")
    register(door, name="李雨桐", organization="大足石刻文创园")
    register(door, name="赵六", organization="重庆大学")
    gone = register(door, organization="重庆大学")
    services.cancel_registration(registration=gone.registration)
    scanning.check_in(slug=door.slug, token=a.ticket_token)
    scanning.check_in(slug=door.slug, token=a.ticket_token)  # twice at the door: one arrival

    body = api.get(f"/api/v1/events/{door.slug}/checkin/hall").json()

    assert (body["expected"], body["arrived"], body["absent"]) == (3, 1, 2)
    assert [(c["code"], c["expected"], c["arrived"], c["absent"]) for c in body["categories"]] == [
        ("delegate", 3, 1, 2)
    ]
    assert [(u["name"], u["expected"], u["arrived"], u["absent"]) for u in body["units"]] == [
        ("大足石刻文创园", 2, 1, 1),
        ("重庆大学", 1, 0, 1),
    ]
    assert [p["name"] for p in body["last_arrivals"]] == ["王小明"]
