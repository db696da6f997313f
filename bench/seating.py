#!/usr/bin/env python
"""Seating a 2,000-seat floor by unit: huiwu's assign_seats against the bare write of the same rows.

Seeds an edition with 2,000 confirmed delegates from 80 units (Chinese names and unit names, a protocol
list of 20), a floor plan of 40 rows of 50 seats ordered by surname stroke order (ICU), then in
alternating rounds times
  - assign:     assignment.assign_seats on an empty plan: precedence, ICU collation, blocks by unit, the
                seat sequence, 2,000 rows written, changes listed
  - recompute:  a cancellation, then assignment.assign_seats(plan) (everyone else keeps their seat: one
                row deleted, one change)
  - bare write: the same 2,000 seat rows inserted into the emptied plan by the same one executemany,
                nothing computed (the floor any implementation pays)
                (the floor any implementation pays)
Prints the median per side and the ratios to the bare write. Target: assign <= 1 s.

    .venv/bin/python bench/seating.py [--rounds 5] [--seats 2000]            # SQLite (temp file)
    DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/seating.py     # PostgreSQL
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ["DJANGO_DEBUG"] = "0"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
PLACES = (
    "成都重庆大足绵阳德阳宜宾泸州南充达州遂宁内江乐山眉山广安资阳雅安巴中攀枝花永川合川江津璧山铜梁潼南荣昌"
)


def seed(seats: int):
    import datetime as dt

    from events.enums import RegistrationStatus
    from events.models import Category, Organization, Registration
    from seating.services import plans, protocol

    rng = random.Random(2023)
    edition = bench_edition("bench-seating", "座次压测", starts_on=dt.date(2031, 6, 1))
    cat = Category.objects.create(edition=edition, code="delegate", name="参会代表")
    units = []
    for i in range(80):
        place = PLACES[(i * 2) % len(PLACES) : (i * 2) % len(PLACES) + 2]
        org, _ = Organization.objects.get_or_create(name=f"{place}市第{i + 1}设计研究院")
        units.append(org)
    Registration.objects.bulk_create(
        [
            Registration(
                edition=edition,
                category=cat,
                code=f"B{n:05d}",
                status=RegistrationStatus.CONFIRMED,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                organization=rng.choice(units),
            )
            for n in range(seats)
        ]
    )
    Category.objects.filter(pk=cat.pk).update(confirmed_count=seats)  # the counter registration keeps
    protocol.set_protocol_list(edition=edition, codes=[f"B{n:05d}" for n in range(0, 400, 20)])
    width = 50
    rows = [width] * (seats // width) + ([seats % width] if seats % width else [])
    plan = plans.create_plan(edition=edition, name="主会场", kind="floor", rows=rows, order_by="strokes")
    return edition, plan


def bare_write(rows):
    from django.db import transaction

    from seating.services.assignment import insert_seats

    with transaction.atomic():
        insert_seats(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seats", type=int, default=2000)
    args = parser.parse_args()
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp()
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from events.registration import services as event_services
    from seating.models import SeatAssignment
    from seating.services import assignment

    if connection.vendor == "postgresql":
        # A scratch database on the given server, so the bench never touches real data.
        from django.test.utils import setup_databases

        setup_databases(verbosity=0, interactive=False)
    else:
        call_command("migrate", verbosity=0)
    edition, plan = seed(args.seats)
    assignment.assign_seats(plan=plan, fresh=True)  # warm: ICU collator, query plans
    rows = list(
        SeatAssignment.objects.filter(plan=plan).values_list(
            "plan_id", "registration_id", "name", "note", "row", "seat", "label", "pinned", "manual"
        )
    )
    times = {"assign": [], "recompute": [], "bare write": []}
    cpu = {"assign": [], "recompute": [], "bare write": []}
    people = list(edition.registrations.filter(status="confirmed").order_by("?")[: args.rounds])
    for i in range(args.rounds):
        SeatAssignment.objects.filter(plan=plan).delete()  # an empty plan: every seat computed and written
        t, c = time.perf_counter(), time.process_time()
        result = assignment.assign_seats(plan=plan)
        times["assign"].append(time.perf_counter() - t)
        cpu["assign"].append(time.process_time() - c)
        assert len(result["seats"]) == args.seats - i, len(result["seats"])
        event_services.cancel_registration(registration=people[i])
        t, c = time.perf_counter(), time.process_time()
        result = assignment.assign_seats(plan=plan)
        times["recompute"].append(time.perf_counter() - t)
        cpu["recompute"].append(time.process_time() - c)
        assert len(result["changes"]) == 1, result["changes"][:3]
        SeatAssignment.objects.filter(plan=plan).delete()
        t, c = time.perf_counter(), time.process_time()
        bare_write(rows)
        times["bare write"].append(time.perf_counter() - t)
        cpu["bare write"].append(time.process_time() - c)
    bare = statistics.median(times["bare write"])
    load = os.getloadavg()[0]
    print(
        f"{connection.vendor}, {args.seats} seats, 80 units, {args.rounds} rounds, load {load:.1f} (median, min-max):"
    )
    for side, values in times.items():
        med = statistics.median(values)
        print(
            f"  {side:<11} wall {med * 1000:7.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"
            f"  x{med / bare:.2f} of bare write; this process's CPU {statistics.median(cpu[side]) * 1000:.1f} ms"
        )
    ok = statistics.median(times["assign"]) <= 1.0
    print("target assign <= 1 s:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
