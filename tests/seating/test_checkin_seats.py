"""The seat reaches the door and the ticket: the check-in verdict's registration.seats and /r/{token}."""

import json

import pytest

from seating.services import assignment, protocol
from tests.factories import make_point, register, token_for

from .factories import plan, seating_edition

pytestmark = pytest.mark.django_db


def seated_ticket():
    edition = seating_edition()
    make_point(edition, "main-hall", is_default=True)
    result = register(edition, name="王小明")
    protocol.set_protocol_list(edition=edition, codes=[result.registration.code])
    rostrum = plan(edition, name="开幕式主席台", rows=[5])
    assignment.assign_seats(plan=rostrum)
    return edition, result


def test_checkin_verdict_carries_the_seat(client):
    edition, result = seated_ticket()
    token = token_for("door", "checkin")
    r = client.post(
        f"/api/v1/events/{edition.slug}/checkin",
        json.dumps({"token": result.ticket_token}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    body = r.json()
    assert body["result"] == "ok"
    assert body["registration"]["seats"] == [{"plan": "开幕式主席台", "label": "主席台 第1排 3号"}]
    # A second scan (already checked in) names the seat too.
    again = client.post(
        f"/api/v1/events/{edition.slug}/checkin",
        json.dumps({"token": result.ticket_token}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()
    assert again["registration"]["seats"] == [{"plan": "开幕式主席台", "label": "主席台 第1排 3号"}]


def test_verdict_without_seating_has_an_empty_list(client):
    edition = seating_edition()
    make_point(edition, "main-hall", is_default=True)
    result = register(edition)
    token = token_for("door", "checkin")
    body = client.post(
        f"/api/v1/events/{edition.slug}/checkin",
        json.dumps({"token": result.ticket_token}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()
    assert body["registration"]["seats"] == []


def test_ticket_page_shows_the_seat(client):
    edition, result = seated_ticket()
    page = client.get(f"/r/{result.manage_token}").content.decode()
    assert "开幕式主席台：<strong>主席台 第1排 3号</strong>" in page


def test_offline_snapshot_gives_each_seated_ticket_its_seat():
    from events.checkin import offline as checkin_offline

    edition, result = seated_ticket()
    body = json.loads(checkin_offline.snapshot_bytes(checkin_offline.build_snapshot(slug=edition.slug)))
    fields, people = body["people_fields"], body["people"]
    row = next(p for p in people if p[0] == result.registration.code)
    assert row[fields.index("seats")] == [{"plan": "开幕式主席台", "label": "主席台 第1排 3号"}]


@pytest.mark.django_db(transaction=True)
def test_a_plan_made_by_another_worker_reaches_the_door_at_once(client):
    # "No seating plan" is cached (no seats query per scan); a plan made in another process bumps it.
    from tests.events.test_config_cache import other_worker

    edition = seating_edition()
    make_point(edition, "main-hall", is_default=True)
    result = register(edition, name="王小明")
    token = token_for("door", "checkin")

    def scan():
        return client.post(
            f"/api/v1/events/{edition.slug}/checkin",
            json.dumps({"token": result.ticket_token}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ).json()

    assert scan()["registration"]["seats"] == []
    other_worker(
        "from events.models import Edition\nfrom seating.services import assignment, protocol\n"
        "from tests.seating.factories import plan\n"
        f"edition = Edition.objects.get(slug='{edition.slug}')\n"
        f"protocol.set_protocol_list(edition=edition, codes=['{result.registration.code}'])\n"
        "assignment.assign_seats(plan=plan(edition, name='开幕式主席台', rows=[5]))\n"
    )
    assert scan()["registration"]["seats"] == [{"plan": "开幕式主席台", "label": "主席台 第1排 3号"}]
