"""What reception arranged, where events shows it: the room (`stay`) and the car (`pickup`) in the check-in
verdict (one query for both), the offline snapshot, the ticket page and the unit contact's page; and the
reply form's gender and `accompanies` (the leader's code), which reception's stays read."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.checkin import offline as checkin_offline
from events.models import ReplyForm
from events.units import reply_form
from events.units import services as unit_services
from reception.models import Hotel
from reception.services import assignment, transport
from tests.events.unit_helpers import make_unit, person
from tests.factories import make_point, token_for

from .factories import N1, N2, auth, hotel_with_rooms, reception_edition, staff_token

pytestmark = pytest.mark.django_db

STAY = {"hotel": "大足宾馆", "hotel_en": "", "room": "8101", "nights": [N1, N2]}
PICKUP = {
    "at": "10:12",
    "date": N1,
    "direction": "arrival",
    "station": "重庆北站",
    "vehicle": "渝A12345",
    "driver_phone": "13500000000",
}


def delegation(n=2):
    """A unit of `n` confirmed people; the first has a room and a car from the station, the others nothing."""
    edition = reception_edition()
    make_point(edition, "main-hall", is_default=True)
    hotel_with_rooms(edition, twins=1, singles=0)
    unit, token = make_unit(edition, quotas={"delegate": 5})
    people = [unit_services.add_person(unit=unit, data=person(i), consent=True) for i in range(1, n + 1)]
    ReplyForm.objects.create(
        registration=people[0].registration,
        hotel_needed=True,
        room_type="twin",
        sharing=False,
        arrival_date=dt.date(2030, 6, 27),
        departure_date=dt.date(2030, 6, 29),
        arrival_time=dt.time(10, 12),
        arrival_number="G8601",
        arrival_place="重庆北站",
    )
    assignment.assign_rooms(edition=edition)
    transport.create_station(edition=edition, name="重庆北站", kind="rail", travel_minutes=90)
    transport.create_vehicle(
        edition=edition, plate="渝A12345", seats=4, driver_name="刘师傅", driver_phone="13500000000"
    )
    transport.plan_pickups(edition=edition, date=dt.date(2030, 6, 27), direction="arrival")
    return edition, token, people


def scan(client, edition, ticket, door):
    return client.post(
        f"/api/v1/events/{edition.slug}/checkin",
        json.dumps({"token": ticket}),
        content_type="application/json",
        **auth(door),
    ).json()


def test_the_verdict_carries_room_and_car_in_one_query(client):
    edition, _token, (guest, other, third) = delegation(3)
    door = token_for("door", "checkin")
    assert "pickup" not in scan(client, edition, third.ticket_token, door)["registration"]  # caches warm now
    with CaptureQueriesContext(connection) as ctx:
        body = scan(client, edition, guest.ticket_token, door)
    assert body["result"] == "ok"
    assert (body["registration"]["stay"], body["registration"]["pickup"]) == (STAY, PICKUP)
    reception = [q["sql"] for q in ctx.captured_queries if "reception_" in q["sql"]]
    assert len(reception) == 1 and "reception_pickupseat" in reception[0] and "reception_room" in reception[0]
    with CaptureQueriesContext(connection) as bare:
        body = scan(client, edition, other.ticket_token, door)
    assert "stay" not in body["registration"] and "pickup" not in body["registration"]
    assert len(bare.captured_queries) == len(ctx.captured_queries)  # a room and a car cost nothing more


def test_snapshot_ticket_page_and_unit_page_show_room_and_car(client):
    edition, token, (guest, other) = delegation()
    snap = json.loads(checkin_offline.snapshot_bytes(checkin_offline.build_snapshot(slug=edition.slug)))
    fields = snap["people_fields"]
    rows = {p[0]: dict(zip(fields, p, strict=True)) for p in snap["people"]}
    assert (rows[guest.registration.code]["stay"], rows[guest.registration.code]["pickup"]) == (STAY, PICKUP)
    assert (rows[other.registration.code]["stay"], rows[other.registration.code]["pickup"]) == (None, None)
    page = client.get(f"/r/{guest.manage_token}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "大足宾馆：<strong>8101</strong>" in page  # no English name: the hotel's own
    Hotel.objects.filter(edition=edition).update(name_en="Dazu Hotel")
    page = client.get(f"/r/{guest.manage_token}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dazu Hotel：<strong>8101</strong>" in page
    assert "Pickup · 2030-06-27 <strong>10:12</strong> 重庆北站 · 渝A12345" in page
    assert 'href="tel:13500000000"' in page
    unit_page = client.get(f"/u/{token}", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    mine = unit_page.split(f'data-code="{guest.registration.code}"')[1].split("</li>")[0]
    assert "大足宾馆：<strong>8101</strong>" in mine and "接站 · 2030-06-27 <strong>10:12</strong>" in mine
    theirs = unit_page.split(f'data-code="{other.registration.code}"')[1].split("</li>")[0]
    assert "stay-line" not in theirs and "pickup-line" not in theirs


def test_reply_page_asks_gender_and_accompanies_and_stays_read_them(client):
    edition, token, (leader, aide) = delegation()
    url = f"/u/{token}/p/{aide.registration.code}/reply"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="gender"' in page and 'name="accompanies"' in page
    form = {
        "hotel_needed": "yes",
        "room_type": "twin",
        "sharing": "yes",
        "gender": "m",
        "accompanies": "NOSUCH",
    }
    bad = client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422
    text = bad.content.decode()
    assert 'id="err_accompanies"' in text and "No registration with that code." in text
    assert not ReplyForm.objects.filter(registration=aide.registration).exists()  # nothing half-written
    form["accompanies"] = leader.registration.code.lower()
    assert client.post(url, form, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    saved = ReplyForm.objects.get(registration=aide.registration)
    assert (saved.gender, saved.accompanies) == ("m", leader.registration.code)
    stays = client.get(f"/api/v1/events/{edition.slug}/stays", **auth(staff_token())).json()
    mine = next(s for s in stays if s["code"] == aide.registration.code)
    assert (mine["gender"], mine["accompanies"]) == ("m", leader.registration.code)


def test_gender_and_accompanies_only_with_the_hotel_and_checked_through_the_api(client):
    edition, _token, (leader, aide) = delegation()
    url = f"/api/v1/registrations/{aide.manage_token}/reply"

    def put(data):
        return client.put(url, json.dumps(data), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    r = put({"accompanies": aide.registration.code})  # not oneself
    assert (r.status_code, r.json()["field"]) == (422, "accompanies")
    assert put({"gender": "x"}).json()["field"] == "gender"
    assert put({"gender": "f", "accompanies": leader.registration.code}).json()["answers"]["gender"] == "f"
    reply_form.set_reply_sections(edition=edition, sections=["arrival", "dinner"])
    page = client.get(f"/r/{aide.manage_token}/reply").content.decode()
    assert 'name="gender"' not in page and 'name="accompanies"' not in page
    assert put({"gender": "f"}).json()["field"] == "gender"
