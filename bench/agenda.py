#!/usr/bin/env python
"""Public agenda JSON: huiwu's django-ninja endpoint against a plain Django view returning the same bytes.

Seeds an edition with 200 sessions in 4 rooms, publishes it as a release, starts huiwu the way `make run`
does (gunicorn, a sync worker per core) with the bench URLconf (bench/agenda_urls.py), checks that every
side serves identical bytes, then in one run, in alternating rounds of equal length, drives
  - plain:          GET /bench/plain/{slug}/agenda (a plain Django view: one query, HttpResponse)
  - ninja:          GET /api/v1/events/{slug}/agenda (huiwu: the bytes stored at publish time, kept per
                    process for 2 s, ETag)
  - ninja-uncached: the same through django-ninja without the per-process copy (bench only)
Prints requests/s per side (median over rounds) and the ratios against plain.

    .venv/bin/python bench/agenda.py [--rounds 5] [--seconds 4] [--concurrency 8]      # SQLite (temp file)
    DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/agenda.py                 # PostgreSQL
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition, pg_database, wait_port  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.agenda_settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ["DJANGO_DEBUG"] = "0"
SLUG = "bench-agenda"


def seed(n: int) -> int:
    """An edition of 3 days with n sessions across 4 rooms, with speakers, published as release 1."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from agenda import services
    from agenda.models import Person, Room, Session, SessionSpeaker

    edition = bench_edition(
        SLUG, "议程压测", name_en="Agenda bench", starts_on=dt.date(2031, 6, 1), ends_on=dt.date(2031, 6, 3)
    )
    tz = ZoneInfo(edition.timezone)
    rooms = [
        Room.objects.create(edition=edition, name=f"{i + 1}号厅", name_en=f"Hall {i + 1}", order=i)
        for i in range(4)
    ]
    people = [
        Person.objects.create(
            edition=edition, name=f"嘉宾{i}", name_en=f"Speaker {i}", title="主任", title_en="Director"
        )
        for i in range(60)
    ]
    per_room_day = -(-n // (len(rooms) * 3))
    count = 0
    for day in range(3):
        for r, room in enumerate(rooms):
            for k in range(per_room_day):
                if count == n:
                    break
                start = dt.datetime(2031, 6, 1 + day, 8, 0, tzinfo=tz) + dt.timedelta(minutes=30 * k)
                s = Session.objects.create(
                    edition=edition,
                    kind="talk",
                    title=f"工业设计赋能制造业高质量发展专题演讲 第{count + 1}场",
                    title_en=f"Industrial design for high-quality manufacturing, talk {count + 1}",
                    description="围绕工业设计与制造业、现代服务业融合发展展开交流。",
                    description_en="On integrating industrial design with manufacturing and modern services.",
                    starts_at=start,
                    ends_at=start + dt.timedelta(minutes=25),
                    room=room,
                )
                SessionSpeaker.objects.create(session=s, person=people[(count + r) % len(people)], order=0)
                count += 1
    release = services.publish_release(edition=edition, comment="bench")
    return len(bytes(release.payload))


def fetch(port: int, path: str) -> bytes:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    if r.status != 200:
        raise SystemExit(f"{path}: HTTP {r.status}")
    return body


def drive(port: int, path: str, seconds: float, concurrency: int) -> tuple[float, list[float]]:
    """`concurrency` clients GET `path` back to back for `seconds`; returns (requests/s, latencies ms)."""
    lat: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker():
        mine = []
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status != 200:
                raise SystemExit(f"{path}: HTTP {resp.status}")
            mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(lat) / (time.perf_counter() - t0), lat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: one per core)")
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        os.environ["DATABASE_URL"] = pg_database(base, "huiwu_bench_agenda")
    else:
        tmp = tempfile.mkdtemp(prefix="huiwu-bench-agenda-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=os.environ, check=True)
    import django

    django.setup()
    size = seed(args.sessions)

    workers = str(args.workers or os.cpu_count() or 2)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ,
    )
    try:
        wait_port(args.port)
        sides = {
            "plain": f"/bench/plain/{SLUG}/agenda",
            "ninja": f"/api/v1/events/{SLUG}/agenda",
            "ninja-uncached": f"/bench/ninja-uncached/{SLUG}/agenda",
        }
        bodies = {name: fetch(args.port, path) for name, path in sides.items()}
        assert len(set(bodies.values())) == 1, "the sides must serve identical bytes"
        engine = "PostgreSQL" if os.environ["DATABASE_URL"].startswith("postgres") else "SQLite"
        print(
            f"{engine}; {args.sessions} sessions, {size:,} bytes of JSON; gunicorn {workers} sync workers; "
            f"{args.rounds} rounds x {args.seconds:g} s per side, {args.concurrency} clients; identical bytes: yes"
        )
        for path in sides.values():  # warm up every worker
            drive(args.port, path, 1.0, args.concurrency)
        rates: dict[str, list[float]] = {name: [] for name in sides}
        lats: dict[str, list[float]] = {name: [] for name in sides}
        names = list(sides)
        for r in range(args.rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in order:
                rps, lat = drive(args.port, sides[name], args.seconds, args.concurrency)
                rates[name].append(rps)
                lats[name].extend(lat)
            print(f"  round {r + 1}: " + ", ".join(f"{n} {rates[n][-1]:.0f}/s" for n in names), flush=True)
        plain = statistics.median(rates["plain"])
        print(f"\n{'side':<16}{'median req/s':>14}{'p50 ms':>9}{'p99 ms':>9}{'vs plain':>10}")
        for name in names:
            med = statistics.median(rates[name])
            s = sorted(lats[name])
            p50, p99 = s[len(s) // 2], s[min(len(s) - 1, int(0.99 * len(s)))]
            print(f"{name:<16}{med:>14.0f}{p50:>9.1f}{p99:>9.1f}{med / plain:>9.2f}x")
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
