"""Scanning a ticket at a door point: every verdict, the scan log, nonce replays, edits seen at once."""

import pytest

from events.checkin import config as checkin_config
from events.enums import EntryRule
from events.enums import RegistrationStatus as S
from events.exceptions import InvalidInput
from events.models import Admission, Scan
from events.registration import links as registration_links
from events.registration import services
from tests.factories import make_category, make_edition, make_user

from .checkin_client import confirmed_ticket, door_edition, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    return door_edition()


def test_check_in_confirmed_ticket_is_ok_with_registration(door):
    reg, token = confirmed_ticket(door, name="王小明", organization="大足石刻文创园")
    body = scan(door, token)
    assert body["result"] == "ok"
    assert body["point"] == "main-hall"
    assert body["registration"]["code"] == reg.code
    assert body["registration"]["name"] == "王小明"
    assert body["registration"]["organization"] == "大足石刻文创园"
    assert body["registration"]["category"] == "delegate"
    assert Admission.objects.filter(registration=reg).count() == 1


def test_check_in_second_scan_is_already_checked_in_with_first_time_and_point(door):
    _, token = confirmed_ticket(door)
    first = scan(door, token)
    second = scan(door, token)
    assert second["result"] == "already_checked_in"
    assert second["first_checked_in_at"] == first["scanned_at"]
    assert second["point"] == "main-hall"


def test_check_in_multiple_entry_point_admits_again_counting_entries(door):
    door.checkin_points.filter(code="main-hall").update(entry=EntryRule.MANY)
    checkin_config.forget_config()
    _, token = confirmed_ticket(door)
    first, second, third = (scan(door, token) for _ in range(3))
    assert [b["result"] for b in (first, second, third)] == ["ok", "ok", "ok"]
    assert [b["entries"] for b in (first, second, third)] == [1, 2, 3]
    assert "first_checked_in_at" not in first
    assert second["first_checked_in_at"] == third["first_checked_in_at"] == first["scanned_at"]
    assert Admission.objects.get().entries == 3
    assert Scan.objects.count() == 3


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        "a.b.c",
        "https://example.com/ticket?id=1",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
        "x" * 5000,
        "slug.CODE.².AAAA",
        "中文.票.1.签名",
    ],
)
def test_check_in_garbage_or_foreign_token_is_unknown(door, token):
    body = scan(door, token[:4096])
    assert body["result"] == "unknown"
    assert body["reason"] == "malformed"
    assert "registration" not in body


def test_check_in_truncated_token_is_unknown(door):
    _, token = confirmed_ticket(door)
    assert scan(door, token[:-5])["result"] == "unknown"
    assert scan(door, token[: len(token) // 2])["result"] == "unknown"


def test_check_in_tampered_code_is_unknown_bad_signature(door):
    reg, token = confirmed_ticket(door)
    other, _ = confirmed_ticket(door)
    forged = token.replace(f".{reg.code}.", f".{other.code}.")
    body = scan(door, forged)
    assert body["result"] == "unknown"
    assert body["reason"] == "bad_signature"
    assert Admission.objects.count() == 0


def test_check_in_reissued_ticket_old_token_is_unknown_revoked(door):
    reg, old = confirmed_ticket(door)
    reg = services.reissue_ticket(registration=reg)
    body = scan(door, old)
    assert body["result"] == "unknown"
    assert body["reason"] == "revoked"
    assert scan(door, registration_links.ticket_token_for(reg))["result"] == "ok"


def test_check_in_cancelled_registration_is_cancelled(door):
    reg, token = confirmed_ticket(door)
    services.cancel_registration(registration=reg)
    assert scan(door, token)["result"] == "cancelled"


@pytest.mark.parametrize("status", [S.PENDING, S.WAITLISTED, S.REJECTED])
def test_check_in_unconfirmed_registration_is_not_confirmed(door, status):
    reg, token = confirmed_ticket(door)
    reg.status = status
    reg.save()
    body = scan(door, token)
    assert body["result"] == "not_confirmed"
    assert body["registration"]["status"] == status


def test_check_in_ticket_of_another_edition_is_wrong_event(door):
    other = make_edition()
    make_category(other)
    _, token = confirmed_ticket(other)
    body = scan(door, token)
    assert body["result"] == "wrong_event"
    assert body["ticket_edition"] == other.slug


def test_check_in_category_not_admitted_at_point_is_not_allowed(door):
    _, token = confirmed_ticket(door)
    body = scan(door, token, point="dinner")
    assert body["result"] == "not_allowed"
    assert body["point"] == "dinner"
    assert Admission.objects.count() == 0


def test_check_in_unknown_point_is_invalid_input(door):
    _, token = confirmed_ticket(door)
    with pytest.raises(InvalidInput) as err:
        scan(door, token, point="roof")
    assert err.value.field == "point"


def test_check_in_every_scan_is_logged_with_point_user_verdict_nonce(door):
    user = make_user("gate1", "checkin")
    reg, token = confirmed_ticket(door)
    scan(door, token, user=user, nonce="n-1", device="gate-1")
    scan(door, "garbage", user=user, nonce="n-2")
    rows = list(
        Scan.objects.order_by("id").values_list(
            "point__code", "user__username", "verdict", "nonce", "registration_id", "device"
        )
    )
    assert rows == [
        ("main-hall", "gate1", "ok", "n-1", reg.id, "gate-1"),
        ("main-hall", "gate1", "unknown", "n-2", None, ""),
    ]


def test_check_in_same_nonce_replays_first_answer_without_new_row(door):
    _, token = confirmed_ticket(door)
    first = scan(door, token, nonce="abc")
    again = scan(door, token, nonce="abc")
    assert again == first
    assert again["result"] == "ok"
    assert Scan.objects.count() == 1
    assert scan(door, token, nonce="def")["result"] == "already_checked_in"
    assert Scan.objects.count() == 2


def test_check_in_same_nonce_for_unknown_token_replays_without_new_row(door):
    first = scan(door, "garbage", nonce="zz")
    assert scan(door, "garbage", nonce="zz") == first
    assert Scan.objects.count() == 1


def test_check_in_edition_edit_in_process_is_seen_at_once(door):
    _, token = confirmed_ticket(door)
    assert scan(door, token, point="dinner")["result"] == "not_allowed"
    door.checkin_points.get(code="dinner").categories.add(door.categories.get(code="delegate"))
    assert scan(door, token, point="dinner")["result"] == "ok"


# --- API ---
