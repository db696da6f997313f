"""The check-in verdict as one table of cases. CI runs this file on SQLite and on PostgreSQL: the same table,
the same expectations, one definition (events/checkin/scanning.py: `verdict` then `admit`)."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from events.checkin import scanning
from events.enums import EntryRule
from events.enums import RegistrationStatus as S
from events.exceptions import InvalidInput
from events.models import Admission, Registration, Scan
from events.registration import links as registration_links
from events.registration import services
from tests.factories import make_category, make_edition, make_point, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    """Delegates and guests; points admitting once (default), once a day (lunch), many times (hall), and a
    guests-only lounge."""
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest")
    make_point(edition, "gate", [delegate, guest], is_default=True)
    make_point(edition, "lunch", [delegate, guest], entry=EntryRule.DAILY, name="午餐", name_en="Lunch")
    make_point(edition, "hall", [delegate, guest], entry=EntryRule.MANY, name="会场", name_en="Hall")
    make_point(edition, "lounge", [guest], name="贵宾室", name_en="Lounge")
    return edition


def ticket(edition, status=S.CONFIRMED, category="delegate"):
    reg = register(edition, category).registration
    token = registration_links.ticket_token_for(reg)
    if status == S.CANCELLED:
        services.cancel_registration(registration=reg)
    elif status == S.REJECTED:
        services.reject_registration(registration=reg)
    elif status != S.CONFIRMED:
        Registration.objects.filter(pk=reg.pk).update(status=status)
    return reg, token


def scan(edition, token, point=None, **kw):
    return scanning.check_in(slug=edition.slug, token=token, point=point, **kw)


# (case, status, category, point, scans before, result, reason or "", registration.status)
VERDICT_CASES = [
    ("confirmed, first scan", S.CONFIRMED, "delegate", "gate", 0, "ok", "", S.CONFIRMED),
    (
        "confirmed, second scan, once",
        S.CONFIRMED,
        "delegate",
        "gate",
        1,
        "already_checked_in",
        "",
        S.CONFIRMED,
    ),
    (
        "confirmed, second scan, daily",
        S.CONFIRMED,
        "delegate",
        "lunch",
        1,
        "already_checked_in",
        "",
        S.CONFIRMED,
    ),
    ("confirmed, third scan, many", S.CONFIRMED, "delegate", "hall", 2, "ok", "", S.CONFIRMED),
    ("category not admitted here", S.CONFIRMED, "delegate", "lounge", 0, "not_allowed", "", S.CONFIRMED),
    ("guest at the lounge", S.CONFIRMED, "guest", "lounge", 0, "ok", "", S.CONFIRMED),
    ("cancelled", S.CANCELLED, "delegate", "gate", 0, "cancelled", "", S.CANCELLED),
    ("rejected", S.REJECTED, "delegate", "gate", 0, "not_confirmed", "", S.REJECTED),
    ("pending", S.PENDING, "delegate", "gate", 0, "not_confirmed", "", S.PENDING),
    ("waitlisted", S.WAITLISTED, "delegate", "hall", 0, "not_confirmed", "", S.WAITLISTED),
]


@pytest.mark.parametrize(
    "status, category, point, before, result, reason, reg_status",
    [case[1:] for case in VERDICT_CASES],
    ids=[case[0] for case in VERDICT_CASES],
)
def test_check_in_verdict(door, status, category, point, before, result, reason, reg_status):
    reg, token = ticket(door, status, category)
    earlier = [scan(door, token, point) for _ in range(before)]

    body = scan(door, token, point)

    assert body["result"] == result
    assert body.get("reason", "") == reason
    assert body["registration"]["code"] == reg.code
    assert body["registration"]["status"] == reg_status
    assert Scan.objects.filter(registration=reg).count() == before + 1
    assert Scan.objects.filter(registration=reg).order_by("-id").first().response == body
    admitted = result == "ok" or result == "already_checked_in"
    assert Admission.objects.filter(registration=reg, point__code=point).count() == (1 if admitted else 0)
    if result == "already_checked_in":
        assert body["first_checked_in_at"] == earlier[0]["scanned_at"]
        assert "entries" not in body
    if point == "hall" and result == "ok":
        assert body["entries"] == before + 1
        assert body["first_checked_in_at"] == earlier[0]["scanned_at"]


def test_check_in_unknown_tokens(door):
    _, real = ticket(door)
    slug, code, version, signature = real.split(".")
    tampered = f"{slug}.{'A' * len(code)}.{version}.{signature}"

    bodies = [scan(door, "garbage"), scan(door, tampered)]

    assert [(b["result"], b["reason"], "registration" in b) for b in bodies] == [
        ("unknown", "malformed", False),
        ("unknown", "bad_signature", False),
    ]


def test_check_in_revoked_and_not_found(door):
    reg, old = ticket(door)
    services.reissue_ticket(registration=reg)
    assert (scan(door, old)["result"], scan(door, old)["reason"]) == ("unknown", "revoked")
    Registration.objects.filter(pk=reg.pk).delete()
    assert scan(door, old)["reason"] == "not_found"


def test_daily_point_admits_again_the_next_day_in_the_edition_time_zone(door):
    _, token = ticket(door)
    # 23:30 and 00:10 in Shanghai (the edition's zone, UTC+8) are two days; 00:10 and 00:50 are one.
    now = timezone.now()
    shanghai = (now - dt.timedelta(minutes=50)).astimezone(dt.timezone(dt.timedelta(hours=8)))
    midnight = shanghai.replace(hour=0, minute=0, second=0, microsecond=0)
    if midnight - dt.timedelta(minutes=30) < now - scanning.MAX_SCAN_AGE:
        pytest.skip("between 23:30 and 00:50 in Shanghai the three scans do not fit in the last 24 hours")
    day1 = midnight - dt.timedelta(minutes=30)
    day2_early = midnight + dt.timedelta(minutes=10)
    day2_noon = midnight + dt.timedelta(minutes=50)

    first = scan(door, token, "lunch", scanned_at=day1)
    next_day = scan(door, token, "lunch", scanned_at=day2_early)
    same_day = scan(door, token, "lunch", scanned_at=day2_noon)

    assert (first["result"], first["entries"]) == ("ok", 1)
    assert (next_day["result"], next_day["entries"]) == ("ok", 2)
    assert next_day["first_checked_in_at"] == first["scanned_at"]
    assert same_day["result"] == "already_checked_in"
    assert same_day["first_checked_in_at"] == next_day["scanned_at"]


@pytest.mark.parametrize(
    "offset, ok",
    [
        (dt.timedelta(0), True),
        (dt.timedelta(minutes=1), True),  # a device clock slightly ahead
        (dt.timedelta(minutes=5), False),  # in the future
        (-dt.timedelta(hours=23), True),
        (-dt.timedelta(hours=25), False),  # too old to be a day's offline queue
    ],
    ids=["now", "1 min ahead", "5 min ahead", "23 h ago", "25 h ago"],
)
def test_scanned_at_from_the_device_is_bounded(door, offset, ok):
    _, token = ticket(door)
    at = timezone.now() + offset
    if ok:
        body = scan(door, token, scanned_at=at)
        assert body["scanned_at"] == scanning.iso_time(at)
        assert Scan.objects.get().at == at
        assert Admission.objects.get().first_at == at
    else:
        with pytest.raises(InvalidInput) as exc:
            scan(door, token, scanned_at=at)
        assert exc.value.field == "scanned_at"
        assert Scan.objects.count() == 0


def test_scanned_at_through_the_api(client, door):
    _, token = ticket(door)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for('door', 'checkin')}"}
    url = f"/api/v1/events/{door.slug}/checkin"
    at = timezone.now() - dt.timedelta(hours=2)

    good = client.post(
        url,
        json.dumps({"token": token, "scanned_at": at.isoformat()}),
        content_type="application/json",
        **headers,
    )
    future = client.post(
        url,
        json.dumps({"token": token, "scanned_at": (timezone.now() + dt.timedelta(hours=1)).isoformat()}),
        content_type="application/json",
        **headers,
    )
    naive = client.post(
        url,
        json.dumps({"token": token, "scanned_at": "2023-06-16T09:30:00"}),
        content_type="application/json",
        **headers,
    )

    assert (good.status_code, good.json()["scanned_at"]) == (200, scanning.iso_time(at))
    assert (future.status_code, future.json()["field"]) == (422, "scanned_at")
    assert (naive.status_code, naive.json()["field"]) == (422, "scanned_at")
