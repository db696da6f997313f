import json

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from django.contrib.auth import get_user_model
from django.test import Client

from events import tickets
from events.auth import new_api_token
from events.checkin import config as checkin_config
from events.checkin import scanning
from events.checkin.schemas import CheckInOut
from events.enums import EntryRule
from events.enums import RegistrationStatus as S
from events.exceptions import InvalidInput
from events.models import Admission, ApiToken, Scan
from events.registration import links as registration_links
from events.registration import services
from tests.events.test_config_cache import other_worker
from tests.factories import make_category, make_edition, make_point, make_user, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    """An edition with a delegate and a guest category, a single-entry main hall (default) and a
    guests-only dinner."""
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True)
    make_point(edition, "main-hall", [delegate, guest], is_default=True)
    make_point(edition, "dinner", [guest], name="欢迎晚宴", name_en="Welcome dinner")
    return edition


def scan(edition, token, **kw):
    return scanning.check_in(slug=edition.slug, token=token, **kw)


def confirmed_ticket(edition, **fields):
    result = register(edition, **fields)
    return result.registration, result.ticket_token


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
    ["", "garbage", "a.b.c", "https://example.com/ticket?id=1", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
     "x" * 5000, "slug.CODE.².AAAA", "中文.票.1.签名"],
)  # fmt: skip
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
    rows = list(Scan.objects.order_by("id").values_list("point__code", "user__username", "verdict", "nonce", "registration_id", "device"))  # fmt: skip
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


def post_scan(client, slug, body, token=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else json.dumps(body)
    return client.post(f"/api/v1/events/{slug}/checkin", data, content_type="application/json", **headers)


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


def test_ticket_key_verifies_a_ticket_offline(client, door):
    _, ticket = confirmed_ticket(door)
    body = client.get(f"/api/v1/events/{door.slug}/ticket-key").json()
    key = load_pem_public_key(body["public_key_pem"].encode())
    signed, _, signature = ticket.rpartition(".")
    key.verify(tickets.b64d(signature), signed.encode())  # raises if it does not verify
    assert body["public_key"] == tickets.public_key_b64(door.signing_key)
    assert body["algorithm"] == "Ed25519"


def test_search_finds_by_name_mobile_and_code_with_token_for_confirmed(client, door):
    reg, ticket = confirmed_ticket(door, name="欧阳娜娜", phone="13812345678")
    pending = register(door, "guest", name="欧阳修").registration
    api_token = token_for("door", "checkin")
    url = f"/api/v1/events/{door.slug}/checkin/search"
    by_name = client.get(url, {"q": "欧阳"}, HTTP_AUTHORIZATION=f"Bearer {api_token}").json()
    # Ordered by name: 欧阳修 (U+4FEE) before 欧阳娜娜 (U+5A1C).
    assert [h["code"] for h in by_name] == [pending.code, reg.code]
    assert by_name[1]["token"] == ticket
    assert by_name[1]["phone"] == "138****5678"
    assert by_name[0]["token"] is None
    by_phone = client.get(url, {"q": "5678"}, HTTP_AUTHORIZATION=f"Bearer {api_token}").json()
    assert [h["code"] for h in by_phone] == [reg.code]
    by_code = client.get(url, {"q": reg.code.lower()}, HTTP_AUTHORIZATION=f"Bearer {api_token}").json()
    assert [h["code"] for h in by_code] == [reg.code]


def test_search_shows_where_someone_already_checked_in(door):
    reg, ticket = confirmed_ticket(door, name="赵六")
    scan(door, ticket)
    hits = scanning.search(slug=door.slug, q="赵六")
    assert [a["point"] for a in hits[0]["checked_in"]] == ["main-hall"]
    # Staff read the point's name, not its code.
    point = door.checkin_points.get(code="main-hall")
    assert [(a["point_name"], a["point_name_en"]) for a in hits[0]["checked_in"]] == [
        (point.name, point.name_en)
    ]


def test_live_counts_checked_in_against_confirmed(client, door):
    tokens = [confirmed_ticket(door)[1] for _ in range(3)]
    register(door, "guest")  # pending: not counted
    scan(door, tokens[0])
    scan(door, tokens[1])
    scan(door, "garbage")
    response = client.get(
        f"/api/v1/events/{door.slug}/checkin/counts",
        HTTP_AUTHORIZATION=f"Bearer {token_for('door', 'checkin')}",
    )
    body = response.json()
    assert (body["point"], body["confirmed"], body["checked_in"]) == ("main-hall", 3, 2)
    assert (body["confirmed_total"], body["checked_in_total"]) == (3, 2)
    assert [(c["code"], c["confirmed"], c["checked_in"]) for c in body["categories"]] == [
        ("delegate", 3, 2),
        ("guest", 0, 0),
    ]


def test_checkin_demo_fills_the_dashboard_once():
    from events import demo
    from events.checkin import demo as checkin_demo
    from events.checkin import stats as checkin_stats

    edition = demo.load()
    checkin_demo.load(edition)
    checkin_demo.load(edition)  # idempotent
    data = checkin_stats.dashboard(edition)
    main = next(p for p in data["points"] if p["code"] == "main-hall")
    assert 0 < main["checked_in"] <= main["confirmed"]
    assert sum(b["n"] for b in main["chart"]["bars"]) == main["checked_in"]
    # Checked in: at any point, each person once.
    assert data["checked_in"] == Admission.objects.values("registration").distinct().count()


def test_dashboard_page_for_viewer_and_checkin_not_anonymous(client, door):
    make_user("viewer1", "view")
    assert client.get(f"/staff/e/{door.slug}/checkin/dashboard").status_code == 302
    client.login(username="viewer1", password="pw-123456")
    assert client.get(f"/staff/e/{door.slug}/checkin/dashboard").status_code == 200
    assert client.get(f"/staff/e/{door.slug}/checkin").status_code == 403


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


def test_search_and_counts_need_checkin_role(client, door):
    viewer = token_for("v", "view")
    for path in ("checkin/search?q=a", "checkin/counts"):
        assert client.get(f"/api/v1/events/{door.slug}/{path}").status_code == 401
        url = f"/api/v1/events/{door.slug}/{path}"
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {viewer}").status_code == 403


def test_ticket_key_unknown_edition_is_404(client):
    assert client.get("/api/v1/events/nope/ticket-key").status_code == 404


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
