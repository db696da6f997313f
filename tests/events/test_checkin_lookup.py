"""What the door looks up besides a scan: the ticket key for offline checks, search, live counts, the
dashboard, and who may see them."""

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from events import tickets
from events.checkin import scanning
from events.models import Admission
from tests.factories import make_user, register, token_for

from .checkin_client import confirmed_ticket, door_edition, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    return door_edition()


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


def test_search_and_counts_need_checkin_role(client, door):
    viewer = token_for("v", "view")
    for path in ("checkin/search?q=a", "checkin/counts"):
        assert client.get(f"/api/v1/events/{door.slug}/{path}").status_code == 401
        url = f"/api/v1/events/{door.slug}/{path}"
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {viewer}").status_code == 403


def test_ticket_key_unknown_edition_is_404(client):
    assert client.get("/api/v1/events/nope/ticket-key").status_code == 404
