#!/usr/bin/env python
"""The offline door's snapshot, server and browser side, each beside a reference in the same run.

Server: an edition with N confirmed people (default 10,000, 400 units, 80 % already in at the main door),
built as GET /events/{slug}/checkin/snapshot builds it (query, JSON, Ed25519 signature, gzip), against a bare
reference (the same columns read with one values_list and json.dumps, nothing else). Prints the median of
the rounds, the ratio, and the compressed size (target: <= 0.5 s, <= 1 MB).

Browser: Debian's Chromium loads the real static/js/door.js on a loopback page, adopts that snapshot
(signature verified with WebCrypto Ed25519) and decides 2,000 scans offline (good, forged, already in,
unknown), timing each decide() with performance.now(); beside it, the bare WebCrypto Ed25519 verify of the
same tokens. Prints p50/p99 (target: p99 <= 50 ms).

    DATABASE_URL=$(PGPORT=54346 scripts/pg-start.sh) .venv/bin/python bench/checkin_snapshot.py
"""

import argparse
import gzip
import http.server
import json
import os
import random
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
SLUG = "bench-snapshot"


def seed(n: int) -> None:
    import datetime as dt

    from django.utils import timezone

    from events.models import (
        Admission,
        Category,
        CheckInPoint,
        Edition,
        Handover,
        HandoverItem,
        Organization,
        Registration,
    )

    edition = Edition.objects.filter(slug=SLUG).first()
    if edition and Registration.objects.filter(edition=edition).count() == n:
        return
    if edition:
        Admission.objects.filter(point__edition=edition).delete()
        edition.delete()
    edition = bench_edition(SLUG, "快照压测", starts_on=dt.date(2031, 6, 1))
    cats = [
        Category.objects.create(edition=edition, code=code, name=name, name_en=en)
        for code, name, en in [
            ("delegate", "参会代表", "Delegate"),
            ("guest", "嘉宾", "Guest"),
            ("media", "媒体", "Media"),
        ]
    ]
    main = CheckInPoint.objects.create(edition=edition, code="main-hall", name="主会场", is_default=True)
    main.categories.set(cats)
    orgs = []
    for i in range(400):
        org, _ = Organization.objects.get_or_create(
            name=f"重庆市第{i}工业设计有限公司", defaults={"name_en": f"Chongqing Industrial Design Co. {i}"}
        )
        orgs.append(org)
    rng = random.Random(15)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
    regs = [
        Registration(
            edition=edition,
            category=cats[0 if i % 10 else (1 if i % 20 else 2)],
            code=f"S{i:07d}",
            status="confirmed" if i % 50 else "cancelled",
            name=rng.choice(surnames) + "".join(rng.sample(given, 2)),
            name_en="",
            organization=orgs[i % len(orgs)],
            title="工程师" if i % 3 else "总经理",
            email=f"s{i}@example.com",
            phone=f"139{i:08d}",
        )
        for i in range(n)
    ]
    Registration.objects.bulk_create(regs, batch_size=5000)
    now = timezone.now()
    ids = list(Registration.objects.filter(edition=edition, status="confirmed").values_list("id", flat=True))
    Admission.objects.bulk_create(
        [
            Admission(
                registration_id=r,
                point=main,
                first_at=now - dt.timedelta(seconds=i),
                last_at=now - dt.timedelta(seconds=i),
            )
            for i, r in enumerate(ids)
            if i % 5
        ],
        batch_size=5000,
    )
    # The door hands every arrival a bag and delegates a lunch voucher; most of those in have them.
    bag = HandoverItem.objects.create(point=main, code="bag", name="资料袋", name_en="Conference bag")
    lunch = HandoverItem.objects.create(
        point=main, code="lunch", name="午餐券", name_en="Lunch voucher", order=1
    )
    lunch.categories.set([cats[0]])
    Handover.objects.bulk_create(
        [
            Handover(item=bag, registration_id=r, at=now - dt.timedelta(seconds=i))
            for i, r in enumerate(ids)
            if i % 5
        ]
        + [
            Handover(item=lunch, registration_id=r, at=now - dt.timedelta(seconds=i))
            for i, r in enumerate(ids)
            if i % 5 and i % 10
        ],
        batch_size=5000,
    )


def server_side(rounds: int) -> tuple[dict, bytes, str]:
    from events.checkin import config as checkin_config
    from events.checkin import offline as checkin_offline
    from events.models import Registration

    cfg = checkin_config.edition_config(SLUG)

    def huiwu():
        snap = checkin_offline.build_snapshot(slug=SLUG, point="main-hall")
        body = checkin_offline.snapshot_bytes(snap)
        sig = checkin_offline.sign_snapshot(slug=SLUG, body=body)
        return body, gzip.compress(body, compresslevel=6, mtime=0), sig

    def bare():
        rows = list(
            Registration.objects.filter(edition_id=cfg.id).values_list(
                "code", "ticket_version", "status", "name", "organization__name", "title", "category_id"
            )
        )
        return json.dumps(rows, ensure_ascii=False).encode()

    def before():
        # The build as it was before the seats were read for the whole edition: the seat provider asked
        # with every code of the edition (10,000 query parameters). Only the seat look-up differs.
        from events import hooks

        real = hooks.seats_for
        codes = list(Registration.objects.filter(edition_id=cfg.id).values_list("code", flat=True))
        hooks.seats_for = lambda edition_id, _codes: real(edition_id, codes)
        try:
            return huiwu()
        finally:
            hooks.seats_for = real

    times = {"huiwu": [], "bare": [], "before": [], "huiwu_cpu": [], "bare_cpu": [], "before_cpu": []}
    huiwu(), bare(), before()  # warm the caches and the connection
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        before()
        times["before"].append(time.perf_counter() - t)
        times["before_cpu"].append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        body, packed, sig = huiwu()
        times["huiwu"].append(time.perf_counter() - t)
        times["huiwu_cpu"].append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        bare()
        times["bare"].append(time.perf_counter() - t)
        times["bare_cpu"].append(time.process_time() - c)
    return times, body, sig, packed


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser_side(body: bytes, sig: str, scans: int) -> dict:
    from playwright.sync_api import sync_playwright

    from events import tickets
    from events.checkin import config as checkin_config
    from events.models import Registration
    from events.registration import services

    cfg = checkin_config.edition_config(SLUG)
    public_key = tickets.public_key_b64(cfg.signing_key)
    snap = json.loads(body)
    rng = random.Random(7)
    codes = [p[0] for p in snap["people"]]
    regs = {
        r.code: r for r in Registration.objects.filter(edition_id=cfg.id, code__in=rng.sample(codes, 500))
    }
    tokens = []
    for i in range(scans):
        reg = regs[rng.choice(list(regs))]
        token = tickets.sign_ticket(signing_key=cfg.signing_key, edition_slug=SLUG, code=reg.code, version=1)
        if i % 10 == 0:  # forged: one signature byte changed
            body_part, s = token.rsplit(".", 1)
            token = f"{body_part}.{s[:10]}{'A' if s[10] != 'A' else 'B'}{s[11:]}"
        elif i % 10 == 1:
            token = tickets.sign_ticket(
                signing_key=cfg.signing_key, edition_slug=SLUG, code="NOPE0001", version=1
            )
        tokens.append(token)
    del services
    site = Path(os.environ.get("TMPDIR", "/tmp")) / "huiwu-bench-door"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    shutil.copy(ROOT / "static/js/door.js", site / "door.js")
    (site / "index.html").write_text('<!doctype html><meta charset="utf-8"><script src="door.js"></script>')
    (site / "snapshot.json").write_bytes(body)
    handler = lambda *a, **k: Quiet(*a, directory=str(site), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/index.html")
            result = page.evaluate(
                f"""async ([key, sig, tokens]) => {{
                  const door = new HuiwuDoor({{slug: "{SLUG}", api: "", user: "bench", publicKey: key}});
                  const text = await (await fetch("snapshot.json")).text();
                  const t0 = performance.now();
                  const ok = await door.verifyBytes(new TextEncoder().encode(text), sig);
                  if (!ok) throw new Error("snapshot signature does not verify in the browser");
                  door.adopt(text, sig);
                  const adoptMs = performance.now() - t0;
                  const huiwu = [], bare = [], verdicts = {{}};
                  const key2 = await crypto.subtle.importKey("raw", Uint8Array.from(atob(key.replace(/-/g, "+").replace(/_/g, "/") + "="), c => c.charCodeAt(0)), {{name: "Ed25519"}}, false, ["verify"]);
                  for (const tok of tokens) {{
                    let t = performance.now();
                    const v = await door.decide(tok, "main-hall");
                    huiwu.push(performance.now() - t);
                    verdicts[v.result + (v.reason ? "/" + v.reason : "")] = (verdicts[v.result + (v.reason ? "/" + v.reason : "")] || 0) + 1;
                    const p = HuiwuDoor.parseToken(tok);
                    t = performance.now();
                    if (p) await crypto.subtle.verify({{name: "Ed25519"}}, key2, p.signature, p.body);
                    bare.push(performance.now() - t);
                  }}
                  return {{huiwu, bare, verdicts, adoptMs}};
                }}""",
                [public_key, sig, tokens],
            )
            browser.close()
    finally:
        httpd.shutdown()
    return result


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--server-only", action="store_true", help="skip the browser side")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.people)
    times, body, sig, packed = server_side(args.rounds)
    h, b = statistics.median(times["huiwu"]), statistics.median(times["bare"])
    print(f"snapshot, {args.people:,} people, {args.rounds} rounds (median, min-max):")
    print(
        f"  huiwu (query, JSON, sign, gzip): {h * 1000:7.1f} ms  ({min(times['huiwu']) * 1000:.1f}-"
        f"{max(times['huiwu']) * 1000:.1f})"
    )
    print(
        f"  bare  (values_list + json.dumps): {b * 1000:6.1f} ms  ({min(times['bare']) * 1000:.1f}-"
        f"{max(times['bare']) * 1000:.1f})   ratio {h / b:.2f}"
    )
    hc, bc = statistics.median(times["huiwu_cpu"]), statistics.median(times["bare_cpu"])
    print(
        f"  this process's CPU (median): huiwu {hc * 1000:.1f} ms, bare {bc * 1000:.1f} ms, ratio {hc / bc:.2f}"
    )
    o, oc = statistics.median(times["before"]), statistics.median(times["before_cpu"])
    print(
        f"  before (seats asked for by 10,000 codes): {o * 1000:.1f} ms ({min(times['before']) * 1000:.1f}-"
        f"{max(times['before']) * 1000:.1f}), CPU {oc * 1000:.1f} ms; before/huiwu {o / h:.2f}"
    )
    print(f"  size: {len(body) / 1024:.0f} KiB JSON, {len(packed) / 1024:.0f} KiB gzip")
    if args.server_only:
        return
    res = browser_side(body, sig, args.scans)
    print(
        f"browser (Chromium, door.js), {args.scans} offline scans; snapshot verified+adopted in "
        f"{res['adoptMs']:.0f} ms:"
    )
    for side in ("huiwu", "bare"):
        values = res[side]
        print(
            f"  {side:5}: p50 {pct(values, 50):.2f} ms  p99 {pct(values, 99):.2f} ms  max {max(values):.2f} ms"
        )
    print(f"  verdicts: {res['verdicts']}")


if __name__ == "__main__":
    main()
