"""Agenda factories: rooms, people and sessions with overridable fields."""

import datetime as dt
from zoneinfo import ZoneInfo

from agenda import services
from agenda.models import Person, Room, Session
from events.models import Edition

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hm: str) -> dt.datetime:
    hour, minute = (int(x) for x in hm.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def make_room(edition: Edition, name: str = "主会场", **fields) -> Room:
    defaults = {"name_en": "Main hall", "capacity": 300}
    defaults.update(fields)
    return Room.objects.create(edition=edition, name=name, **defaults)


def make_person(edition: Edition, name: str = "崔书田", **fields) -> Person:
    defaults = {"name_en": "Cui Shutian", "title": "副司长", "title_en": "Deputy Director"}
    defaults.update(fields)
    return Person.objects.create(edition=edition, name=name, **defaults)


def make_session(
    edition: Edition, start: str = "09:00", end: str = "09:30", room: Room | None = None, **fields
) -> Session:
    room = room or Room.objects.filter(edition=edition).first() or make_room(edition)
    data = {
        "title": "开幕式",
        "title_en": "Opening",
        "kind": "opening",
        "starts_at": at(edition.starts_on, start),
        "ends_at": at(edition.starts_on, end),
        "room": room,
        "allow_conflicts": True,
    }
    data.update(fields)
    return services.create_session(edition=edition, **data).session
