#!/usr/bin/env python
"""The report (会后总结) for 3,000 people and 20,000 scans: JSON and PDF, against a naive reference.

Seeds an edition of 3,000 registrations (4 categories, 40 units with quotas, 3 doors with 2 hand-out items,
registrations over 40 days, approvals), about 4,400 admissions and 20,000 scan rows (re-scans and unknown
codes beside the admissions), 4,800 hand-outs, 30 signing projects and 20 awards; and the previous edition
of the series at the same size, which the report sets beside it. Then in alternating rounds times
  - json:      GET /api/v1/events/{slug}/report (token, ninja's schema, both editions' figures)
  - pdf:       GET /api/v1/events/{slug}/report.pdf with the chart cache emptied first (every chart drawn
               by matplotlib, the A4 laid out by WeasyPrint)
  - reference: the same figures counted the naive way, row by row in Python over every registration,
               admission, scan and hand-out of both editions (what a spreadsheet export then a script does)
The reference's figures are checked equal to the report's. Prints medians; targets JSON <= 0.2 s, PDF <= 3 s.

    .venv/bin/python bench/report.py [--rounds 5] [--people 3000] [--scans 20000]      # SQLite (temp file)
    .venv/bin/python bench/report.py --keep var/bench-report.sqlite3 --profile json    # pyinstrument, one request
    DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/report.py                # PostgreSQL
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import zoneinfo
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁"
CATS = [
    ("guest", "嘉宾", True),
    ("delegate", "参会代表", False),
    ("media", "媒体", False),
    ("staff", "工作人员", False),
]
SECTORS = ["智能制造", "工业设计研发", "数字化设计", "文化创意", "设计服务", "雕塑产业"]


def seed(slug: str, starts_on: dt.date, people: int, scans: int, rng: random.Random):
    from events.auth import hash_secret
    from events.enums import ScanVerdict
    from events.models import (
        Admission,
        Category,
        CheckInPoint,
        Handover,
        HandoverItem,
        Organization,
        Registration,
        ReplyForm,
        Scan,
        Unit,
        UnitQuota,
    )
    from reception.models import MealSession
    from signing.models import AwardTitle, SigningProject
    from signing.services import issue_award

    edition = bench_edition(
        slug, f"报告压测 {starts_on.year}", starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=1)
    )
    cats = [
        Category.objects.create(edition=edition, code=c, name=n, requires_approval=a, order=i)
        for i, (c, n, a) in enumerate(CATS)
    ]
    points = []
    for code, name, allowed in (
        ("main", "主会场", cats),
        ("signing", "签约厅", cats[:3]),
        ("dinner", "晚宴", cats[:2]),
        ("canteen", "餐厅", cats),
    ):
        point = CheckInPoint.objects.create(
            edition=edition,
            code=code,
            name=name,
            is_default=code == "main",
            entry="daily" if code in ("dinner", "canteen") else "once",
        )
        point.categories.set(allowed)
        points.append(point)
    bag = HandoverItem.objects.create(point=points[0], code="bag", name="资料袋")
    lunch = HandoverItem.objects.create(point=points[0], code="lunch", name="午餐券")
    lunch.categories.set(cats[1:2])
    orgs = [Organization.objects.get_or_create(name=f"第{i + 1}设计研究院")[0] for i in range(60)]
    units = {}
    for i, org in enumerate(orgs[:40]):
        unit = Unit.objects.create(edition=edition, organization=org, token_hash=hash_secret(f"{slug}-u{i}"))
        UnitQuota.objects.create(unit=unit, category=cats[1], quota=rng.randint(20, 60))
        units[org.pk] = unit
    opens = dt.datetime.combine(starts_on - dt.timedelta(days=40), dt.time(9), tzinfo=TZ)
    regs = []
    for n in range(people):
        cat = cats[min(int(rng.random() ** 2 * 4), 3)]
        roll = rng.random()
        status = (
            "confirmed"
            if roll < 0.9
            else "waitlisted"
            if roll < 0.95
            else "pending"
            if roll < 0.98
            else "cancelled"
        )
        created = opens + dt.timedelta(days=40 * rng.betavariate(2, 1.3))
        org = rng.choice(orgs)
        regs.append(
            Registration(
                edition=edition,
                category=cat,
                code=f"R{n:05d}",
                status=status,
                name=rng.choice(SURNAMES) + "某",
                organization=org,
                unit=units.get(org.pk),
                status_changed_at=created + dt.timedelta(hours=rng.uniform(0, 48)),
            )
        )
    Registration.objects.bulk_create(regs, batch_size=500)
    Registration.objects.filter(edition=edition).update(created_at=opens)  # then spread over the days:
    by_day = defaultdict(list)
    for r in regs:
        by_day[(r.status_changed_at - dt.timedelta(hours=24)).date()].append(r.pk)
    for day, ids in by_day.items():
        Registration.objects.filter(pk__in=ids).update(
            created_at=dt.datetime.combine(day, dt.time(10), tzinfo=TZ)
        )
    confirmed = [r for r in regs if r.status == "confirmed"]
    admissions, scan_rows, handovers = [], [], []
    # Reply forms (回执) of two in three confirmed people: when they come and go, dinner, dietary needs.
    day2 = starts_on + dt.timedelta(days=1)
    replies = [
        ReplyForm(
            registration=r,
            arrival_date=starts_on - dt.timedelta(days=rng.random() < 0.3),
            departure_date=starts_on if rng.random() < 0.25 else day2,
            dinner=False if rng.random() < 0.1 else None,
            dietary=rng.choice(["", "", "", "", "素食", "清真", "花生过敏", "不吃辣"]),
        )
        for r in confirmed
        if rng.random() < 0.67
    ]
    ReplyForm.objects.bulk_create(replies, batch_size=1000)
    # Meals: lunch at the canteen and the banquet at the dinner door on day 1, breakfast on day 2 (no scan).
    MealSession.objects.create(edition=edition, date=starts_on, kind="lunch", style="buffet", point=points[3])
    MealSession.objects.create(
        edition=edition, date=starts_on, kind="dinner", style="banquet", point=points[2]
    )
    MealSession.objects.create(edition=edition, date=day2, kind="breakfast", style="buffet")
    for point, share, hh in zip(points, (0.92, 0.35, 0.4, 0.6), (8, 10, 18, 12), strict=True):
        allowed = set(point.categories.values_list("id", flat=True))
        start = dt.datetime.combine(starts_on, dt.time(hh), tzinfo=TZ)
        for r in confirmed:
            if r.category_id not in allowed or rng.random() > share:
                continue
            at = start + dt.timedelta(minutes=rng.triangular(0, 120, 35))
            admissions.append(Admission(registration=r, point=point, first_at=at, last_at=at))
            scan_rows.append(
                Scan(
                    edition=edition,
                    point=point,
                    at=at,
                    verdict=ScanVerdict.OK,
                    registration=r,
                    manual_reason="忘带手机" if rng.random() < 0.02 else None,
                )
            )
            if point is points[0]:
                handovers.append(Handover(item=bag, registration=r, at=at))
                if r.category_id == cats[1].pk and rng.random() < 0.9:
                    handovers.append(Handover(item=lunch, registration=r, at=at))
    while len(scan_rows) < scans:  # shown twice, or a code from another system
        a = rng.choice(admissions)
        again = rng.random() < 0.8
        scan_rows.append(
            Scan(
                edition=edition,
                point=a.point,
                at=a.first_at + dt.timedelta(minutes=5),
                verdict=ScanVerdict.ALREADY_CHECKED_IN if again else ScanVerdict.UNKNOWN,
                registration=a.registration if again else None,
            )
        )
    Admission.objects.bulk_create(admissions, batch_size=1000)
    Scan.objects.bulk_create(scan_rows, batch_size=1000)
    Handover.objects.bulk_create(handovers, batch_size=1000)
    for i in range(30):
        SigningProject.objects.create(
            edition=edition,
            order=i + 1,
            name=f"项目{i}",
            sector=SECTORS[i % 6],
            amount=rng.randint(1, 500) * 1_000_000,
            status="signed",
        )
    title, _ = AwardTitle.objects.get_or_create(code="bench-base", defaults={"name": "设计赋能基地"})
    for org in orgs[:20] if starts_on.year % 2 else orgs[20:40]:
        issue_award(title=title.code, recipient=org, edition=edition, issued_on=starts_on)
    return edition, len(admissions), len(scan_rows), len(handovers)


def reference(edition) -> dict:
    """The figures counted row by row in Python, from every row of the edition (the naive way)."""
    from events.models import Admission, Handover, Registration, Scan
    from reception.models import MealSession
    from signing.models import SigningProject

    regs = list(
        Registration.objects.filter(edition=edition).select_related("category", "unit__organization", "reply")
    )
    admitted = {a.registration_id for a in Admission.objects.filter(point__edition=edition)}
    manual = {
        s.registration_id
        for s in Scan.objects.filter(edition=edition)
        if s.verdict == "ok" and s.manual_reason
    }
    out = Counter()
    by_unit = defaultdict(Counter)
    per_day = defaultdict(Counter)
    for r in regs:
        active = r.status in ("pending", "confirmed", "waitlisted")
        here = r.status == "confirmed" and r.pk in admitted
        out["registered"] += active
        out["confirmed"] += r.status == "confirmed"
        out["checked_in"] += here
        out["manual"] += r.status == "confirmed" and r.pk in manual
        if r.unit:
            u = by_unit[r.unit.organization.name]
            u["registered"] += active
            u["confirmed"] += r.status == "confirmed"
            u["checked_in"] += here
        if r.status in ("confirmed", "waitlisted"):
            per_day[r.created_at.astimezone(TZ).date().isoformat()][r.status] += 1
    bins = defaultdict(Counter)
    for a in Admission.objects.filter(point__edition=edition).select_related("point", "registration"):
        if a.registration.status == "confirmed":
            at = a.first_at.astimezone(TZ)
            bins[a.point.code][
                at.replace(minute=at.minute - at.minute % 10, second=0, microsecond=0).isoformat()
            ] += 1
    handed = Counter(
        h.item.code
        for h in Handover.objects.filter(item__point__edition=edition).select_related("item", "registration")
        if h.registration.status == "confirmed"
    )
    total = sum(p.amount for p in SigningProject.objects.filter(edition=edition) if p.status != "cancelled")
    served = defaultdict(set)  # (point, local date) -> people admitted by a scan
    for s in Scan.objects.filter(edition=edition, verdict="ok", registration__isnull=False):
        served[(s.point_id, s.at.astimezone(TZ).date())].add(s.registration_id)
    meals = {}
    for meal in MealSession.objects.filter(edition=edition).prefetch_related("categories"):
        cats = {c.pk for c in meal.categories.all()}
        planned = 0
        for r in regs:
            reply = getattr(r, "reply", None)
            if r.status != "confirmed" or (cats and r.category_id not in cats):
                continue
            if reply and (
                (reply.arrival_date and meal.date < reply.arrival_date)
                or (reply.departure_date and meal.date > reply.departure_date)
                or (meal.kind == "dinner" and reply.dinner is False)
            ):
                continue
            planned += 1
        meals[(meal.date.isoformat(), meal.kind)] = (len(served[(meal.point_id, meal.date)]), planned)
    return {
        "totals": dict(out),
        "by_unit": {k: dict(v) for k, v in by_unit.items()},
        "per_day": sorted([d, c["confirmed"], c["waitlisted"]] for d, c in per_day.items()),
        "bins": {p: dict(c) for p, c in bins.items()},
        "handed": dict(handed),
        "investment": f"{total:.2f}",
        "meals": meals,
    }


def same_as_report(ref: dict, report: dict) -> None:
    a = report["attendance"]
    assert ref["totals"] == {k: a[k] for k in ("registered", "confirmed", "checked_in", "manual")}, ref[
        "totals"
    ]
    assert ref["by_unit"] == {
        u["organization"]: {k: u[k] for k in ("registered", "confirmed", "checked_in")} for u in a["by_unit"]
    }
    assert ref["per_day"] == report["registrations_per_day"]
    assert ref["bins"] == {
        c: {at: n for at, n in p["bins"] if n} for c, p in report["arrivals"].items() if p["bins"]
    }
    assert ref["handed"] == {h["item"]: h["handed"] for h in report["handovers"]}
    assert ref["investment"] == report["signing"]["investment_total"]
    assert ref["meals"] == {(m["date"], m["kind"]): (m["served"], m["planned"]) for m in report["meals"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--scans", type=int, default=20000)
    parser.add_argument(
        "--profile", choices=("json", "pdf"), help="print a pyinstrument profile of one request"
    )
    parser.add_argument("--keep", help="SQLite file kept between runs (seeded once)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{args.keep or tempfile.mkdtemp() + '/bench.sqlite3'}"
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from events.auth import new_api_token
    from tests.factories import make_user

    if connection.vendor == "postgresql":
        from django.test.utils import setup_databases

        setup_databases(verbosity=0, interactive=False)
    else:
        call_command("migrate", verbosity=0)
    from events.models import Admission, Edition, Handover, Scan

    if not Edition.objects.filter(slug="bench-report-2031").exists():
        rng = random.Random(2025)
        seed("bench-report-2030", dt.date(2030, 6, 28), args.people, args.scans, rng)
        seed("bench-report-2031", dt.date(2031, 6, 28), args.people, args.scans, rng)
    edition = Edition.objects.get(slug="bench-report-2031")
    previous = Edition.objects.get(slug="bench-report-2030")
    n_adm = Admission.objects.filter(point__edition=edition).count()
    n_scans = Scan.objects.filter(edition=edition).count()
    n_hand = Handover.objects.filter(item__point__edition=edition).count()
    from django.contrib.auth import get_user_model

    viewer = get_user_model().objects.filter(username="bench-reports").first() or make_user(
        "bench-reports", "viewer", organizer=edition.series.organizer
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {new_api_token(user=viewer)}")
    path = f"/api/v1/events/{edition.slug}/report"
    warm = client.get(path)  # warm: query plans, matplotlib's fonts
    assert warm.status_code == 200, warm.content[:300]
    client.get(path + ".pdf")
    report = warm.json()
    same_as_report(reference(edition), report)
    if args.profile:
        from pyinstrument import Profiler

        cache.clear()
        with Profiler(interval=0.0005) as profiler:
            client.get(path + (".pdf" if args.profile == "pdf" else ""))
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0
    times = {"json": [], "pdf": [], "reference": []}
    cpu = {"json": [], "pdf": [], "reference": []}
    for _ in range(args.rounds):
        t, c = time.perf_counter(), time.process_time()
        assert client.get(path).status_code == 200
        times["json"].append(time.perf_counter() - t)
        cpu["json"].append(time.process_time() - c)
        cache.clear()  # every chart drawn again
        t, c = time.perf_counter(), time.process_time()
        pdf = client.get(path + ".pdf", {"lang": "zh-hans"})
        times["pdf"].append(time.perf_counter() - t)
        cpu["pdf"].append(time.process_time() - c)
        assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
        t, c = time.perf_counter(), time.process_time()
        reference(edition), reference(previous)
        times["reference"].append(time.perf_counter() - t)
        cpu["reference"].append(time.process_time() - c)
    ref = statistics.median(times["reference"])
    print(
        f"{connection.vendor}, {args.people} people, {n_scans} scans, {n_adm} admissions, {n_hand} hand-outs "
        f"per edition, two editions; {args.rounds} rounds, load {os.getloadavg()[0]:.1f} (median, min-max):"
    )
    for side, values in times.items():
        med = statistics.median(values)
        print(
            f"  {side:<9} {med * 1000:8.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})  x{med / ref:.2f} of the reference;"
            f" this process's CPU {statistics.median(cpu[side]) * 1000:.1f} ms"
        )
    ok = statistics.median(times["json"]) <= 0.2 and statistics.median(times["pdf"]) <= 3.0
    print("targets JSON <= 0.2 s, PDF <= 3 s:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
