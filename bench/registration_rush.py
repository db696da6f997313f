#!/usr/bin/env python
"""Registration rush: many concurrent clients registering for a category with fewer seats than people.

Starts huiwu the way `make run` does (gunicorn, a worker per core) against DATABASE_URL (use PostgreSQL:
`DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/registration_rush.py`), then, in one run and
alternating rounds, drives the real endpoint into an empty category, the real endpoint into a category that
already holds --preload confirmed registrations (50,000: the cost must not grow with the event), and a bare
reference view (one INSERT, no checks). Prints registrations/s (median over rounds), the ratios, and seats
oversold (must be 0).

`--before DIR` adds an arm served by a second gunicorn (the same flags, the same database) from another
checkout of huiwu (e.g. `git archive <commit> | tar -x -C DIR`), so a change is measured before and after
in one run. The confirmation e-mails are recorded for the task worker, which is not run here (its work is
after the response); the e-mail backend is Django's dummy one, so rendering costs and sending does not.
"""

import argparse
import http.client
import json
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
from bench import cpu as server_cpu  # noqa: E402
from bench.common import bench_edition, wait_port  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.rush_settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")


def setup_django():
    import django

    django.setup()


def make_edition(slug: str, capacity: int, preload: int = 0):
    from events.models import Category, ConsentNotice, Edition, Registration

    Registration.objects.filter(edition__slug=slug).delete()
    Edition.objects.filter(slug=slug).delete()
    import datetime as dt

    edition = bench_edition(slug, slug, starts_on=dt.date(2031, 1, 1))
    ConsentNotice.objects.create(edition=edition, version="1", text="ok")
    category = Category.objects.create(
        edition=edition, code="delegate", name="代表", capacity=capacity + preload, waitlist=False
    )
    if preload:
        from django.utils import timezone

        now = timezone.now()
        for start in range(0, preload, 5000):
            Registration.objects.bulk_create(
                Registration(
                    edition=edition,
                    category=category,
                    code=f"P{i:07d}",
                    status="confirmed",
                    name=f"已报{i}",
                    email=f"pre{i}@example.com",
                    consented_at=now,
                    status_changed_at=now,
                )
                for i in range(start, min(start + 5000, preload))
            )
        from events.registration import seats as registration_seats

        if hasattr(
            registration_seats, "recount_seats"
        ):  # the seat counter (absent from code that counted rows)
            registration_seats.recount_seats(edition=edition)
    return edition


def drive(port: int, path: str, n: int, concurrency: int, tag: str) -> tuple[float, list[int]]:
    codes: list[int] = []
    lock = threading.Lock()
    counter = iter(range(n))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            body = json.dumps(
                {
                    "category": "delegate",
                    "name": f"抢票{i}",
                    "organization": "测试单位",
                    "email": f"{tag}{i}@example.com",
                    "consent": True,
                }
            )
            for _attempt in range(3):
                try:
                    conn.request(
                        "POST", path, body, {"Content-Type": "application/json", "Host": "127.0.0.1"}
                    )
                    resp = conn.getresponse()
                    resp.read()
                    break
                except (http.client.HTTPException, OSError):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                codes.append(resp.status)
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return n / (time.perf_counter() - start), codes


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="registrations per round")
    parser.add_argument("--seats", type=int, default=600, help="capacity of the category")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--preload", type=int, default=50000, help="confirmed already in the 'full' arm")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--before", type=Path, help="another checkout to serve as the 'before' arm (port+1)")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0))),
        help="gunicorn workers (default: as scripts/serve.sh)",
    )
    args = parser.parse_args()

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.rush_settings",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        HUIWU_THROTTLE="0",  # one client address here: the per-address limit would stop the rush,
    )
    # The server's log (one warning per refused registration, as under `make run`) goes to a file; errors
    # in it are printed at the end.
    server_log = tempfile.TemporaryFile(mode="w+")
    # Exactly as scripts/serve.sh (`make run`) starts it: the same flags, the access log on stdout (thrown
    # away here, but written), the same default worker count (WEB_CONCURRENCY, else one per core).

    def serve(tree: Path, port: int) -> subprocess.Popen:
        return subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
                "--timeout",
                "120",
            ],
            cwd=tree,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=server_log,
        )

    server = serve(ROOT, args.port)
    before_server = serve(args.before.resolve(), args.port + 1) if args.before else None
    try:
        for port in (args.port, args.port + 1) if before_server else (args.port,):
            wait_port(port, timeout=90)  # a loaded machine takes a while to import the app
        from events.models import Registration

        arms = ("huiwu", "huiwu-50k", "bare", *(("before",) if before_server else ()))
        results = {name: [] for name in arms}
        cpu = {name: [] for name in arms}
        oversold = 0
        for r in range(args.rounds):
            for name in arms:
                slug = f"rush-{name}-{r}"
                preload = args.preload if name == "huiwu-50k" else 0
                edition = make_edition(slug, args.seats, preload)
                path = (
                    f"/bench/bare-register/{slug}"
                    if name == "bare"
                    else f"/api/v1/events/{slug}/registrations"
                )
                arm_server, port = (before_server, args.port + 1) if name == "before" else (server, args.port)
                before, client_before = server_cpu.snapshot(arm_server.pid), time.process_time()
                rate, codes = drive(port, path, args.requests, args.concurrency, f"{name}{r}-")
                web_s, db_s = server_cpu.spent(before, server_cpu.snapshot(arm_server.pid))
                web_ms, db_ms = web_s / args.requests * 1000, db_s / args.requests * 1000
                client_ms = (time.process_time() - client_before) / args.requests * 1000
                results[name].append(rate)
                cpu[name].append(web_ms + db_ms)
                cpu_text = (
                    f"CPU/registration: web {web_ms:.2f} ms + db {db_ms:.2f} ms (client {client_ms:.2f} ms)"
                )
                confirmed = Registration.objects.filter(edition=edition, status="confirmed").count() - preload
                if name != "bare":
                    oversold += max(confirmed - args.seats, 0)
                    errors = sum(1 for c in codes if c >= 500)
                    print(
                        f"round {r} {name:9}: {rate:7.1f} reg/s  confirmed={confirmed}/{args.seats}  "
                        f"201={codes.count(201)} 202={codes.count(202)} 409={codes.count(409)} 5xx={errors}  "
                        f"{cpu_text}"
                    )
                else:
                    print(f"round {r} bare     : {rate:7.1f} reg/s  rows={confirmed}  {cpu_text}")
        h, b = statistics.median(results["huiwu"]), statistics.median(results["bare"])
        h50 = statistics.median(results["huiwu-50k"])
        db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(
            f"\n{db}, {args.workers} gunicorn workers, {args.concurrency} clients, {args.requests} registrations "
            f"for {args.seats} seats per round, {args.rounds} rounds"
        )
        print(
            f"median huiwu {h:.1f} reg/s, bare insert {b:.1f} reg/s, ratio {h / b:.2f}; seats oversold: {oversold}"
        )
        print(
            f"median huiwu into a category holding {args.preload:,} confirmed: {h50:.1f} reg/s, "
            f"ratio to the empty category {h50 / h:.2f}, to bare insert {h50 / b:.2f}"
        )
        if before_server:
            hb, cb = statistics.median(results["before"]), statistics.median(cpu["before"])
            print(
                f"median before ({args.before}) {hb:.1f} reg/s, ratio to bare insert {hb / b:.2f}; "
                f"after / before {h / hb:.2f}; server CPU per registration before {cb:.2f} ms"
            )
        hc, bc = statistics.median(cpu["huiwu"]), statistics.median(cpu["bare"])
        print(
            f"median server CPU per registration (gunicorn workers + their PostgreSQL backends): "
            f"huiwu {hc:.2f} ms, bare insert {bc:.2f} ms, ratio {hc / bc:.2f}; load average {os.getloadavg()[0]:.1f}"
        )
    finally:
        for process in (server, before_server):
            if process is not None:
                process.terminate()
                process.wait()
        server_log.seek(0)
        lines = server_log.read().splitlines()
        errors = [line for line in lines if "Error" in line or "Traceback" in line or "Internal" in line]
        print(f"server log: {len(lines)} lines, {len(errors)} with errors", *errors[:20], sep="\n")


if __name__ == "__main__":
    main()
