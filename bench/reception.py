#!/usr/bin/env python
"""Reception at 1,000 people: room assignment, the pickup plan and the hotel's rooming list, each beside a
naive reference, in alternating rounds of one run.

Seeds an edition with 1,000 confirmed people of 40 units whose reply forms ask for a room (60% share a
twin, the rest alone in a twin or a single; 20 on the protocol list), two hotels with blocks for three
nights and 800 rooms, three stations and 12 cars; 1,000 arrivals on one day between 07:00 and 23:00. Times
  - assign:        reception.services.assignment.assign_rooms (read the stays, the rules, write the rooms)
    rules only:    reception.rooming.assign on the same plain data (no database)
    naive rules:   the same rules written the obvious way: for each person scan every room and recount its
                   occupants and the hotel's rooms per night from the assignments made so far
  - plan:          reception.services.transport.plan_pickups (1,000 arrivals, three stations, runs written)
    plan only:     reception.pickups.plan on the same plain data
    naive plan:    for each traveller (in time order) scan every run made so far for one in its window with
                   a free seat, else open a run with the first car not on the road
  - rooming list:  reception.documents.rooming_list_xlsx for the big hotel and one night (~1,000 rows)
    naive list:    the same rows appended with openpyxl's ws.append, nothing else (the floor of any XLSX)
Targets: assign <= 1 s, plan <= 0.5 s, rooming list <= 1 s.

    .venv/bin/python bench/reception.py [--rounds 5] [--people 1000]         # SQLite (temp file)
    DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/reception.py  # PostgreSQL
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ["DJANGO_DEBUG"] = "0"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
NIGHTS = ["2031-06-01", "2031-06-02", "2031-06-03"]
DAY = dt.date(2031, 6, 1)


def seed(people: int):
    from events.enums import RegistrationStatus
    from events.models import Category, Organization, Registration, ReplyForm
    from reception.models import Stay
    from reception.services import hotels, transport
    from seating.models import ProtocolEntry

    rng = random.Random(2023)
    edition = bench_edition(
        "bench-reception", "接待压测", starts_on=dt.date(2031, 6, 2), ends_on=dt.date(2031, 6, 3)
    )
    cat = Category.objects.create(edition=edition, code="delegate", name="参会代表")
    units = [Organization.objects.get_or_create(name=f"第{i + 1}设计研究院")[0] for i in range(40)]
    Registration.objects.bulk_create(
        Registration(
            edition=edition,
            category=cat,
            code=f"R{n:05d}",
            status=RegistrationStatus.CONFIRMED,
            name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            organization=rng.choice(units),
            phone=f"139{n:08d}",
        )
        for n in range(people)
    )
    regs = list(Registration.objects.filter(edition=edition).order_by("id"))
    stations = ["大足南站", "重庆江北国际机场", "重庆西站"]
    replies, stays = [], []
    for reg in regs:
        sharing = rng.random() < 0.6
        minute = rng.randint(7 * 60, 23 * 60 - 1)
        replies.append(
            ReplyForm(
                registration=reg,
                hotel_needed=True,
                sharing=sharing,
                room_type="twin" if sharing or rng.random() < 0.5 else "single",
                arrival_date=DAY,
                arrival_time=dt.time(minute // 60, minute % 60),
                arrival_number=f"G{rng.randint(1000, 9999)}",
                arrival_place=rng.choice(stations),
                departure_date=dt.date(2031, 6, 4),
            )
        )
        stays.append(Stay(edition=edition, registration=reg, gender=rng.choice("fm")))
    ReplyForm.objects.bulk_create(replies)
    Stay.objects.bulk_create(stays)
    ProtocolEntry.objects.bulk_create(
        ProtocolEntry(edition=edition, registration=r, position=i) for i, r in enumerate(regs[:400:20], 1)
    )
    big = hotels.create_hotel(edition=edition, name="大足宾馆")
    small = hotels.create_hotel(edition=edition, name="海棠香国酒店")
    for hotel, twins, singles, suites in ((big, 540, 220, 0), (small, 20, 10, 10)):
        for room_type, count in (("twin", twins), ("single", singles), ("suite", suites)):
            if count:
                hotels.set_block(hotel=hotel, room_type=room_type, nights={n: count for n in NIGHTS})
                hotels.add_rooms(
                    hotel=hotel,
                    numbers=[str(10000 + i) for i in range(count)]
                    if room_type == "twin"
                    else [str(20000 + i) for i in range(count)]
                    if room_type == "single"
                    else [str(30000 + i) for i in range(count)],
                    room_type=room_type,
                )
    for name, minutes in zip(stations, (20, 100, 80), strict=True):
        transport.create_station(edition=edition, name=name, kind="rail", travel_minutes=minutes)
    for i in range(12):
        transport.create_vehicle(
            edition=edition,
            plate=f"渝B{i:05d}",
            seats=(19, 7, 4)[i % 3],
            driver_name="司机",
            driver_phone=f"135{i:08d}",
        )
    return edition, big


def naive_rooms(people, rooms, blocks, keep_spare=0):
    """The rules the obvious way: every count recomputed from the list of assignments made so far."""
    placed = []  # (person, room)

    def occupants(room, night):
        return [p for p, r in placed if r.id == room.id and night in p.nights]

    def used(hotel, room_type, night):
        return len(
            {r.id for p, r in placed if r.hotel == hotel and r.room_type == room_type and night in p.nights}
        )

    out = {}
    for p in sorted(people, key=lambda p: (0 if p.alone else 1, p.gender, p.unit, p.code)):
        for room in sorted(rooms, key=lambda r: (r.hotel, r.number)):
            types = ("single", "suite") if p.alone else (p.room_type,)
            if room.room_type not in types:
                continue
            mates = {q.code: q for n in p.nights for q in occupants(room, n)}
            if mates and (
                p.alone or not p.sharing or any(q.gender != p.gender or not q.sharing for q in mates.values())
            ):
                continue
            if any(len(occupants(room, n)) >= room.beds for n in p.nights):
                continue
            block = blocks.get((room.hotel, room.room_type), {})
            if not mates and any(
                used(room.hotel, room.room_type, n) >= block.get(n, 0) - keep_spare for n in p.nights
            ):
                continue
            placed.append((p, room))
            out[p.code] = room.id
            break
    return out


def naive_plan(travellers, cars, travel=60, window=60):
    runs = []  # [start, car, [codes]]
    for t in sorted(travellers, key=lambda t: (t.time, t.code)):
        for run in runs:
            if run[0] <= t.time < run[0] + window and len(run[2]) < (run[1].seats if run[1] else 5):
                run[2].append(t.code)
                break
        else:
            on_road = [r[1] for r in runs if r[1] and r[0] <= t.time < r[0] + 2 * travel]
            car = next((c for c in cars if c not in on_road), None)
            runs.append([t.time, car, [t.code]])
    return runs


def naive_list(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(
            [
                r["room"],
                r["room_type"],
                r["name"],
                r["gender"],
                r["unit"],
                r["phone"],
                r["nights"][0],
                r["nights"][-1],
                len(r["nights"]),
                ",".join(r["roommates"]),
            ]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def timed(times, cpu, side, fn):
    t, c = time.perf_counter(), time.process_time()
    result = fn()
    times.setdefault(side, []).append(time.perf_counter() - t)
    cpu.setdefault(side, []).append(time.process_time() - c)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from reception import documents, pickups, rooming, selectors
    from reception.models import PickupRun, Stay
    from reception.services import assignment, transport

    if connection.vendor == "postgresql":
        from django.test.utils import setup_databases

        setup_databases(verbosity=0, interactive=False)
    else:
        call_command("migrate", verbosity=0)
    edition, big = seed(args.people)
    rows = selectors.stay_rows(edition)
    people = assignment.people_of(rows, assignment.protocol_codes(edition), set())
    rooms, blocks = assignment.rooms_and_blocks(edition)
    legs = transport.legs(edition, DAY, "arrival")
    travellers = [
        pickups.Traveller(code=p["code"], time=p["time"].hour * 60 + p["time"].minute) for p in legs
    ]
    cars = [pickups.Car(id=i, seats=(19, 7, 4)[i % 3]) for i in range(12)]
    assignment.assign_rooms(edition=edition)  # warm
    times, cpu = {}, {}
    for _ in range(args.rounds):
        Stay.objects.filter(edition=edition).update(room=None)
        result = timed(times, cpu, "assign", lambda: assignment.assign_rooms(edition=edition))
        assert len(result["assigned"]) + len(result["unassigned"]) == args.people
        fast = timed(times, cpu, "rules only", lambda: rooming.assign(people, rooms, blocks))
        naive = timed(times, cpu, "naive rules", lambda: naive_rooms(people, rooms, blocks))
        assert len(naive) == len(fast.assigned), (len(naive), len(fast.assigned))
        PickupRun.objects.filter(edition=edition).delete()
        plan = timed(
            times, cpu, "plan", lambda: transport.plan_pickups(edition=edition, date=DAY, direction="arrival")
        )
        assert sum(len(r["passengers"]) for r in plan["runs"]) == len(legs)
        timed(times, cpu, "plan only", lambda: pickups.plan(travellers, cars, travel_minutes=60))
        timed(times, cpu, "naive plan", lambda: naive_plan(travellers, cars))
        listed = [
            r for r in selectors.stay_rows(edition) if r["hotel_id"] == big.pk and NIGHTS[0] in r["nights"]
        ]
        timed(times, cpu, "rooming list", lambda: documents.rooming_list_xlsx(big, NIGHTS[0]))
        timed(times, cpu, "naive list", lambda rows=listed: naive_list(rows))
    load = os.getloadavg()[0]
    print(
        f"{connection.vendor}, {args.people} people, {args.rounds} rounds, load {load:.1f} (median, min-max):"
    )
    print(
        f"  placed {len(result['assigned'])}, unplaced {len(result['unassigned'])}; runs {len(plan['runs'])};"
        f" rooming list rows {len(listed)}"
    )
    for side, values in times.items():
        med = statistics.median(values)
        print(
            f"  {side:<13} wall {med * 1000:8.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f});"
            f" CPU {statistics.median(cpu[side]) * 1000:.1f} ms"
        )
    targets = {"assign": 1.0, "plan": 0.5, "rooming list": 1.0}
    ok = True
    for side, limit in targets.items():
        met = statistics.median(times[side]) <= limit
        ok &= met
        print(f"target {side} <= {limit} s:", "met" if met else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
