"""Every date and date-time a client can type, at its extremes: year 1, year 9999, a leap day (real and
not), a day before the edition. Each answer is a valid one or a 422 naming the field - never a 500."""

import datetime as dt
import json

import pytest
from django.test import Client

from events.units import reply_form
from events.units import services as unit_services
from tests.factories import make_category, make_edition, make_point, register, token_for
from tests.signing.factories import make_title

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 6, 28)  # the edition's one day (make_edition)
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture
def world():
    edition = make_edition(starts_on=DAY, ends_on=DAY)
    delegate = make_category(edition, "delegate")
    make_point(edition, "main-hall", [delegate], is_default=True)
    from events.models import CheckInPoint, HandoverItem

    HandoverItem.objects.create(point=CheckInPoint.objects.get(edition=edition), code="bag", name="资料袋")
    reply_form.set_reply_sections(edition=edition, sections=["arrival", "departure"])
    unit, unit_token = unit_services.create_unit(
        edition=edition, organization="大足石刻文创园", quotas={"delegate": 3}
    )
    person = unit_services.add_person(
        unit=unit,
        data={"category": "delegate", "name": "李一", "phone": "13800000001", "email": "li1@example.com"},
        consent=True,
    )
    from agenda.models import Room

    Room.objects.create(edition=edition, name="主会场", capacity=300)
    make_title()
    return {
        "edition": edition,
        "organiser": token_for("org", "organiser"),
        "door": token_for("door", "checkin"),
        "ticket": register(edition).ticket_token,
        "manage": person.manage_token,
        "unit": unit_token,
        "code": person.registration.code,
    }


def _session(field, value):
    body = {"title": "开幕式", "kind": "opening", "room": "主会场"}
    body.update({"starts_at": f"{DAY}T09:00", "ends_at": f"{DAY}T09:30"})
    body[field] = value
    return body


# (name, method, path, who, body given the value, the field a 422 names)
ENDPOINTS = {
    "award issued_on": (
        "post",
        "/awards",
        "organiser",
        lambda v: {"title": "design-base", "recipient": "甲单位", "issued_on": v},
        "issued_on",
    ),
    "award valid_until": (
        "post",
        "/awards",
        "organiser",
        lambda v: {"title": "design-base", "recipient": "甲单位", "issued_on": f"{DAY}", "valid_until": v},
        "valid_until",
    ),
    "session starts_at": (
        "post",
        "/events/{slug}/sessions",
        "organiser",
        lambda v: _session("starts_at", f"{v}T09:00"),
        "starts_at",
    ),
    "session ends_at": (
        "post",
        "/events/{slug}/sessions",
        "organiser",
        lambda v: _session("ends_at", f"{v}T09:30"),
        "ends_at",
    ),
    "session starts_at offset": (
        "post",
        "/events/{slug}/sessions",
        "organiser",
        lambda v: _session("starts_at", f"{v}T00:00+14:00"),
        "starts_at",
    ),
    "edition clone starts_on": (
        "post",
        "/events/{slug}/clone",
        "organiser",
        lambda v: {"slug": "next-one", "starts_on": v},
        "starts_on",
    ),
    "reply arrival_date": (
        "put",
        "/registrations/{manage}/reply",
        None,
        lambda v: {"arrival_date": v},
        "arrival_date",
    ),
    "unit reply departure_date": (
        "put",
        "/units/{unit}/people/{code}/reply",
        None,
        lambda v: {"departure_date": v},
        "departure_date",
    ),
    "scan scanned_at": (
        "post",
        "/events/{slug}/checkin",
        "door",
        lambda v: {"token": "{ticket}", "scanned_at": f"{v}T23:59:59+08:00"},
        "scanned_at",
    ),
    "scan scanned_at no zone": (
        "post",
        "/events/{slug}/checkin",
        "door",
        lambda v: {"token": "{ticket}", "scanned_at": f"{v}T00:00:00"},
        "scanned_at",
    ),
    "hand-out handed_at": (
        "post",
        "/events/{slug}/checkin/handover",
        "door",
        lambda v: {"token": "{ticket}", "item": "bag", "handed_at": f"{v}T00:00:00-12:00"},
        "handed_at",
    ),
    "offline scan scanned_at": (
        "post",
        "/events/{slug}/checkin/sync",
        "door",
        lambda v: {
            "device": "gate-1",
            "scans": [{"nonce": "n1", "token": "{ticket}", "scanned_at": f"{v}T00:00:00+14:00"}],
        },
        "scanned_at",
    ),
    "offline hand-out handed_at": (
        "post",
        "/events/{slug}/checkin/sync",
        "door",
        lambda v: {
            "device": "gate-1",
            "scans": [],
            "handovers": [
                {"nonce": "h1", "token": "{ticket}", "item": "bag", "handed_at": f"{v}T23:59:59-12:00"}
            ],
        },
        "handed_at",
    ),
}

VALUES = {
    "year 1": "0001-01-01",
    "year 9999": "9999-12-31",
    "a leap day": "2028-02-29",
    "no such leap day": "2030-02-29",
    "before the edition": "2030-06-27",
}


def _fill(value, world):
    if isinstance(value, str):
        return value.format(slug=world["edition"].slug, **world)
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    return value


@pytest.mark.parametrize("value", list(VALUES.values()), ids=list(VALUES))
@pytest.mark.parametrize("endpoint", list(ENDPOINTS), ids=list(ENDPOINTS))
def test_a_date_at_its_extremes_is_an_answer_or_a_422_naming_the_field(world, endpoint, value):
    method, path, who, body, field = ENDPOINTS[endpoint]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {world[who]}"} if who else {}
    response = getattr(Client(raise_request_exception=False), method)(
        "/api/v1" + _fill(path, world),
        json.dumps(_fill(body(value), world)),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )
    assert response.status_code < 500, response.content
    if response.status_code == 422:
        answer = response.json()
        assert answer["field"] == field, answer
        assert answer["detail"]
        if path.endswith("/sync"):  # which entry of the upload
            assert answer["detail"].startswith("scans[0]" if field == "scanned_at" else "handovers[0]")


PAGES = {
    "staff agenda form day": (
        "/staff/e/{slug}/agenda",
        lambda v: {
            "title": "开幕式",
            "kind": "opening",
            "day": v,
            "start": "09:00",
            "end": "09:30",
            "room": "主会场",
        },
    ),
    "attendee reply page arrival_date": (
        "/r/{manage}/reply",
        lambda v: {"arrival_date": v, "arrival_time": "09:00"},
    ),
}


@pytest.mark.parametrize("value", list(VALUES.values()), ids=list(VALUES))
@pytest.mark.parametrize("page", list(PAGES), ids=list(PAGES))
def test_a_date_at_its_extremes_on_a_page_is_saved_or_shown_as_an_error(world, page, value):
    from tests.factories import make_user

    client = Client(raise_request_exception=False)
    client.force_login(make_user("planner", "organiser"))
    path, form = PAGES[page]
    response = client.post(_fill(path, world), form(value), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in (200, 302, 409, 422), response.content[:500]
