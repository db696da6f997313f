"""Stations, vehicles and the pickup plan (接送站): travel legs come from the reply form (number, station,
date and time of arrival and departure); the rules are reception.pickups'."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from events.enums import RegistrationStatus
from events.exceptions import Conflict, InvalidInput
from events.models import Edition, Registration

from .. import pickups
from ..models import PickupRun, PickupSeat, Station, Vehicle
from .assignment import _lock

DIRECTIONS = ("arrival", "departure")


def create_station(*, edition: Edition, name: str, kind: str, travel_minutes: int = 60) -> Station:
    if kind not in Station.Kind.values:
        raise InvalidInput(gettext("Choose one of the offered options."), field="kind")
    try:
        with transaction.atomic():
            return Station.objects.create(
                edition=edition, name=name.strip(), kind=kind, travel_minutes=travel_minutes
            )
    except IntegrityError:
        raise Conflict(gettext("A station of that name exists."), field="name")


def create_vehicle(
    *, edition: Edition, plate: str, seats: int, driver_name: str, driver_phone: str, kind: str = ""
):
    try:
        with transaction.atomic():
            return Vehicle.objects.create(
                edition=edition,
                plate=plate.strip().upper(),
                seats=seats,
                kind=kind,
                driver_name=driver_name.strip(),
                driver_phone=driver_phone.strip(),
            )
    except IntegrityError:
        raise Conflict(gettext("A vehicle with that plate exists."), field="plate")


def station_of(place: str, stations: list[Station]) -> Station | None:
    """The station a traveller named in the reply form ("重庆北站", "江北机场 T3"): the same name, or one
    name holding the other."""
    place = (place or "").strip()
    if not place:
        return None
    for s in stations:
        if s.name == place:
            return s
    return next((s for s in stations if s.name in place or place in s.name), None)


def legs(edition: Edition, date: dt.date, direction: str) -> list[dict]:
    """The travel legs of that day and direction from the reply forms of confirmed people."""
    prefix = "arrival" if direction == "arrival" else "departure"
    regs = Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED, **{f"reply__{prefix}_date": date}
    ).order_by("id")
    fields = (
        "id",
        "code",
        "name",
        "phone",
        f"reply__{prefix}_number",
        f"reply__{prefix}_place",
        f"reply__{prefix}_time",
    )
    return [
        {"id": pk, "code": code, "name": name, "phone": phone, "number": number, "place": place, "time": at}
        for pk, code, name, phone, number, place, at in regs.values_list(*fields)
    ]


def _minutes(t: dt.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def _time(minutes: int) -> dt.time:
    minutes %= 24 * 60
    return dt.time(minutes // 60, minutes % 60)


def plan_pickups(
    *,
    edition: Edition,
    date: dt.date,
    direction: str,
    station: int | None = None,
    window_minutes: int = 60,
    buffer_minutes: int = 60,
) -> dict:
    """Plan the runs of one day and direction (one station, or all): the day's earlier plan for those
    stations is replaced. Answers the runs and who could not be planned, with the reason."""
    if direction not in DIRECTIONS:
        raise InvalidInput(gettext("Choose one of the offered options."), field="direction")
    if not 10 <= window_minutes <= 240:
        raise InvalidInput(gettext("Between 10 and 240 minutes."), field="window_minutes")
    if not 0 <= buffer_minutes <= 240:
        raise InvalidInput(gettext("Between 0 and 240 minutes."), field="buffer_minutes")
    with transaction.atomic():
        _lock(edition)
        stations = list(Station.objects.filter(edition=edition))
        chosen = [s for s in stations if station is None or s.pk == station]
        if station is not None and not chosen:
            raise InvalidInput(gettext("No such station."), field="station")
        vehicles = {v.pk: v for v in Vehicle.objects.filter(edition=edition)}
        cars = [pickups.Car(id=v.pk, seats=v.seats) for v in vehicles.values()]
        people = legs(edition, date, direction)
        by_station: dict[int, list[dict]] = {s.pk: [] for s in chosen}
        unplaced = []
        for p in people:
            s = station_of(p["place"], stations)
            if s is None:
                if station is None:
                    unplaced.append({"code": p["code"], "reason": pickups.NO_STATION})
            elif s.pk in by_station:
                by_station[s.pk].append(p)
        PickupRun.objects.filter(edition=edition, date=date, direction=direction, station__in=chosen).delete()
        # Cars already out on this day's other runs (the other direction, stations not re-planned) stay busy.
        busy: dict = {}
        for run in PickupRun.objects.filter(edition=edition, date=date, vehicle__isnull=False).select_related(
            "station"
        ):
            start = _minutes(run.at)
            busy.setdefault(run.vehicle_id, []).append((start, start + 2 * run.station.travel_minutes))
        ids = {p["code"]: p["id"] for p in people}
        times = {p["code"]: p["time"] for p in people}
        planned = []  # (PickupRun, [Traveller])
        for s in chosen:
            travellers = [
                pickups.Traveller(
                    code=p["code"], name=p["name"], number=p["number"], time=_minutes(p["time"])
                )
                for p in by_station[s.pk]
            ]
            result = pickups.plan(
                travellers,
                cars,
                direction=direction,
                travel_minutes=s.travel_minutes,
                window_minutes=window_minutes,
                buffer_minutes=buffer_minutes,
                busy=busy,
            )
            unplaced += [{"code": c, "reason": r} for c, r in result.unplaced]
            for run in result.runs:
                row = PickupRun(
                    edition=edition,
                    station=s,
                    direction=direction,
                    date=date,
                    at=_time(run.at),
                    window_from=_time(run.window[0]),
                    window_to=_time(run.window[1]),
                    vehicle_id=run.vehicle,
                )
                planned.append((row, run.passengers))
        PickupRun.objects.bulk_create([row for row, _ in planned])
        if planned and planned[0][0].pk is None:  # a database that returns no ids from a bulk insert
            for row, _ in planned:
                row.save()
        PickupSeat.objects.bulk_create(
            PickupSeat(run_id=row.pk, registration_id=ids[t.code], number=t.number, time=times[t.code])
            for row, passengers in planned
            for t in passengers
        )
    if station is not None:  # the other stations' runs of the day are in the answer too: read them all
        return {"runs": runs_out(edition, date, direction), "unplaced": unplaced}
    # Every run of the day and direction was just made: the answer from memory, as runs_out reads it back.
    phones = {p["code"]: p["phone"] for p in people}
    planned.sort(key=lambda x: (x[0].at, x[0].station_id, x[0].pk))
    runs = []
    for row, passengers in planned:
        car = vehicles.get(row.vehicle_id)
        riders = sorted(
            enumerate(passengers), key=lambda x: (times[x[1].code] is None, times[x[1].code], x[0])
        )
        runs.append(
            {
                "id": row.pk,
                "station": row.station.name,
                "direction": direction,
                "date": date.isoformat(),
                "at": row.at.strftime("%H:%M"),
                "window": [row.window_from.strftime("%H:%M"), row.window_to.strftime("%H:%M")],
                "vehicle": car.plate if car else None,
                "vehicle_id": row.vehicle_id,
                "driver": car.driver_name if car else "",
                "driver_phone": car.driver_phone if car else "",
                "travel_minutes": row.station.travel_minutes,
                "passengers": [
                    {
                        "code": t.code,
                        "name": t.name,
                        "phone": phones[t.code],
                        "number": t.number,
                        "time": times[t.code].strftime("%H:%M") if times[t.code] else "",
                    }
                    for _i, t in riders
                ],
            }
        )
    return {"runs": runs, "unplaced": unplaced}


def runs_out(edition: Edition, date: dt.date, direction: str | None = None) -> list[dict]:
    runs = PickupRun.objects.filter(edition=edition, date=date).select_related("station", "vehicle")
    if direction:
        runs = runs.filter(direction=direction)
    seats = PickupSeat.objects.filter(run__in=runs).order_by("time", "id")
    by_run: dict[int, list] = {}
    fields = ("run_id", "registration__code", "registration__name", "registration__phone", "number", "time")
    for run_id, code, name, phone, number, at in seats.values_list(*fields):
        by_run.setdefault(run_id, []).append(
            {
                "code": code,
                "name": name,
                "phone": phone,
                "number": number,
                "time": at.strftime("%H:%M") if at else "",
            }
        )
    return [
        {
            "id": r.pk,
            "station": r.station.name,
            "direction": r.direction,
            "date": r.date.isoformat(),
            "at": r.at.strftime("%H:%M"),
            "window": [r.window_from.strftime("%H:%M"), r.window_to.strftime("%H:%M")],
            "vehicle": r.vehicle.plate if r.vehicle else None,
            "vehicle_id": r.vehicle_id,
            "driver": r.vehicle.driver_name if r.vehicle else "",
            "driver_phone": r.vehicle.driver_phone if r.vehicle else "",
            "travel_minutes": r.station.travel_minutes,
            "passengers": by_run.get(r.pk, []),
        }
        for r in runs.order_by("direction", "at", "station_id", "id")
    ]
