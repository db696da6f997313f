#!/usr/bin/env python
"""Follow-up of signed projects: the indicators of a series of 10,000 projects with 100,000 updates, and
the 通报 PDF of 500 projects, each against a naive reference in the same run.

Seeds (bulk inserts) a series of 10 editions x 1,000 followed projects, 10 updates each (stages moving
forward, funds added, one correction in twenty), six return periods, then in alternating rounds:
  - indicators: followup.selectors.follow_up (database aggregates over the projects' state columns, by
    edition and by sector, and the lights through indicators.light on one values_list) against the naive
    reference: every project and every update loaded into Python and folded project by project (the
    state replayed from its updates, counted with indicators.count_project) - the answer is checked equal;
  - indicators as of an earlier date: the same, the state replayed in the database from the updates;
  - the 通报 PDF of a 500-project series: report.pdf (data through the aggregates, charts by matplotlib,
    WeasyPrint) against the same document from naive data (the project list built with a query per project).

    .venv/bin/python bench/followup.py [--rounds 3] [--projects 10000] [--updates 10] [--database-url URL]
    DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/followup.py --pg
"""

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_INDICATORS_S = 0.3
TARGET_PDF_S = 3.0
STAGES = ["signed", "registered", "started", "building", "producing"]
SECTORS = ["智能制造", "工业设计研发", "文化创意", "数字化设计", "五金制造", "新材料"]


def setup(database_url: str | None) -> None:
    tmp = tempfile.mkdtemp(prefix="bench-followup-")
    sys.path.insert(0, str(ROOT))
    if database_url:
        from bench.common import pg_database

        os.environ["DATABASE_URL"] = pg_database(database_url, "bench_followup")
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["HUIWU_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(slug: str, n_projects: int, per_project: int, editions: int = 10):
    """A series of `editions` editions sharing `n_projects` followed projects with `per_project` updates."""
    import random

    from django.utils import timezone

    from bench.common import bench_edition
    from events.models import Organization, Series
    from followup.models import FollowedProject, ProjectUpdate, ReturnPeriod
    from signing.models import SigningProject

    rng = random.Random(7)
    from organizers.models import Organizer

    organizer, _ = Organizer.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    series = Series.objects.create(slug=slug, name=f"{slug} 系列", organizer=organizer)
    units = [Organization.objects.get_or_create(name=f"{slug} 责任单位{i}")[0] for i in range(40)]
    eds = []
    for e in range(editions):
        edition = bench_edition(f"{slug}-{2012 + e}", f"{2012 + e}年大会", starts_on=dt.date(2012 + e, 6, 28))
        edition.series = series
        edition.save()
        eds.append(edition)
    per_edition = n_projects // editions
    projects = [
        SigningProject(
            edition=ed,
            order=i + 1,
            name=f"第{i + 1}号合作项目（{ed.starts_on.year}）",
            status="signed",
            amount=Decimal(10_000_000),
        )
        for ed in eds
        for i in range(per_edition)
    ]
    SigningProject.objects.bulk_create(projects, batch_size=2000)
    projects = list(SigningProject.objects.filter(edition__series=series).select_related("edition"))
    followed, updates = [], []
    tz = timezone.get_current_timezone()
    for p in projects:
        year = p.edition.starts_on.year
        stage, funds = "signed", Decimal(0)
        kind = "agreement" if rng.random() < 0.3 else "contract"
        f = FollowedProject(
            project=p,
            contract_kind=kind,
            sector=rng.choice(SECTORS),
            investment_total=Decimal(rng.randrange(500, 50000)),
            signed_on=p.edition.starts_on,
            start_due_on=dt.date(year + 1, rng.randrange(1, 13), 1),
            finish_due_on=dt.date(year + 3, 6, 30) if rng.random() < 0.5 else None,
            responsible_unit=rng.choice(units),
            converted_on=dt.date(year, 12, 1) if kind == "agreement" and rng.random() < 0.5 else None,
        )
        last = ""
        for k in range(per_project):
            q = k % 4 + 1
            period = f"{year + 1 + k // 4}-Q{q}"
            new_stage = ""
            if rng.random() < 0.35 and stage != "terminated":
                nxt = STAGES.index(stage) + 1
                new_stage = "terminated" if rng.random() < 0.03 else STAGES[min(nxt, 4)]
                stage = new_stage
            added = Decimal(rng.randrange(0, 800))
            funds += added
            at = dt.datetime(year + 1 + k // 4, 3 * q, 28, 10, tzinfo=tz)
            updates.append(
                ProjectUpdate(
                    project_id=p.pk,
                    period=period,
                    stage=new_stage,
                    funds_added=added,
                    recorded_at=at,
                    note="",
                )
            )
            last = period
        f.stage, f.funds_in, f.last_period = stage, funds, last
        followed.append(f)
    FollowedProject.objects.bulk_create(followed, batch_size=2000)
    ProjectUpdate.objects.bulk_create(updates, batch_size=5000)
    for year in range(2013, 2024):
        ReturnPeriod.objects.get_or_create(
            series=series, period=f"{year}-Q4", defaults={"due_on": dt.date(year + 1, 1, 10)}
        )
    return series


def naive_follow_up(series, as_of):
    """Every project and update in Python, each project's state replayed from its updates."""
    from collections import defaultdict

    from followup import indicators
    from followup.models import FollowedProject, ProjectUpdate, ReturnPeriod
    from followup.selectors import end_of

    until = end_of(as_of)
    ups = defaultdict(list)
    for u in ProjectUpdate.objects.filter(project__project__edition__series=series).values(
        "id", "project_id", "stage", "funds_added", "period", "corrects_id", "recorded_at"
    ):
        if u["recorded_at"] <= until:
            ups[u["project_id"]].append(u)
    closed = ReturnPeriod.objects.filter(series=series, due_on__lt=as_of).order_by("-due_on").first()
    total, by_edition, by_sector = (
        indicators.empty_counts(),
        defaultdict(indicators.empty_counts),
        defaultdict(indicators.empty_counts),
    )
    lights = dict.fromkeys(("green", "yellow", "red", "grey"), 0)
    for f in FollowedProject.objects.filter(project__edition__series=series, signed_on__lte=as_of).values(
        "pk",
        "contract_kind",
        "sector",
        "investment_total",
        "signed_on",
        "start_due_on",
        "finish_due_on",
        "converted_on",
        "project__edition__slug",
    ):
        mine = ups[f["pk"]]
        corrected = {u["corrects_id"] for u in mine if u["corrects_id"]}
        effective = sorted(
            (u for u in mine if u["id"] not in corrected), key=lambda u: (u["recorded_at"], u["id"])
        )
        stages = [u["stage"] for u in effective if u["stage"]]
        stage = stages[-1] if stages else "signed"
        funds = sum((u["funds_added"] or 0 for u in effective), Decimal(0))
        row = {
            "stage": stage,
            "contract_kind": f["contract_kind"],
            "converted": bool(f["converted_on"] and f["converted_on"] <= as_of),
            "investment_total": f["investment_total"],
            "funds_in": funds,
        }
        for c in (total, by_edition[f["project__edition__slug"]], by_sector[f["sector"]]):
            indicators.count_project(c, row)
        missed = bool(
            closed and f["signed_on"] <= closed.due_on and not any(u["period"] == closed.period for u in mine)
        )
        lights[
            indicators.light(
                stage=stage,
                as_of=as_of,
                start_due_on=f["start_due_on"],
                finish_due_on=f["finish_due_on"],
                signed_on=f["signed_on"],
                investment_total=f["investment_total"],
                funds_in=funds,
                missed_return=missed and stage != "terminated",
            )
        ] += 1
    return {
        **indicators.figures(total),
        "by_edition": {k: indicators.figures(v) for k, v in by_edition.items()},
        "by_sector": {k: indicators.figures(v) for k, v in by_sector.items()},
        "lights": lights,
    }


def comparable(result: dict) -> dict:
    out = {k: v for k, v in result.items() if k not in ("series", "as_of", "by_edition", "by_sector")}
    out["by_edition"] = {
        e["edition"]: {k: v for k, v in e.items() if k not in ("edition", "name", "name_en")}
        for e in result["by_edition"]
    }
    out["by_sector"] = {
        s["sector"]: {k: v for k, v in s.items() if k != "sector"} for s in result["by_sector"]
    }
    return out


def naive_pdf(series, as_of):
    """The same 通报 from a project list built with a query per project (the state replayed in Python)."""
    from followup import report, selectors
    from followup.models import FollowedProject

    def slow_list(series_, as_of_=None, **filters):
        rows = []
        for f in FollowedProject.objects.filter(project__edition__series=series_).select_related(
            "project__edition", "responsible_unit"
        ):
            ups = list(f.updates.order_by("recorded_at", "id"))
            stages = [u.stage for u in ups if u.stage]
            light = selectors.indicators.light(
                stage=stages[-1] if stages else "signed", as_of=as_of, start_due_on=f.start_due_on
            )
            rows.append(
                {
                    "followed": f,
                    "stage": stages[-1] if stages else "signed",
                    "funds_in": sum((u.funds_added or 0 for u in ups), Decimal(0)),
                    "last_period": ups[-1].period if ups else "",
                    "light": light,
                }
            )
        return rows

    fast = selectors.project_list
    selectors.project_list = slow_list
    try:
        return report.pdf(series, as_of)
    finally:
        selectors.project_list = fast


CPU = {}


def timed(fn, name=None):
    """Wall seconds (and this process's CPU seconds into CPU[name]: on a machine shared with others'
    work the wall time also counts waiting for a core; SQLite's work is in this process, PostgreSQL's not).
    The heap is collected first: a measure does not pay for collecting the garbage of the one before."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    if name:
        CPU.setdefault(name, []).append(time.process_time() - cpu)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=10)
    parser.add_argument("--report-projects", type=int, default=500)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--pg", action="store_true", help="use $DATABASE_URL (PostgreSQL)")
    args = parser.parse_args()
    setup(args.database_url or (os.environ.get("DATABASE_URL") if args.pg else None))
    from django.db import connection
    from django.utils import timezone

    from followup import report, selectors

    t, big = timed(lambda: seed("bench-big", args.projects, args.updates))
    t2, small = timed(lambda: seed("bench-small", args.report_projects, args.updates, editions=5))
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    print(
        f"database: {connection.vendor}; seeded {args.projects} projects x {args.updates} updates in {t:.1f} s, {args.report_projects} in {t2:.1f} s"
    )
    today, past = timezone.localdate(), dt.date(2021, 12, 31)
    rows = {k: [] for k in ("indicators", "naive", "as_of", "naive_as_of", "pdf", "naive_pdf")}
    for _ in range(args.rounds):
        t, fast = timed(lambda: selectors.follow_up(big, today), "indicators")
        rows["indicators"].append(t)
        t, slow = timed(lambda: naive_follow_up(big, today), "naive")
        rows["naive"].append(t)
        if comparable(fast) != slow:
            a, b = comparable(fast), slow
            for k in a:
                if a[k] != b.get(k):
                    print("DIFF", k, str(a[k])[:600], "\n   ", str(b.get(k))[:600])
            raise SystemExit("the aggregates and the naive reference disagree")
        t, fast_past = timed(lambda: selectors.follow_up(big, past), "as_of")
        rows["as_of"].append(t)
        t, slow_past = timed(lambda: naive_follow_up(big, past), "naive_as_of")
        rows["naive_as_of"].append(t)
        assert comparable(fast_past) == slow_past, "as of a date: the replay in SQL and in Python disagree"
        t, pdf = timed(lambda: report.pdf(small, today), "pdf")
        rows["pdf"].append(t)
        t, _ = timed(lambda: naive_pdf(small, today), "naive_pdf")
        rows["naive_pdf"].append(t)
    med = {k: statistics.median(v) for k, v in rows.items()}
    import io

    import pikepdf

    pages = len(pikepdf.open(io.BytesIO(pdf)).pages)
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    print(f"signed {fast['signed']}, lights {fast['lights']}, 履约率 {fast['rates']['fulfilment']['value']}%")

    def line(label, key, ref=None, target=None):
        text = f"{label}: {med[key]:.3f} s wall (rounds {', '.join(f'{x:.3f}' for x in rows[key])}), {cpu[key]:.3f} s CPU"
        if target is not None:
            text += f"; target {target} s: {'met' if med[key] <= target else 'MISSED'} (wall), {'met' if cpu[key] <= target else 'MISSED'} (CPU)"
        if ref is not None:
            text += f"; reference {med[ref] / med[key]:.1f}x the wall, {cpu[ref] / cpu[key]:.1f}x the CPU"
        print(text)

    line(
        f"indicators, {args.projects} projects / {args.projects * args.updates} updates",
        "indicators",
        None,
        TARGET_INDICATORS_S,
    )
    line("  naive reference (everything into Python)", "naive", None)
    print(
        f"  the naive reference takes {med['naive'] / med['indicators']:.1f}x the wall, {cpu['naive'] / cpu['indicators']:.1f}x the CPU"
    )
    line(f"indicators as of {past} (state replayed in SQL)", "as_of")
    line("  naive reference as of that date", "naive_as_of")
    line(f"通报 PDF, {args.report_projects} projects ({pages} pages)", "pdf", None, TARGET_PDF_S)
    line("  naive data (a query per project), same document", "naive_pdf")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
