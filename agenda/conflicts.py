"""Conflict warnings as plain functions over plain data (no queries here).

Each function takes `Slot`s (one per session: times, room, people, expected attendance) and returns a list
of conflict dicts `{kind, field, message, sessions, ...}`. The services refuse a clash unless the organiser
lets it through; the staff page and the conflicts endpoint list what was let through.
"""

import datetime as dt
from dataclasses import dataclass, field
from itertools import combinations
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from .enums import ConflictKind


@dataclass(frozen=True)
class Slot:
    id: int | None
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room_id: int
    room: str
    room_capacity: int | None = None
    people: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # (person id, name)
    expected: int = 0  # attendance expected from the categories invited into the room


def _overlap(a: Slot, b: Slot) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def _hm(value: dt.datetime, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M")


def room_double_booked(slots: list[Slot], tz: ZoneInfo) -> list[dict]:
    by_room: dict[int, list[Slot]] = {}
    for slot in slots:
        by_room.setdefault(slot.room_id, []).append(slot)
    found = []
    for room_slots in by_room.values():
        room_slots.sort(key=lambda s: s.starts_at)
        for a, b in combinations(room_slots, 2):
            if _overlap(a, b):
                found.append(
                    {
                        "kind": ConflictKind.ROOM_DOUBLE_BOOKED.value,
                        "field": "room",
                        "message": (
                            _(
                                "%(room)s: 「%(title)s」 (%(hm)s–%(hm2)s) and 「%(title2)s」 (%(hm3)s–%(hm4)s) overlap."
                            )
                            % {
                                "room": a.room,
                                "title": a.title,
                                "hm": _hm(a.starts_at, tz),
                                "hm2": _hm(a.ends_at, tz),
                                "title2": b.title,
                                "hm3": _hm(b.starts_at, tz),
                                "hm4": _hm(b.ends_at, tz),
                            }
                        ),
                        "sessions": [a.id, b.id],
                        "room": a.room,
                    }
                )
    return found


def person_double_booked(slots: list[Slot], tz: ZoneInfo) -> list[dict]:
    by_person: dict[int, list[Slot]] = {}
    names: dict[int, str] = {}
    for slot in slots:
        for person_id, name in slot.people:
            by_person.setdefault(person_id, []).append(slot)
            names[person_id] = name
    found = []
    for person_id, person_slots in by_person.items():
        person_slots.sort(key=lambda s: s.starts_at)
        for a, b in combinations(person_slots, 2):
            # Two items in the same room back to back on stage (a speech inside the opening) are fine;
            # a person is double-booked when the overlap is in two different rooms.
            if _overlap(a, b) and a.room_id != b.room_id:
                found.append(
                    {
                        "kind": ConflictKind.PERSON_DOUBLE_BOOKED.value,
                        "field": "speakers",
                        "message": (
                            _(
                                "%(value)s is due in %(room)s 「%(title)s」 and in %(room2)s 「%(title2)s」 at the same time (%(hm)s)."
                            )
                            % {
                                "value": names[person_id],
                                "room": a.room,
                                "title": a.title,
                                "room2": b.room,
                                "title2": b.title,
                                "hm": _hm(max(a.starts_at, b.starts_at), tz),
                            }
                        ),
                        "sessions": [a.id, b.id],
                        "person": names[person_id],
                    }
                )
    return found


def outside_edition(slots: list[Slot], *, starts_on: dt.date, ends_on: dt.date, tz: ZoneInfo) -> list[dict]:
    found = []
    for slot in slots:
        first = slot.starts_at.astimezone(tz).date()
        # A session ending exactly at midnight still belongs to the day it started.
        last = (slot.ends_at.astimezone(tz) - dt.timedelta(microseconds=1)).date()
        if first < starts_on or last > ends_on:
            found.append(
                {
                    "kind": ConflictKind.OUTSIDE_EDITION.value,
                    "field": "starts_at" if first < starts_on or first > ends_on else "ends_at",
                    "message": (
                        _("「%(title)s」 (%(value)s) is outside the edition's days %(value2)s – %(value3)s.")
                        % {
                            "title": slot.title,
                            "value": first.isoformat(),
                            "value2": starts_on.isoformat(),
                            "value3": ends_on.isoformat(),
                        }
                    ),
                    "sessions": [slot.id],
                }
            )
    return found


def room_too_small(slots: list[Slot]) -> list[dict]:
    found = []
    for slot in slots:
        if slot.room_capacity is not None and slot.expected > slot.room_capacity:
            found.append(
                {
                    "kind": ConflictKind.ROOM_TOO_SMALL.value,
                    "field": "room",
                    "message": (
                        _(
                            "%(room)s seats %(room_capacity)s but %(expected)s confirmed attendees are expected at 「%(title)s」."
                        )
                        % {
                            "room": slot.room,
                            "room_capacity": slot.room_capacity,
                            "expected": slot.expected,
                            "title": slot.title,
                        }
                    ),
                    "sessions": [slot.id],
                    "room": slot.room,
                    "capacity": slot.room_capacity,
                    "expected": slot.expected,
                }
            )
    return found


def find_conflicts(slots: list[Slot], *, starts_on: dt.date, ends_on: dt.date, tz: ZoneInfo) -> list[dict]:
    return (
        room_double_booked(slots, tz)
        + person_double_booked(slots, tz)
        + outside_edition(slots, starts_on=starts_on, ends_on=ends_on, tz=tz)
        + room_too_small(slots)
    )


def conflicts_involving(conflicts: list[dict], session_id: int | None) -> list[dict]:
    return [c for c in conflicts if session_id in c["sessions"]]
