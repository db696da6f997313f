"""What reception arranged for a person, as events shows it (the check-in verdict, the offline snapshot, the
ticket page, the unit contact's page) through events.hooks: the room (`stay`) and the car (`pickup`).

One query of plain values for any number of codes, none for an edition without hotels and stations (the
configuration cache knows), so a door scan costs no more than before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from types import SimpleNamespace

from django.db.models import Q
from django.utils import timezone

from events import cache
from events.models import Registration

from .models import Station
from .selectors import has_hotels, nights_between

# Configuration cache scope of `has_stations` (the edition's, see seating.selectors.PLANS)
STATIONS = cache.EDITIONS


def has_stations(edition_id: int) -> bool:
    """Whether the edition has a station (configuration cache): without one nobody has a pickup, no query."""
    return cache.cached(
        STATIONS,
        f"reception-stations:{edition_id}",
        lambda: Station.objects.filter(edition_id=edition_id).exists(),
    )


STAY = (
    "stay__room__hotel__name",
    "stay__room__hotel__name_en",
    "stay__room__number",
    "stay__nights",
    "reply__arrival_date",
    "reply__departure_date",
    "edition__starts_on",
    "edition__ends_on",
)
PICKUP = (
    "pickup_seats__run__date",
    "pickup_seats__run__at",
    "pickup_seats__run__direction",
    "pickup_seats__run__station__name",
    "pickup_seats__run__vehicle__plate",
    "pickup_seats__run__vehicle__driver_phone",
)


def choose_pickup(runs: list[tuple], today: dt.date) -> dict | None:
    """The run that matters now: the first of today or later (the arrival before the conference, the
    departure once there), else the last one. `runs`: (date, at, direction, station, plate, driver_phone)."""
    if not runs:
        return None
    runs = sorted(runs, key=lambda r: (r[0], r[1]))
    date, at, direction, station, plate, phone = next((r for r in runs if r[0] >= today), runs[-1])
    return {
        "at": at.strftime("%H:%M"),
        "date": date.isoformat(),
        "direction": direction,
        "station": station,
        "vehicle": plate or "",
        "driver_phone": phone or "",
    }


def arranged_for(
    edition_id: int, codes: Iterable[str] | None, today: dt.date | None = None
) -> dict[str, dict]:
    """{code: {"stay": {hotel, hotel_en, room, nights}?, "pickup": {at, date, direction, station, vehicle,
    driver_phone}?}} (the events hook): codes None is everyone with a room or a pickup."""
    rooms, cars = has_hotels(edition_id), has_stations(edition_id)
    if not (rooms or cars):
        return {}
    regs = Registration.objects.filter(edition_id=edition_id)
    if codes is not None:
        codes = list(codes)
        if not codes:
            return {}
        regs = regs.filter(code__in=codes)
    else:
        some = (Q(stay__room__isnull=False) if rooms else Q()) | (
            Q(pickup_seats__isnull=False) if cars else Q()
        )
        regs = regs.filter(some)
    fields = ("code",) + (STAY if rooms else ()) + (PICKUP if cars else ())
    today = today or timezone.localdate()
    stays: dict[str, dict] = {}
    runs: dict[str, list] = {}
    for row in regs.values_list(*fields):
        code, rest = row[0], row[1:]
        if rooms:
            hotel, hotel_en, number, nights, arrival, departure, starts, ends = rest[:8]
            rest = rest[8:]
            if number is not None and code not in stays:
                if nights is None:
                    nights = nights_between(
                        arrival, departure, SimpleNamespace(starts_on=starts, ends_on=ends)
                    )
                stays[code] = {
                    "hotel": hotel,
                    "hotel_en": hotel_en or "",
                    "room": number,
                    "nights": list(nights),
                }
        if cars and rest[0] is not None and rest not in runs.setdefault(code, []):
            runs[code].append(rest)
    out: dict[str, dict] = {code: {"stay": stay} for code, stay in stays.items()}
    for code, mine in runs.items():
        pickup = choose_pickup(mine, today)
        if pickup:
            out.setdefault(code, {})["pickup"] = pickup
    return out
