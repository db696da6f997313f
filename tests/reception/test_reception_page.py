"""The reception page: the per-night view, the cut-off flag, forms that add hotels, blocks, rooms, assign."""

import datetime as dt

import pytest

from reception.models import Hotel, Room, RoomBlock
from reception.selectors import pickup_view
from reception.services import assignment, hotels
from tests.factories import make_user

from .factories import N1, N2, guest, hotel_with_rooms, reception_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_user("rc-page", "reception"))
    return client


def test_per_night_view_counts_blocked_requested_assigned(staff_client):
    edition = reception_edition()
    hotel = hotel_with_rooms(edition, twins=2, singles=1, per_night=5)
    guest(edition, "王芳"), guest(edition, "李娜"), guest(edition, "赵敏", arrival=N2)
    assignment.assign_rooms(edition=edition)
    view = pickup_view(edition, today=dt.date(2030, 1, 1))
    twin = next(r for r in view["rows"] if r["hotel_id"] == hotel.pk and r["room_type"] == "twin")
    assert [
        (c["night"], c["blocked"], c["requested"], c["assigned"], c["checked_in"]) for c in twin["cells"]
    ] == [(N1, 5, 1, 1, 0), (N2, 5, 2, 2, 0)]
    assert view["flags"] == []


def test_cutoff_within_7_days_with_unused_rooms_is_flagged_on_the_page(staff_client):
    edition = reception_edition()
    hotel = hotel_with_rooms(edition, per_night=5)
    today = dt.date.today()
    RoomBlock.objects.filter(hotel=hotel, room_type="twin").update(cutoff_on=today + dt.timedelta(days=3))
    page = staff_client.get(f"/staff/e/{edition.slug}/reception", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Cut-off in 3 days" in page.content.decode()


def test_page_forms_add_a_hotel_a_block_rooms_and_assign(staff_client):
    edition = reception_edition()
    a = guest(edition, "王芳")
    url = f"/staff/e/{edition.slug}/reception/do"
    staff_client.post(url, {"action": "hotel", "name": "棠香酒店", "distance_minutes": "12"})
    hotel = Hotel.objects.get(edition=edition, name="棠香酒店")
    staff_client.post(
        url, {"action": "block", "hotel": hotel.pk, "room_type": "twin", "nights": f"{N1}..{N2}:8"}
    )
    staff_client.post(url, {"action": "rooms", "hotel": hotel.pk, "room_type": "twin", "numbers": "301-305"})
    assert RoomBlock.objects.get(hotel=hotel).nights == {N1: 8, N2: 8}
    assert list(Room.objects.filter(hotel=hotel).values_list("number", flat=True)) == [
        "301",
        "302",
        "303",
        "304",
        "305",
    ]
    r = staff_client.post(
        url, {"action": "assign", "keep_spare": "0"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    text = r.content.decode()
    assert "1 placed, 0 not placed, 1 changed." in text
    assert a.stay.__class__.objects.get(registration=a).room.number == "301"


def test_bad_block_nights_say_so(staff_client):
    edition = reception_edition()
    hotel = hotels.create_hotel(edition=edition, name="棠香酒店")
    r = staff_client.post(
        f"/staff/e/{edition.slug}/reception/do",
        {"action": "block", "hotel": hotel.pk, "room_type": "twin", "nights": "June"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Write nights like 2023-06-27..2023-06-28:20." in r.content.decode()


def test_viewer_sees_the_page_but_cannot_post(client):
    edition = reception_edition()
    client.force_login(make_user("rc-viewer", "view"))
    assert client.get(f"/staff/e/{edition.slug}/reception").status_code == 200
    assert client.post(f"/staff/e/{edition.slug}/reception/do", {"action": "assign"}).status_code == 403
