"""Reception for the Dazu 2023 demo (called by `manage.py load_demo` after the units' reply forms): two
hotels near the venue with blocks for the nights of 27 and 28 June and their rooms, genders and a few
roommates for those whose reply form asks for a room, the rooms assigned; the stations the reply forms
name, three cars, the arrivals of 27 June planned; the welcome dinner and the lunch with a canteen door
that admits once a day. The hotels, cars and drivers are made up. Idempotent: an edition with a hotel is
left alone."""

import datetime as dt
import random

from django.db import transaction

from events.enums import EntryRule
from events.models import Category, CheckInPoint, Edition

from .models import Hotel, Stay
from .services import assignment, hotels, meals, transport

NIGHTS = ["2023-06-27", "2023-06-28"]
HOTELS = [
    # name, name_en, address, phone, minutes, {type: (rooms per night, room numbers)}
    (
        "大足宾馆",
        "Dazu Hotel",
        "重庆市大足区龙岗街道五星大道",
        "023-43720000",
        8,
        {
            "twin": (14, [f"8{f}{n:02d}" for f in (1, 2) for n in range(1, 9)]),
            "single": (8, [f"83{n:02d}" for n in range(1, 9)]),
            "suite": (2, ["8501", "8502"]),
        },
    ),
    (
        "海棠香国酒店",
        "Haitang Xiangguo Hotel",
        "重庆市大足区棠香街道二环北路",
        "023-43780000",
        15,
        {
            "twin": (10, [f"6{f}{n:02d}" for f in (1, 2) for n in range(1, 7)]),
            "single": (6, [f"63{n:02d}" for n in range(1, 7)]),
        },
    ),
]
STATIONS = [("大足南站", "rail", 20), ("重庆江北国际机场", "airport", 100), ("重庆西站", "rail", 80)]
CARS = [
    ("渝B·D1203", "考斯特 Coaster", 19, "刘德明", "13983010001"),
    ("渝B·D2371", "商务车 MPV", 6, "陈建华", "13983010002"),
    ("渝B·D5520", "轿车 Sedan", 4, "黄小军", "13983010003"),
]


@transaction.atomic
def load(edition: Edition) -> None:
    if Hotel.objects.filter(edition=edition).exists():
        return
    rng = random.Random(2023)
    for name, name_en, address, phone, minutes, blocks in HOTELS:
        hotel = hotels.create_hotel(
            edition=edition,
            name=name,
            name_en=name_en,
            address=address,
            phone=phone,
            distance_minutes=minutes,
        )
        for room_type, (count, numbers) in blocks.items():
            hotels.set_block(
                hotel=hotel,
                room_type=room_type,
                nights={n: count for n in NIGHTS},
                rate=480,
                cutoff_on=dt.date(2023, 6, 20),
            )
            for number in numbers:
                hotels.add_room(hotel=hotel, number=number, room_type=room_type, floor=number[1])
    # Reception asks the gender of those who want a room; a third of the twin rooms are shared.
    wanting = edition.registrations.filter(reply__hotel_needed=True).select_related("reply").order_by("id")
    for reg in wanting:
        Stay.objects.create(edition=edition, registration=reg, gender=rng.choice("fmm"))
        if reg.reply.room_type == "twin" and rng.random() < 0.4:
            reg.reply.sharing = True
            reg.reply.save(update_fields=["sharing"])
    assignment.assign_rooms(edition=edition, single_categories=["guest"])
    for name, kind, minutes in STATIONS:
        transport.create_station(edition=edition, name=name, kind=kind, travel_minutes=minutes)
    for plate, kind, seats, driver, phone in CARS:
        transport.create_vehicle(
            edition=edition, plate=plate, kind=kind, seats=seats, driver_name=driver, driver_phone=phone
        )
    transport.plan_pickups(edition=edition, date=dt.date(2023, 6, 27), direction="arrival")
    canteen, _ = CheckInPoint.objects.get_or_create(
        edition=edition,
        code="canteen",
        defaults={"name": "代表餐厅", "name_en": "Canteen", "entry": EntryRule.DAILY},
    )
    canteen.categories.set(Category.objects.filter(edition=edition))
    meals.create_meal(
        edition=edition,
        date=dt.date(2023, 6, 27),
        kind="dinner",
        style="banquet",
        venue="大足宾馆宴会厅",
        categories=["guest"],
        standard=200,
    )
    meals.create_meal(
        edition=edition,
        date=dt.date(2023, 6, 28),
        kind="lunch",
        style="buffet",
        venue="大足宾馆一楼",
        point="canteen",
        standard=80,
    )
