#!/usr/bin/env python
"""Badges: one badge through the API, and 1,000 badges with Chinese names in one PDF.

    .venv/bin/python bench/badges.py [--n 1000] [--runs 3] [--single 30] [--skip-naive]
        [--before PATH] [--patches ROUNDS]

Sets up a throw-away SQLite database under a temporary directory with one edition and N confirmed
registrations (random two- to four-character Chinese names, organisations and titles), then, in one run:

1. One badge: GET /api/v1/events/{slug}/registrations/{code}/badge.pdf through Django's full request path
   (URL routing, bearer-token auth, ninja, rendering; the test client, so no network), a different
   registration each request, --single requests after two warm-ups in each of --single-rounds child
   processes; with the naive render of the same badge in the first (the naive template below: SVG QR
   from qrcode with its default mask search, a new FontConfiguration per document), and that naive render
   with WeasyPrint forced onto its fontTools fallback (what happens without libharfbuzz-subset0).
2. N badges in one PDF, each variant in a fresh child process (so caches and peak memory are its own):
   huiwu's render_badge_file (balanced chunks of at most 250 in 2 render processes forked from a
   pipeline-only fork server, stamped and merged with pikepdf), with the QR cache cold (first print)
   and warm (a reprint); and the naive single-document render. Wall time, CPU time of the whole process
   tree (the fork server and the render processes it reaps included), and peak memory: the largest sum
   of RSS and of PSS over the process and all its descendants, sampled every 20 ms (PSS splits shared
   pages fairly; RSS counts them once per process).
--before PATH: a checkout of other code (e.g. `git archive <commit> | tar -x -C PATH`) measured by the
same children on the same database, alternating with this checkout, with the ratios after / before.
--patches ROUNDS: what each WeasyPrint patch (documents/weasyprint_patches.py) buys: CPU of one badge and
of one 250-badge document, and peak RSS, in one process, with all patches, none, and all but one.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv:  # a child measuring another checkout (--before): its code, this script
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("HUIWU_LOG_LEVEL", "ERROR")

SLUG = "bench-badges"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马诸葛"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕晓东玉兰红梅鹏飞子涵浩然欣怡梓萱宇轩雨桐思远嘉懿俊熙晨曦佳琪瑾瑜昊天钰彤喆堃玥"
ORGS = [
    "重庆市经济和信息化委员会",
    "四川省经济和信息化厅",
    "重庆市大足区人民政府",
    "成都市工业设计促进中心",
    "重庆工业设计产业城",
    "中国工业设计协会",
    "四川美术学院设计学院",
    "西南交通大学建筑与设计学院",
    "成渝地区双城经济圈工业设计联盟",
    "重庆长安汽车股份有限公司设计中心",
]
TITLES = ["", "主任", "处长", "总经理", "设计总监", "研究员", "副院长", "首席设计师"]

NAIVE_TEMPLATE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: 105mm 148mm; margin: 0 }
body { margin: 0; font-family: "Noto Sans CJK SC", sans-serif }
.badge { height: 148mm; display: flex; flex-direction: column; align-items: center; page-break-after: always }
.band { width: 100%; padding: 5mm 0; text-align: center; color: white; font-size: 22pt; font-weight: bold }
.name { font-size: 34pt; font-weight: bold; margin-top: 14mm }
.qr { width: 34mm; height: 34mm; margin-top: auto } .qr svg { width: 100%; height: 100% }
</style></head><body>
{% for b in badges %}<div class="badge"><div class="band" style="background:{{ b.colour }}">{{ edition.name }}</div>
<div class="name">{{ b.name }}</div><div>{{ b.name_en }}</div><div>{{ b.organization }}</div><div>{{ b.title }}</div>
<div class="qr">{{ naive_qr(b.token) | safe }}</div>
<div class="band" style="background:{{ b.colour }}">{{ b.label }} {{ b.label_en }}</div></div>{% endfor %}
</body></html>"""


def setup(n: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    seed(n)


def seed(n: int) -> None:
    import datetime as dt

    from events.enums import RegistrationStatus
    from events.models import Category, Edition, Organization, Registration

    if Edition.objects.filter(slug=SLUG).exists():
        return
    rng = random.Random(2023)
    edition = bench_edition(
        SLUG,
        "2023成渝地区双城经济圈工业设计赋能大会",
        name_en="2023 Chengdu-Chongqing Economic Circle Industry Design Empowerment Conference",
        starts_on=dt.date(2031, 6, 28),
        venue="重庆市大足区",
    )
    cats = [
        Category.objects.create(edition=edition, code=c, name=zh, name_en=en, badge_color=col, order=i)
        for i, (c, zh, en, col) in enumerate(
            [
                ("guest", "嘉宾", "Guest", "#9b1c1c"),
                ("delegate", "参会代表", "Delegate", "#1d4ed8"),
                ("media", "媒体", "Media", "#b45309"),
                ("staff", "工作人员", "Staff", "#15803d"),
            ]
        )
    ]
    orgs = [Organization.objects.get_or_create(name=o)[0] for o in ORGS]
    rows = []
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 3))))
        rows.append(
            Registration(
                edition=edition,
                category=cats[0 if i % 10 == 0 else 1 if i % 10 < 8 else 2 + i % 2],
                code=f"B{i:07d}",
                status=RegistrationStatus.CONFIRMED,
                name=name,
                name_en=f"Person {i}" if i % 3 == 0 else "",
                organization=rng.choice(orgs),
                title=rng.choice(TITLES),
                email=f"b{i}@example.com",
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)


# --- naive reference ----------------------------------------------------------------------------


def naive_qr(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    qr = qrcode.QRCode(image_factory=qrcode.image.svg.SvgPathImage)  # default: tries all 8 masks
    qr.add_data(data)
    qr.make(fit=True)
    return qr.make_image().to_string(encoding="unicode")


def naive_pdf(edition, regs) -> bytes:
    from weasyprint import HTML

    from documents import pipeline
    from events.badges import render as badges

    layout = badges.get_layout("a6")
    data = [badges.badge_data(r, layout=layout) for r in regs]
    html = pipeline.env.from_string(NAIVE_TEMPLATE).render(
        badges=data, edition={"name": edition.name}, naive_qr=naive_qr
    )
    return HTML(string=html).write_pdf()  # a fresh FontConfiguration every time


# --- measurements -------------------------------------------------------------------------------


def descendants(pid: int | None = None) -> list[int]:
    """`pid` (default: this process) and every live process below it."""
    pids, todo = [], [pid or os.getpid()]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return pids


def tree_cpu() -> float:
    """CPU seconds of this process, its reaped children, and every live descendant with the children it
    has reaped (the fork server reaps the render processes)."""
    own = os.times()
    total = own.user + own.system + own.children_user + own.children_system
    tick = os.sysconf("SC_CLK_TCK")
    for pid in descendants()[1:]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
    return total


class MemorySampler(threading.Thread):
    """Largest total RSS and PSS (MB) of this process and its children, sampled every 20 ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.rss = self.pss = 0.0

    def run(self):
        while not self.stop.is_set():
            rss = pss = 0
            for pid in descendants():
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Rss:"):
                            rss += int(line.split()[1])
                        elif line.startswith("Pss:"):
                            pss += int(line.split()[1])
                except OSError:
                    pass
            self.rss, self.pss = max(self.rss, rss / 1024), max(self.pss, pss / 1024)
            self.stop.wait(0.02)


def child(mode: str, n: int, runs: int) -> dict:
    """One measurement in this (fresh) process; main() prints its JSON line."""
    import django

    django.setup()
    if mode == "single":
        return single_badge(runs)
    if mode.startswith("patches:"):
        return patch_variant(mode.partition(":")[2], runs)
    from django.conf import settings

    from events.badges import render as badges
    from events.models import Edition

    edition = Edition.objects.get(slug=SLUG)
    out = Path(tempfile.mkdtemp()) / "badges.pdf"
    sampler = MemorySampler()
    if mode == "huiwu-warm":
        badges.render_badge_file(edition=edition, out=out)  # fills the QR cache, as a first print does
        sampler.rss = sampler.pss = 0.0
    sampler.start()
    cpu = tree_cpu()  # the warm-up run's CPU is not this run's
    wall = time.perf_counter()
    if mode.startswith("huiwu"):
        badges.render_badge_file(edition=edition, out=out)
        pdf = out.read_bytes()
    else:
        pdf = naive_pdf(edition, list(badges.badge_queryset(edition)))
    wall = time.perf_counter() - wall
    cpu = tree_cpu() - cpu
    sampler.stop.set()
    sampler.join()
    from pypdf import PdfReader

    pages = len(PdfReader(out if mode.startswith("huiwu") else __import__("io").BytesIO(pdf)).pages)
    if mode.startswith("huiwu"):
        keep = Path(os.environ.get("HUIWU_BENCH_KEEP", ""))
        if keep.name:  # the first pages, to look at
            import shutil

            shutil.copy(out, keep)
    return {
        "mode": mode,
        "wall": round(wall, 2),
        "cpu": round(cpu, 2),
        "load": round(os.getloadavg()[0], 1),
        "rss_mb": round(sampler.rss),
        "pss_mb": round(sampler.pss),
        "pages": pages,
        "size_mb": round(len(pdf) / 1e6, 2),
        "media": str(settings.MEDIA_ROOT),
    }


def patch_variant(variant: str, runs: int) -> dict:
    """CPU of one badge (median of `runs`) and of one 250-badge chunk document, and this process's peak
    RSS, in this process, with only the WeasyPrint patches named in `variant` ("all", "none", or
    "-margins" etc.: all but that one) applied."""
    import resource

    from documents import weasyprint_patches as wp
    from events.badges import render as badges
    from events.models import Edition

    names = {"all": wp.PATCHES, "none": ()}.get(variant, tuple(p for p in wp.PATCHES if p != variant[1:]))
    wp.apply(names)
    edition = Edition.objects.get(slug=SLUG)
    layout = badges.get_layout("a6")
    data = [badges.badge_data(r, layout=layout) for r in badges.badge_queryset(edition)[:250]]
    badges.render_badges(edition=edition, badges=data[:1], layout=layout)  # warm-up: fonts, templates
    one = []
    for i in range(runs):
        c = time.process_time()
        badges.render_badges(edition=edition, badges=data[1 + i : 2 + i], layout=layout)
        one.append(time.process_time() - c)
    c = time.process_time()
    badges.render_badges(edition=edition, badges=data, layout=layout)
    chunk = time.process_time() - c
    return {
        "variant": variant,
        "patches": sorted(names),
        "one_cpu_ms": round(statistics.median(one) * 1000, 1),
        "chunk_cpu_s": round(chunk, 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run_child(mode: str, n: int, env: dict, root: str | None = None, runs: int = 0) -> dict:
    command = [sys.executable, __file__, "--child", mode, "--n", str(n), "--runs", str(runs)]
    out = subprocess.run(
        command + (["--root", root] if root else []), env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def single_badge(runs: int, naive_too: bool = False) -> dict:
    """`runs` badge requests through the API after two warm-ups (wall and CPU seconds of each); with
    `naive_too`, the naive render of the same badge after each, and three with fontTools subsetting."""
    from django.test import Client

    from events.auth import new_api_token
    from events.models import Edition
    from tests.factories import make_user

    edition = Edition.objects.get(slug=SLUG)
    user = make_user(f"bench-{time.time_ns()}", "checkin", organizer=edition.series.organizer)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {new_api_token(user=user)}"}
    regs = list(edition.registrations.order_by("?")[: runs + 2])
    client = Client()

    cpu = []

    def api(reg):
        t, c = time.perf_counter(), time.process_time()
        response = client.get(f"/api/v1/events/{SLUG}/registrations/{reg.code}/badge.pdf", **headers)
        assert response.status_code == 200, response.content[:200]
        cpu.append(time.process_time() - c)
        return time.perf_counter() - t

    def naive(reg):
        t = time.perf_counter()
        naive_pdf(edition, [reg])
        return time.perf_counter() - t

    api(regs[0]), api(regs[1])  # warm-up: imports, fontconfig, templates
    if naive_too:
        naive(regs[0])
    ours, ref, fallback = [], [], []
    for reg in regs[2:]:  # alternate, so machine noise hits both alike
        ours.append(api(reg))
        if naive_too:
            ref.append(naive(reg))
    if naive_too:
        from weasyprint.pdf import fonts

        saved, fonts.harfbuzz_subset = fonts.harfbuzz_subset, None  # WeasyPrint's fallback: fontTools
        try:
            fallback = [naive(reg) for reg in regs[2:5]]
        finally:
            fonts.harfbuzz_subset = saved
    return {"wall": ours, "cpu": cpu[2:], "naive": ref, "fonttools": fallback}


def harfbuzz_subsetting() -> bool:
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each N-badge variant")
    parser.add_argument("--single", type=int, default=30, help="single-badge requests per child")
    parser.add_argument("--single-rounds", type=int, default=2, help="children per tree for one badge")
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow naive N-badge run")
    parser.add_argument("--before", help="a checkout of the code to compare with, measured alternately")
    parser.add_argument("--patches", type=int, default=0, help="rounds of the WeasyPrint patch variants")
    parser.add_argument("--child")
    parser.add_argument("--root")
    args = parser.parse_args()
    if args.child:
        if args.child.startswith("single"):
            import django

            django.setup()
            print(json.dumps(single_badge(args.runs, naive_too=args.child == "single+naive")))
        else:
            print(json.dumps(child(args.child, args.n, args.runs)))
        return

    var = tempfile.mkdtemp(prefix="huiwu-bench-badges-")
    os.environ["HUIWU_VAR_DIR"] = var
    env = dict(os.environ)
    setup(args.n)
    print(
        f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"HarfBuzz subsetting: {harfbuzz_subsetting()}; var: {var}"
    )
    trees = [("after", None)] + ([("before", args.before)] if args.before else [])

    one = {name: {"wall": [], "cpu": [], "naive": [], "fonttools": []} for name, _ in trees}
    for r in range(args.single_rounds):
        for name, root in trees if r % 2 == 0 else trees[::-1]:
            mode = "single+naive" if (r == 0 and name == "after" and not args.skip_naive) else "single"
            got = run_child(mode, args.n, env, root, runs=args.single)
            for key, values in got.items():
                one[name][key] += values
            print(
                f"  one badge, {name}, round {r + 1}: median {statistics.median(got['wall']) * 1000:.0f} ms"
            )
    for name, _ in trees:
        o = one[name]
        line = (
            f"one badge via API, {name}: median {statistics.median(o['wall']) * 1000:.0f} ms "
            f"(p90 {sorted(o['wall'])[int(len(o['wall']) * 0.9) - 1] * 1000:.0f} ms, "
            f"CPU {statistics.median(o['cpu']) * 1000:.0f} ms, {len(o['wall'])} requests)"
        )
        if o["naive"]:
            line += (
                f"; naive render: {statistics.median(o['naive']) * 1000:.0f} ms; naive with fontTools "
                f"subsetting: {statistics.median(o['fonttools']) * 1000:.0f} ms"
            )
        print(line, flush=True)
    if args.before:
        a, b = (statistics.median(one[t]["wall"]) for t in ("after", "before"))
        ca, cb = (statistics.median(one[t]["cpu"]) for t in ("after", "before"))
        print(f"one badge after / before: wall {a / b:.2f}x, CPU {ca / cb:.2f}x")

    results: dict[str, list[dict]] = {}
    import shutil

    for i in range(args.runs):
        for kind in ("cold", "warm"):
            for name, root in trees if i % 2 == 0 else trees[::-1]:
                if kind == "cold":
                    shutil.rmtree(Path(var) / "media" / "qr", ignore_errors=True)  # a first print
                keep = {"HUIWU_BENCH_KEEP": str(Path(var) / f"{name}-badges.pdf")} if i == 0 else {}
                mode = f"huiwu-{kind}"
                row = run_child(mode, args.n, {**env, **keep}, root)
                results.setdefault(f"{name} {kind}", []).append(row)
                print(f"  run {i + 1}, {name}: {json.dumps(row)}", flush=True)
    if not args.skip_naive:
        results["naive"] = [run_child("naive", args.n, env)]
    if results:
        print(f"{args.n} badges in one PDF (median of {args.runs} runs; naive: 1 run):")
    medians = {}
    for mode, rows in results.items():
        med = {
            k: statistics.median(r[k] for r in rows) for k in ("wall", "cpu", "rss_mb", "pss_mb", "size_mb")
        }
        medians[mode] = med
        print(
            f"  {mode:12s} wall {med['wall']:6.2f} s  cpu {med['cpu']:6.2f} s  peak RSS {med['rss_mb']:4.0f} MB"
            f"  peak PSS {med['pss_mb']:4.0f} MB  {rows[0]['pages']} pages  {med['size_mb']:.2f} MB"
            f"  (walls: {', '.join(str(r['wall']) for r in rows)}; loads: {', '.join(str(r['load']) for r in rows)})"
        )
    if args.before and args.runs:
        for kind in ("cold", "warm"):
            a, b = medians[f"after {kind}"], medians[f"before {kind}"]
            print(
                f"  after / before, {kind}: wall {a['wall'] / b['wall']:.2f}x, CPU {a['cpu'] / b['cpu']:.2f}x, "
                f"RSS {a['rss_mb'] / b['rss_mb']:.2f}x, PSS {a['pss_mb'] / b['pss_mb']:.2f}x"
            )
    if "naive" in medians:
        for kind in ("cold", "warm"):
            print(
                f"  naive / after {kind}: {medians['naive']['wall'] / medians[f'after {kind}']['wall']:.1f}x"
            )
    if args.patches:
        variants = ["all", "none"] + [f"-{p}" for p in ("margins", "fonts", "strict")]
        rows: dict[str, list[dict]] = {v: [] for v in variants}
        for r in range(args.patches):
            for v in variants if r % 2 == 0 else variants[::-1]:
                rows[v].append(run_child(f"patches:{v}", args.n, env, runs=15))
                print(f"  patches {json.dumps(rows[v][-1])}", flush=True)
        print(
            f"WeasyPrint patches (one process; CPU of one badge, median of 15; of one {min(args.n, 250)}-badge chunk):"
        )
        base = {
            k: statistics.median(r[k] for r in rows["all"])
            for k in ("one_cpu_ms", "chunk_cpu_s", "max_rss_mb")
        }
        for v in variants:
            med = {k: statistics.median(r[k] for r in rows[v]) for k in base}
            print(
                f"  {v:9s} one badge {med['one_cpu_ms']:5.1f} ms ({med['one_cpu_ms'] / base['one_cpu_ms']:.2f}x)"
                f"  250 badges {med['chunk_cpu_s']:5.2f} s ({med['chunk_cpu_s'] / base['chunk_cpu_s']:.2f}x)"
                f"  peak RSS {med['max_rss_mb']:4.0f} MB ({med['max_rss_mb'] / base['max_rss_mb']:.2f}x)"
            )


if __name__ == "__main__":
    main()
