"""Factories for reception tests: an edition with confirmed people whose reply forms ask for rooms."""

import datetime as dt
import json

from events.models import ReplyForm
from reception.models import Stay
from reception.services import hotels
from tests.factories import token_for
from tests.seating.factories import person, seating_edition

N1, N2 = "2030-06-27", "2030-06-28"


def reception_edition(**fields):
    return seating_edition(starts_on=dt.date(2030, 6, 28), ends_on=dt.date(2030, 6, 28), **fields)


def guest(
    edition,
    name,
    *,
    unit="重庆市经济和信息化委员会",
    gender="f",
    sharing=True,
    room_type="twin",
    arrival="2030-06-27",
    departure="2030-06-29",
    share_with="",
    category="delegate",
    **reply,
):
    """A confirmed person whose reply form asks for a room from `arrival` to `departure`."""
    reg = person(edition, name, unit=unit, category=category, phone="13800000000")
    ReplyForm.objects.create(
        registration=reg,
        hotel_needed=True,
        room_type=room_type,
        sharing=sharing,
        share_with=share_with,
        arrival_date=dt.date.fromisoformat(arrival) if arrival else None,
        departure_date=dt.date.fromisoformat(departure) if departure else None,
        **reply,
    )
    if gender:
        Stay.objects.create(edition=edition, registration=reg, gender=gender)
    return reg


def hotel_with_rooms(edition, name="大足宾馆", twins=4, singles=2, per_night=10, nights=(N1, N2)):
    hotel = hotels.create_hotel(edition=edition, name=name, address="大足区龙岗街道", phone="023-1234567")
    hotels.set_block(hotel=hotel, room_type="twin", nights={n: per_night for n in nights})
    hotels.set_block(hotel=hotel, room_type="single", nights={n: per_night for n in nights})
    for i in range(twins):
        hotels.add_room(hotel=hotel, number=f"81{i + 1:02d}", room_type="twin")
    for i in range(singles):
        hotels.add_room(hotel=hotel, number=f"82{i + 1:02d}", room_type="single")
    return hotel


def staff_token(name="rc", role="reception"):
    return token_for(name, role)


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, url, token, data):
    return client.post(url, json.dumps(data), content_type="application/json", **auth(token))
