"""The pickup plan (接送站) as a pure function: travellers and vehicles in, runs out. Times are minutes of the
day (0-1439); no database, no clock.

Arrivals: travellers are grouped into windows (default 60 minutes) starting at the first arrival not yet
grouped; each window's runs meet the first arrival of the window at the station. Departures: each
traveller must leave the hotel by train/flight time - travel - buffer (default 60 minutes, as Chinese
practice plans it); windows group those leave times and a run leaves at the earliest of its window.
A window's people take the smallest free car that holds them all, else fill the largest first; a
vehicle is busy for the round trip (twice the travel time). When no vehicle is free a run without one is
added (`vehicle` None: hire or reuse one), so every traveller is on exactly one run; travellers without a
time are returned as unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NO_TIME = "no_time"
NO_STATION = "no_station"


@dataclass(frozen=True)
class Traveller:
    code: str
    time: int | None  # minutes of the day of the train or flight
    name: str = ""
    number: str = ""


@dataclass(frozen=True)
class Car:
    id: int
    seats: int


@dataclass
class Run:
    at: int  # at the station (arrival) or leaving the hotel (departure), minutes of the day
    window: tuple[int, int]
    vehicle: int | None
    passengers: list = field(default_factory=list)  # [Traveller]
    id: int | None = None  # the stored run's, when re-planning


@dataclass
class Plan:
    runs: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)  # [(code, reason)]


def _free(busy: dict, car: Car, start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in busy.get(car.id, ()))


def plan(
    travellers,
    cars,
    *,
    direction: str = "arrival",
    travel_minutes: int = 60,
    window_minutes: int = 60,
    buffer_minutes: int = 60,
    busy: dict | None = None,
    spare_seats: int | None = None,
) -> Plan:
    """Runs for one station and day. `busy` ({car id: [(from, to)]}) is read and extended, so several
    stations planned one after the other share the cars. `spare_seats`: the seats of a run added without a
    car (default: the largest car's, or 5)."""
    busy = {} if busy is None else busy
    out = Plan()
    timed = []
    for t in travellers:
        if t.time is None:
            out.unplaced.append((t.code, NO_TIME))
            continue
        key = t.time if direction == "arrival" else t.time - travel_minutes - buffer_minutes
        timed.append((key, t.code, t))
    timed.sort(key=lambda x: (x[0], x[1]))
    cars = sorted(cars, key=lambda c: (-c.seats, c.id))
    spare = spare_seats or (cars[0].seats if cars else 5)
    i = 0
    while i < len(timed):
        start = timed[i][0]
        group = []
        while i < len(timed) and timed[i][0] < start + window_minutes:
            group.append(timed[i][2])
            i += 1
        window = (start, start + window_minutes)
        # Arrivals: the car waits from the first arrival; departures: it leaves at the earliest leave time.
        trip = (start, start + 2 * travel_minutes)
        while group:
            free = [c for c in cars if _free(busy, c, *trip)]
            # The smallest car that takes the whole group, else the largest (and the rest in the next).
            fits = [c for c in free if c.seats >= len(group)]
            car = min(fits, key=lambda c: (c.seats, c.id)) if fits else free[0] if free else None
            seats = car.seats if car else spare
            run = Run(at=start, window=window, vehicle=car.id if car else None, passengers=group[:seats])
            group = group[seats:]
            if car:
                busy.setdefault(car.id, []).append(trip)
            out.runs.append(run)
    return out


@dataclass
class Replan:
    runs: list  # [Run]: every run of the station, day and direction after the change (None: the run is gone)
    changed: list  # [Run]: the runs whose time, car or passengers changed (a new run has id None)
    dropped: list  # [Run]: runs left empty, gone
    tell: list  # codes whose time or car changed (the traveller first)
    drivers: list  # vehicle ids whose runs changed
    unplaced: list = field(default_factory=list)  # [(code, reason)]


def _key(t: Traveller, direction: str, travel_minutes: int, buffer_minutes: int) -> int:
    return t.time if direction == "arrival" else t.time - travel_minutes - buffer_minutes


def replan(
    runs,
    traveller: Traveller,
    cars,
    *,
    direction: str = "arrival",
    travel_minutes: int = 60,
    window_minutes: int = 60,
    buffer_minutes: int = 60,
    busy: dict | None = None,
    spare_seats: int | None = None,
) -> Replan:
    """A traveller's leg changed (a new time, or none: the leg is gone from this station and day): only
    the runs it touches are planned again, every other run keeps its time, car and passengers.

    The traveller leaves their run; a run left empty is dropped (its car freed), and the others in it get
    the time of their earliest key again (the first arrival, or the earliest leave time). With a time, the
    traveller joins the run whose window holds it and that has a free seat (no one else's time changes),
    else a new run at that time in the smallest free car, else a run without a car. `busy`: other
    stations' and directions' trips of the day ({car id: [(from, to)]}), as for `plan`."""
    seats = {c.id: c.seats for c in cars}
    spare = spare_seats or max(seats.values(), default=5)
    before = {id(r): (r.at, r.vehicle, [(p.code, p.time) for p in r.passengers]) for r in runs}
    out = [
        Run(at=r.at, window=r.window, vehicle=r.vehicle, passengers=list(r.passengers), id=r.id) for r in runs
    ]
    twins = dict(zip(map(id, out), runs, strict=True))
    dropped = []
    tell = [traveller.code]
    for run in out:
        if any(p.code == traveller.code for p in run.passengers):
            run.passengers = [p for p in run.passengers if p.code != traveller.code]
            if run.passengers:
                run.at = min(
                    _key(p, direction, travel_minutes, buffer_minutes)
                    for p in run.passengers
                    if p.time is not None
                )
                run.window = (run.at, run.at + window_minutes)
            else:
                dropped.append(run)
    out = [r for r in out if r.passengers]
    unplaced = []
    if traveller.time is None:
        unplaced.append((traveller.code, NO_TIME))
    else:
        key = _key(traveller, direction, travel_minutes, buffer_minutes)
        room = [
            r
            for r in out
            if r.window[0] <= key < r.window[1]
            and len(r.passengers) < (seats.get(r.vehicle, spare) if r.vehicle else spare)
        ]
        if room:
            target = min(room, key=lambda r: (r.vehicle is None, r.at, r.id or 0))
            target.passengers.append(traveller)
        else:
            taken = {k: list(v) for k, v in (busy or {}).items()}
            for r in out:
                if r.vehicle:
                    taken.setdefault(r.vehicle, []).append((r.at, r.at + 2 * travel_minutes))
            trip = (key, key + 2 * travel_minutes)
            free = [c for c in cars if _free(taken, c, *trip)]
            car = min(free, key=lambda c: (c.seats, c.id)) if free else None
            out.append(
                Run(
                    at=key,
                    window=(key, key + window_minutes),
                    vehicle=car.id if car else None,
                    passengers=[traveller],
                )
            )
    changed = []
    drivers = []
    for run in out:
        old = before.get(id(twins[id(run)])) if id(run) in twins else None
        now = (run.at, run.vehicle, [(p.code, p.time) for p in run.passengers])
        if old == now:
            continue
        changed.append(run)
        if run.vehicle and run.vehicle not in drivers:
            drivers.append(run.vehicle)
        if old is not None and (old[0], old[1]) != (run.at, run.vehicle):
            tell += [p.code for p in run.passengers if p.code not in tell]
    for run in dropped:
        if run.vehicle and run.vehicle not in drivers:
            drivers.append(run.vehicle)
    out.sort(key=lambda r: (r.at, r.id is None, r.id or 0))
    return Replan(runs=out, changed=changed, dropped=dropped, tell=tell, drivers=drivers, unplaced=unplaced)


def clock(minutes: int) -> str:
    """Minutes of the day as HH:MM (a departure before midnight wraps to the day before's clock)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
