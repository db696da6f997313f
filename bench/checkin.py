#!/usr/bin/env python
"""Door check-in: 8 concurrent scanners against huiwu's check-in endpoint and a bare reference view.

Starts huiwu the way `make run` does (gunicorn, a sync worker per core) on a PostgreSQL database seeded
with N confirmed registrations, and in one run, in alternating rounds, drives
  - huiwu:  POST /api/v1/events/{slug}/checkin (bearer token auth, Ed25519 signature, verdict, scan log)
  - bare:   POST /bench/bare-checkin/{slug} (bench/checkin_urls.py: ticket lookup by code + one
            conditional INSERT; no auth, no signature, no log)
Each round scans distinct tickets once (a real door), then the admissions are cleared for the next round.
Prints throughput (scans/s, median over rounds), p50/p99 latency per side, the ratio, and repeats it for
each database size given (default 1,000 and 100,000) so the p99s can be compared.

    DATABASE_URL=$(scripts/pg-start.sh) .venv/bin/python bench/checkin.py
"""

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import cpu as server_cpu  # noqa: E402
from bench.common import bench_edition, pg_database, wait_port  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.checkin_settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
SLUG = "bench-door"


def seed(n: int) -> None:
    """An edition with n confirmed registrations, one single-entry point, a check-in user. Idempotent."""
    import datetime as dt

    from events.models import Category, CheckInPoint, Edition, Registration

    edition = Edition.objects.filter(slug=SLUG).first()
    if edition and Registration.objects.filter(edition=edition).count() == n:
        return
    if edition:
        edition.delete()
    edition = bench_edition(SLUG, "签到压测", starts_on=dt.date(2031, 6, 1))
    cat = Category.objects.create(edition=edition, code="delegate", name="参会代表")
    point = CheckInPoint.objects.create(edition=edition, code="door", name="大门", is_default=True)
    point.categories.add(cat)
    batch = []
    for i in range(n):
        batch.append(
            Registration(
                edition=edition,
                category=cat,
                code=f"B{i:07d}",
                status="confirmed",
                name=f"压测{i}",
                email=f"b{i}@example.com",
                phone=f"139{i:08d}",
            )
        )
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)
    from django.contrib.auth import get_user_model

    from organizers.models import Team

    user, _ = get_user_model().objects.get_or_create(username="bench-door")
    team, _ = Team.objects.get_or_create(
        organizer=edition.series.organizer,
        name="bench door",
        defaults={"permissions": ["checkin"], "all_series": True},
    )
    team.members.add(user)


def api_token() -> str:
    from django.contrib.auth import get_user_model

    from events.auth import new_api_token

    return new_api_token(user=get_user_model().objects.get(username="bench-door"), name="bench")


def drive(port: int, path: str, bodies: list[bytes], headers: dict, concurrency: int, pace: float = 0.0):
    """Send each body once, `concurrency` clients at a time; returns (scans/s, latencies in ms, results).

    pace = 0: each client sends its next scan as soon as the answer comes (a stress test: the server is
    saturated and the latency is mostly queueing). pace > 0: each client scans once every `pace` seconds,
    as a door lane does (a person steps up, shows the QR, walks on), started at staggered times.
    """
    lat: list[float] = []
    results: dict[str, int] = {}
    lock = threading.Lock()
    it = iter(bodies)

    def worker(offset: float):
        next_at = time.perf_counter() + offset
        while True:
            with lock:
                body = next(it, None)
            if body is None:
                return
            if pace:
                time.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += pace
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", path, body, headers)
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
            ms = (time.perf_counter() - t0) * 1000
            result = (
                json.loads(data).get("result", str(resp.status)) if resp.status == 200 else str(resp.status)
            )
            with lock:
                lat.append(ms)
                results[result] = results.get(result, 0) + 1

    threads = [threading.Thread(target=worker, args=(pace * i / concurrency,)) for i in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(bodies) / (time.perf_counter() - t0), lat, results


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def run_scale(base_url: str, n: int, args) -> dict:
    name = f"huiwu_bench_checkin_{n}"
    url = pg_database(base_url, name, fresh=args.fresh)
    env = dict(os.environ, DATABASE_URL=url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ["DATABASE_URL"] = url
    import django
    from django.db import connections

    if not getattr(run_scale, "_setup", False):
        django.setup()
        run_scale._setup = True
    else:
        from django.conf import settings

        connections.close_all()
        settings.DATABASES["default"]["NAME"] = name
    t0 = time.time()
    seed(n)
    print(
        f"\n== {n:,} registrations (seeded in {time.time() - t0:.1f} s), {args.rounds} rounds x "
        f"{args.scans} scans per side, {args.concurrency} scanners",
        flush=True,
    )

    from events import tickets
    from events.models import Admission, CheckInPoint, Edition, Registration, Scan

    edition = Edition.objects.get(slug=SLUG)
    point_id = CheckInPoint.objects.get(edition=edition, code="door").id
    token = api_token()
    codes = list(Registration.objects.filter(edition=edition).values_list("code", flat=True))
    rng = random.Random(n)

    workers = str(args.workers or os.cpu_count() or 2)

    def serve(tree: Path, port: int) -> subprocess.Popen:
        return subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                workers,
                "--log-level",
                "warning",
                "--env",
                "DJANGO_SETTINGS_MODULE=bench.checkin_settings",
            ],
            cwd=tree,
            env=env,
            start_new_session=True,
        )

    server = serve(ROOT, args.port)
    before_server = serve(args.before.resolve(), args.port + 1) if args.before else None
    try:
        wait_port(args.port)
        if before_server:
            wait_port(args.port + 1)
        scan_headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        sides = {
            "huiwu": (f"/api/v1/events/{SLUG}/checkin", scan_headers),
            "bare": (f"/bench/bare-checkin/{SLUG}", {"Content-Type": "application/json"}),
        }
        if before_server:  # the same endpoint served from the other checkout (port + 1)
            sides["before"] = (f"/api/v1/events/{SLUG}/checkin", scan_headers)
        port_of = {side: args.port + 1 if side == "before" else args.port for side in sides}
        stats = {side: {"rate": [], "cpu": [], "lat": [], "results": {}} for side in sides}
        for rnd in range(args.rounds + 1):  # round 0 warms up both sides and is not counted
            order = list(sides) if rnd % 2 else list(reversed(sides))
            for side in order:
                picked = rng.sample(codes, min(args.scans, len(codes)))
                bodies = []
                for i, code in enumerate(picked):
                    ticket = tickets.sign_ticket(
                        signing_key=edition.signing_key, edition_slug=SLUG, code=code, version=1
                    )
                    payload = {"token": ticket, "nonce": f"{side}-{rnd}-{i}-{time.time_ns()}"}
                    if side == "bare":
                        payload = {"token": ticket, "point_id": point_id}
                    bodies.append(json.dumps(payload).encode())
                path, headers = sides[side]
                serving = before_server if side == "before" else server
                cpu_before = server_cpu.snapshot(serving.pid)
                rate, lat, results = drive(port_of[side], path, bodies, headers, args.concurrency)
                web_s, db_s = server_cpu.spent(cpu_before, server_cpu.snapshot(serving.pid))
                Admission.objects.filter(point_id=point_id).delete()
                if rnd == 0:
                    continue
                stats[side]["rate"].append(rate)
                stats[side]["cpu"].append((web_s + db_s) / len(bodies) * 1000)
                stats[side]["lat"].extend(lat)
                for k, v in results.items():
                    stats[side]["results"][k] = stats[side]["results"].get(k, 0) + v

        # One scanner alone: the service time without the queue that 8 scanners on 2 workers build.
        def scan_bodies(tag: str) -> list[bytes]:
            picked = rng.sample(codes, min(args.scans // 2, len(codes)))
            return [
                json.dumps(
                    {
                        "token": tickets.sign_ticket(
                            signing_key=edition.signing_key, edition_slug=SLUG, code=c, version=1
                        ),
                        "nonce": f"{tag}-{i}-{time.time_ns()}",
                    }
                ).encode()
                for i, c in enumerate(picked)
            ]

        solo, paced, paced_results = {}, {}, {}
        for side in [s for s in sides if s != "bare"]:
            _, solo[side], _ = drive(
                port_of[side], sides[side][0], scan_bodies(f"solo-{side}"), scan_headers, 1
            )
            Admission.objects.filter(point_id=point_id).delete()
        # The door as it is: the same scanners, each scanning at a brisk lane's pace (--pace seconds apart).
        for side in [s for s in sides if s != "bare"]:
            _, paced[side], paced_results[side] = drive(
                port_of[side],
                sides[side][0],
                scan_bodies(f"paced-{side}"),
                scan_headers,
                args.concurrency,
                pace=args.pace,
            )
            Admission.objects.filter(point_id=point_id).delete()
        Scan.objects.filter(edition=edition).delete()
    finally:
        for process in (server, before_server):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)

    out = {}
    for side, s in stats.items():
        out[side] = {
            "rate": statistics.median(s["rate"]),
            "p50": pct(s["lat"], 0.50),
            "p99": pct(s["lat"], 0.99),
            "results": s["results"],
            "cpu": statistics.median(s["cpu"]),
        }
        print(
            f"  {side:6s} {out[side]['rate']:7.0f} scans/s (median of {len(s['rate'])})   "
            f"p50 {out[side]['p50']:5.1f} ms   p99 {out[side]['p99']:5.1f} ms   {s['results']}"
        )
    out["ratio"] = out["huiwu"]["rate"] / out["bare"]["rate"]
    print(
        "  server CPU per scan (gunicorn workers + PostgreSQL backends), median ms: "
        + ", ".join(f"{side} {out[side]['cpu']:.2f}" for side in stats)
        + f"; huiwu / bare {out['huiwu']['cpu'] / out['bare']['cpu']:.2f}; per round: "
        + "; ".join(f"{k} {', '.join(f'{c:.2f}' for c in v['cpu'])}" for k, v in stats.items())
    )
    for side in solo:
        out[f"{side}_solo_p50"], out[f"{side}_solo_p99"] = pct(solo[side], 0.5), pct(solo[side], 0.99)
        print(
            f"  {side}, one scanner alone: p50 {pct(solo[side], 0.5):.1f} ms   p99 {pct(solo[side], 0.99):.1f} ms"
        )
    for side in paced:
        out[f"{side}_paced_p50"], out[f"{side}_paced_p99"] = pct(paced[side], 0.5), pct(paced[side], 0.99)
        print(
            f"  {side}, {args.concurrency} scanners each scanning every {args.pace:g} s: "
            f"p50 {pct(paced[side], 0.5):.1f} ms   p99 {pct(paced[side], 0.99):.1f} ms (goal < 20 ms)   "
            f"{paced_results[side]}"
        )
    out["solo_p50"], out["solo_p99"] = out["huiwu_solo_p50"], out["huiwu_solo_p99"]
    out["paced_p50"], out["paced_p99"] = out["huiwu_paced_p50"], out["huiwu_paced_p99"]
    if "before" in out:
        out["before_ratio"] = out["before"]["rate"] / out["bare"]["rate"]
        print(
            f"  before / bare throughput: {out['before_ratio']:.2f}x; after / before "
            f"{out['huiwu']['rate'] / out['before']['rate']:.2f}x; per-round rates: "
            + "; ".join(f"{k} {', '.join(f'{r:.0f}' for r in v['rate'])}" for k, v in stats.items())
        )
    else:
        print(
            "  per-round rates: "
            + "; ".join(f"{k} {', '.join(f'{r:.0f}' for r in v['rate'])}" for k, v in stats.items())
        )
    print(
        f"  huiwu / bare throughput: {out['ratio']:.2f}x (goal >= 0.85x); huiwu p99 saturated "
        f"{out['huiwu']['p99']:.1f} ms, bare {out['bare']['p99']:.1f} ms",
        flush=True,
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,100000", help="registrations in the database, comma-separated"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scans", type=int, default=800, help="scans per side per round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: one per core)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--pace", type=float, default=0.5, help="seconds between one scanner's scans in the paced door run"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and re-seed the bench databases")
    parser.add_argument("--before", type=Path, help="another checkout to serve as the 'before' side (port+1)")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to PostgreSQL: DATABASE_URL=$(scripts/pg-start.sh) ...")
    results = {n: run_scale(base, n, args) for n in [int(x) for x in args.sizes.split(",")]}
    if len(results) > 1:
        sizes = sorted(results)
        small, large = results[sizes[0]]["huiwu"]["p99"], results[sizes[-1]]["huiwu"]["p99"]
        print(
            f"\nhuiwu p99 at {sizes[-1]:,} / at {sizes[0]:,} registrations: {large / small:.2f}x (goal <= 1.2x)"
        )


if __name__ == "__main__":
    main()
