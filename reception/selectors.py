"""Reads: who asks for a room (the reply form plus reception's Stay), hotels, the per-night pickup view."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from events import cache
from events.enums import RegistrationStatus
from events.exceptions import NotFound
from events.models import Admission, Edition, Registration

from .models import Hotel, Room, RoomBlock, Stay

# Configuration cache scope of `has_hotels` (the edition's, see seating.selectors.PLANS)
HOTELS = cache.EDITIONS
CUTOFF_WARNING_DAYS = 7


def has_hotels(edition_id: int) -> bool:
    """Whether the edition has a hotel (configuration cache): without one nobody has a room, no query."""
    return cache.cached(
        HOTELS, f"reception-hotels:{edition_id}", lambda: Hotel.objects.filter(edition_id=edition_id).exists()
    )


def get_hotel(edition: Edition, hotel_id: int) -> Hotel:
    return get_object_or_404(Hotel, edition=edition, pk=hotel_id)


def nights_between(arrival: dt.date | None, departure: dt.date | None, edition) -> list[str]:
    """The nights (ISO dates) from arrival to the night before departure; the edition's days fill a gap."""
    start = arrival or edition.starts_on
    end = departure or max(edition.ends_on, start + dt.timedelta(days=1))
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days)]


REG_FIELDS = (
    "id",
    "code",
    "name",
    "name_en",
    "category__code",
    "unit__organization__name",
    "organization__name",
    "phone",
    "reply__hotel_needed",
    "reply__arrival_date",
    "reply__departure_date",
    "reply__room_type",
    "reply__sharing",
    "reply__share_with",
    "reply__gender",
    "reply__accompanies",
)
STAY_FIELDS = (
    "registration_id",
    "gender",
    "accompanies",
    "nights",
    "hotel_id",
    "room_id",
    "room__number",
    "room__hotel_id",
    "room__hotel__name",
    "pinned",
)


def stay_rows(
    edition: Edition, codes: Iterable[str] | None = None, hotel_id: int | None = None
) -> list[dict]:
    """Everyone who asks for a room (the reply form says hotel: yes, or staff gave nights): plain dicts with
    the reply's answers and reception's part (gender and whom one accompanies: staff's, else the reply's).
    Two queries of plain values whatever the number of people (1,000 model instances would cost more than
    the rules)."""
    regs = Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED).order_by("id")
    stays_of = Stay.objects.filter(edition=edition)
    if codes is not None:
        regs = regs.filter(code__in=list(codes))
    if hotel_id is not None:  # one hotel's guests (its rooming list): their roommates are in it too
        regs, stays_of = regs.filter(stay__room__hotel_id=hotel_id), stays_of.filter(room__hotel_id=hotel_id)
    stays = {s[0]: s for s in stays_of.values_list(*STAY_FIELDS)}
    spans: dict[tuple, list[str]] = {}  # nights per (arrival, departure): most people share a few
    rows = []
    for (
        pk,
        code,
        name,
        name_en,
        category,
        unit,
        org,
        phone,
        wants,
        arrival,
        departure,
        room_type,
        sharing,
        share_with,
        gender,
        accompanies,
    ) in regs.values_list(*REG_FIELDS):
        stay = stays.get(pk)
        edited = stay is not None and stay[3] is not None
        if not wants and not edited:
            continue
        if edited:
            nights = list(stay[3])
        else:
            if (arrival, departure) not in spans:
                spans[arrival, departure] = nights_between(arrival, departure, edition)
            nights = list(spans[arrival, departure])
        rows.append(
            {
                "id": pk,
                "code": code,
                "name": name,
                "name_en": name_en,
                "category": category,
                "unit": unit or org or "",
                "phone": phone,
                # Staff's word (PATCH /stays) over the reply form's.
                "gender": (stay[1] if stay else "") or gender or "",
                "accompanies": (stay[2] if stay else "") or accompanies or "",
                "nights": nights,
                "room_type": room_type or "twin",
                "sharing": bool(sharing),
                "share_with": share_with or "",
                "wish_hotel": stay[4] if stay else None,
                "hotel_id": stay[7] if stay else None,
                "hotel": (stay[8] or "") if stay else "",
                "room_id": stay[5] if stay else None,
                "room": (stay[6] or "") if stay else "",
                "pinned": bool(stay and stay[9]),
            }
        )
    by_room: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        if r["room_id"]:
            by_room[r["room_id"]].append(r["code"])
    for r in rows:
        r["roommates"] = [c for c in by_room.get(r["room_id"], []) if c != r["code"]] if r["room_id"] else []
    return rows


def stays_for(edition_id: int, codes: Iterable[str] | None) -> dict[str, dict]:
    """{code: {hotel, room, nights}} of people with a room (the events hook): no query for an edition
    without hotels, one otherwise."""
    if not has_hotels(edition_id):
        return {}
    stays = Stay.objects.filter(edition_id=edition_id, room__isnull=False)
    if codes is not None:
        codes = list(codes)
        if not codes:
            return {}
        stays = stays.filter(registration__code__in=codes)
    rows = stays.values_list(
        "registration__code",
        "room__hotel__name",
        "room__number",
        "nights",
        "registration__reply__arrival_date",
        "registration__reply__departure_date",
    )
    out = {}
    edition = None
    for code, hotel, number, nights, arrival, departure in rows:
        if nights is None:
            edition = edition or Edition.objects.get(pk=edition_id)
            nights = nights_between(arrival, departure, edition)
        out[code] = {"hotel": hotel, "room": number, "nights": list(nights)}
    return out


def hotels(edition: Edition) -> list[Hotel]:
    return list(
        Hotel.objects.filter(edition=edition)
        .prefetch_related("blocks", "rooms")
        .order_by("distance_minutes", "id")
    )


def _rooms_needed(rows: list[dict]) -> int:
    alone = sum(1 for r in rows if not r["sharing"])
    shared = len(rows) - alone
    return alone + (shared + 1) // 2


def pickup_view(edition: Edition, rows: list[dict] | None = None, today: dt.date | None = None) -> dict:
    """The per-night view (包房落实): per hotel and room type and night, rooms blocked, requested (wished or
    placed there; sharers count half a room), assigned (rooms in use) and checked in (rooms of which
    someone has arrived); and the blocks whose cut-off is within 7 days while rooms are unplaced or unused."""
    today = today or dt.date.today()
    rows = stay_rows(edition) if rows is None else rows
    hotel_list = hotels(edition)
    arrived = set(
        Admission.objects.filter(registration__edition=edition).values_list("registration_id", flat=True)
    )
    nights = sorted(
        {n for r in rows for n in r["nights"]}
        | {n for h in hotel_list for b in h.blocks.all() for n in b.nights}
    )
    table = []
    flags = []
    unplaced = sum(1 for r in rows if not r["room_id"])
    for h in hotel_list:
        types = sorted({b.room_type for b in h.blocks.all()} | {r.room_type for r in h.rooms.all()})
        for room_type in types:
            block = next((b for b in h.blocks.all() if b.room_type == room_type), None)
            mine = [
                r for r in rows if r["room_type"] == room_type and (r["hotel_id"] or r["wish_hotel"]) == h.pk
            ]
            cells = []
            for n in nights:
                here = [r for r in mine if n in r["nights"]]
                placed = [r for r in here if r["hotel_id"] == h.pk]
                cells.append(
                    {
                        "night": n,
                        "blocked": block.nights.get(n, 0) if block else 0,
                        "requested": _rooms_needed(here),
                        "assigned": len({r["room_id"] for r in placed}),
                        "checked_in": len({r["room_id"] for r in placed if r["id"] in arrived}),
                    }
                )
            row = {
                "hotel": h.name,
                "hotel_en": h.name_en or h.name,
                "hotel_id": h.pk,
                "room_type": room_type,
                "cells": cells,
                "cutoff_on": block.cutoff_on if block else None,
            }
            table.append(row)
            if block and block.cutoff_on and 0 <= (block.cutoff_on - today).days <= CUTOFF_WARNING_DAYS:
                unused = sum(max(c["blocked"] - c["assigned"], 0) for c in cells)
                if unused or unplaced:
                    flags.append(
                        {
                            **row,
                            "unused": unused,
                            "unplaced": unplaced,
                            "days": (block.cutoff_on - today).days,
                        }
                    )
    wanted = [r for r in rows if not r["hotel_id"] and not r["wish_hotel"]]
    for room_type in sorted({r["room_type"] for r in wanted}):
        cells = []
        for n in nights:
            here = [r for r in wanted if r["room_type"] == room_type and n in r["nights"]]
            cells.append(
                {"night": n, "blocked": 0, "requested": _rooms_needed(here), "assigned": 0, "checked_in": 0}
            )
        table.append(
            {"hotel": "", "hotel_id": None, "room_type": room_type, "cells": cells, "cutoff_on": None}
        )
    return {"nights": nights, "rows": table, "flags": flags, "unplaced": unplaced}


def room_of(edition: Edition, hotel_name_or_id, number: str) -> Room:
    rooms = Room.objects.filter(hotel__edition=edition, number=str(number)).select_related("hotel")
    if isinstance(hotel_name_or_id, int) or str(hotel_name_or_id).isdigit():
        rooms = rooms.filter(hotel_id=int(hotel_name_or_id))
    else:
        rooms = rooms.filter(hotel__name=hotel_name_or_id)
    room = rooms.first()
    if room is None:
        raise NotFound(gettext("No such room."), field="room")
    return room


def blocks_of(edition: Edition) -> list[RoomBlock]:
    return list(RoomBlock.objects.filter(hotel__edition=edition))
