"""A traveller's leg changed (the reply form, or staff): only the runs it touches are planned again
(reception.pickups.replan), the day's other runs keep their time, car and passengers; the answer says who
must be told (passengers whose time or car changed, the drivers of the runs that changed)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from events.exceptions import InvalidInput, NotFound
from events.models import Edition, Registration
from events.units import reply_form

from .. import pickups
from ..models import PickupRun, PickupSeat, Station, Vehicle
from .assignment import _lock
from .transport import DIRECTIONS, _minutes, _time, runs_out, station_of

LEG = ("date", "time", "number", "place")


def _group(edition, date, direction, station) -> list[pickups.Run]:
    """The stored runs of one day, direction and station as the pure function's runs."""
    runs = list(PickupRun.objects.filter(edition=edition, date=date, direction=direction, station=station))
    seats: dict[int, list] = {r.pk: [] for r in runs}
    for run_id, code, number, at in (
        PickupSeat.objects.filter(run__in=runs)
        .order_by("time", "id")
        .values_list("run_id", "registration__code", "number", "time")
    ):
        seats[run_id].append(pickups.Traveller(code=code, time=_minutes(at), number=number))
    return [
        pickups.Run(
            at=_minutes(r.at),
            window=(_minutes(r.window_from), _minutes(r.window_to)),
            vehicle=r.vehicle_id,
            passengers=seats[r.pk],
            id=r.pk,
        )
        for r in runs
    ]


def _busy(edition, date, but: Station, direction: str) -> dict:
    busy: dict = {}
    for run in PickupRun.objects.filter(edition=edition, date=date, vehicle__isnull=False).select_related(
        "station"
    ):
        if run.station_id == but.pk and run.direction == direction:
            continue
        start = _minutes(run.at)
        busy.setdefault(run.vehicle_id, []).append((start, start + 2 * run.station.travel_minutes))
    return busy


def _write(edition, date, direction, station, result: pickups.Replan, ids: dict[str, int]) -> None:
    PickupRun.objects.filter(pk__in=[r.id for r in result.dropped if r.id]).delete()
    for run in result.changed:
        fields = {
            "at": _time(run.at),
            "window_from": _time(run.window[0]),
            "window_to": _time(run.window[1]),
            "vehicle_id": run.vehicle,
        }
        if run.id:
            PickupRun.objects.filter(pk=run.id).update(**fields)
            PickupSeat.objects.filter(run_id=run.id).delete()
            row_id = run.id
        else:
            row_id = PickupRun.objects.create(
                edition=edition, station=station, direction=direction, date=date, **fields
            ).pk
        PickupSeat.objects.bulk_create(
            PickupSeat(
                run_id=row_id,
                registration_id=ids[p.code],
                number=p.number,
                time=None if p.time is None else _time(p.time),
            )
            for p in run.passengers
        )


def replan_leg(*, edition: Edition, registration: Registration, direction: str) -> dict:
    """Re-plan the runs the person's `direction` leg touches (where it was, where it is now, if that day was
    planned). Answers {tell [code], drivers [vehicle id], dates [the days re-planned]}."""
    prefix = direction
    leg = (
        Registration.objects.filter(pk=registration.pk)
        .values_list(*(f"reply__{prefix}_{f}" for f in LEG))
        .first()
    )
    date, at, number, place = leg or (None, None, "", "")
    stations = list(Station.objects.filter(edition=edition))
    station = station_of(place, stations) if date else None
    cars = [pickups.Car(id=v.pk, seats=v.seats) for v in Vehicle.objects.filter(edition=edition)]
    was = list(PickupRun.objects.filter(passengers__registration=registration, direction=direction))
    groups = {(r.date, r.station_id) for r in was}
    planned = date and PickupRun.objects.filter(edition=edition, date=date, direction=direction).exists()
    if station and planned:
        groups.add((date, station.pk))
    by_id = {s.pk: s for s in stations}
    tell: list[str] = []
    drivers: list[int] = []
    ids = {registration.code: registration.pk}
    for day, station_id in sorted(groups):
        here = by_id[station_id]
        runs = _group(edition, day, direction, here)
        ids.update(
            dict(
                PickupSeat.objects.filter(run__in=[r.id for r in runs]).values_list(
                    "registration__code", "registration_id"
                )
            )
        )
        mine = (day, station_id) == (date, station.pk if station else None)
        traveller = pickups.Traveller(
            code=registration.code, time=_minutes(at) if mine else None, number=number or ""
        )
        result = pickups.replan(
            runs,
            traveller,
            cars,
            direction=direction,
            travel_minutes=here.travel_minutes,
            busy=_busy(edition, day, here, direction),
        )
        _write(edition, day, direction, here, result, ids)
        tell += [c for c in result.tell if c not in tell]
        drivers += [d for d in result.drivers if d not in drivers]
    return {"tell": tell, "drivers": drivers, "dates": sorted({d for d, _s in groups})}


def change_leg(*, edition: Edition, code: str, direction: str, data: dict) -> dict:
    """Staff change a traveller's leg (`data`: date, time, number, place; as the reply form takes them) and
    the runs are re-planned: {tell [{code, name, phone, at, date, station, vehicle}], drivers [{plate,
    driver, phone}], runs [as the plan answers, of the days re-planned]}."""
    if direction not in DIRECTIONS:
        raise InvalidInput(gettext("Choose one of the offered options."), field="direction")
    registration = Registration.objects.filter(edition=edition, code=(code or "").strip().upper()).first()
    if registration is None:
        raise NotFound(gettext("No registration with that code."), field="code")
    with transaction.atomic():
        _lock(edition)
        reply_form.save_reply(
            registration_obj=registration,
            data={f"{direction}_{k}": v for k, v in data.items() if k in LEG},
            listen=False,
        )
        done = replan_leg(edition=edition, registration=registration, direction=direction)
    return told(edition, direction, done)


def told(edition: Edition, direction: str, done: dict) -> dict:
    runs = [r for day in done["dates"] for r in runs_out(edition, day, direction)]
    where = {p["code"]: (r, p) for r in runs for p in r["passengers"]}
    people = dict(
        Registration.objects.filter(edition=edition, code__in=done["tell"]).values_list("code", "name")
    )
    phones = dict(
        Registration.objects.filter(edition=edition, code__in=done["tell"]).values_list("code", "phone")
    )
    tell = []
    for code in done["tell"]:
        run, _p = where.get(code, (None, None))
        tell.append(
            {
                "code": code,
                "name": people.get(code, ""),
                "phone": phones.get(code, ""),
                "at": run["at"] if run else None,
                "date": run["date"] if run else None,
                "station": run["station"] if run else None,
                "vehicle": run["vehicle"] if run else None,
            }
        )
    cars = Vehicle.objects.filter(pk__in=done["drivers"])
    drivers = [{"plate": v.plate, "driver": v.driver_name, "driver_phone": v.driver_phone} for v in cars]
    return {"tell": tell, "drivers": drivers, "runs": runs}


def on_reply_saved(registration: Registration, changed: set[str]) -> None:
    """The events hook: a reply form saved with changed fields; a changed leg re-plans its runs."""
    for direction in DIRECTIONS:
        if any(f"{direction}_{k}" in changed for k in LEG):
            if PickupRun.objects.filter(edition_id=registration.edition_id, direction=direction).exists():
                _lock(registration.edition)
                replan_leg(edition=registration.edition, registration=registration, direction=direction)
