#!/usr/bin/env python
"""Invitation letters (邀请函): N personalised A4 letters with their QR tickets in one PDF.

    .venv/bin/python bench/invitations.py [--n 1000] [--runs 3] [--naive-n 250]

Sets up a throw-away SQLite database under a temporary directory with one edition and N confirmed
registrations (random Chinese names, titles, organisations), then alternates, in one run, each variant in a
fresh child process (so no cache of one helps the other):

- huiwu: `events.units.invitations.render_letters_file`: the letter's text laid out once per language as a
  stamp, each letter page only the salutation, unit and QR (strict XHTML), balanced chunks in the badges'
  two render processes, merged;
- naive reference: the straightforward way, the whole letter on every page in one HTML document parsed
  as HTML, one process (the same pipeline, fonts and PNG QR codes, so the difference is the layout work).
  It renders --naive-n letters; its figure for N is that time scaled by N / naive-n.

Prints, per variant, the median wall time and the CPU time of the child and its render processes.
Goal (issue 14): 1,000 letters in <= 8 s.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_edition  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("HUIWU_LOG_LEVEL", "ERROR")

SLUG = "bench-letters"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕晓东玉兰红梅鹏飞子涵浩然欣怡梓萱宇轩雨桐思远"
ORGS = [
    "大足石刻文创园",
    "天府设计产业园",
    "中国工业设计研究院",
    "中国刀剪工业设计研究院",
    "重庆市大足区人民政府",
]
TITLES = ["", "主任", "处长", "总经理", "设计总监", "研究员", "副院长"]

NAIVE_TEMPLATE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 24mm }
body { font-family: {{ CJK_SERIF_STACK }}; font-size: 12.5pt; line-height: 2 }
.letter { page-break-after: always; position: relative; height: 245mm }
h1 { text-align: center; color: #b91c1c; letter-spacing: 12pt; font-size: 30pt }
.qr { width: 36mm; height: 36mm; position: absolute; bottom: 0; left: 0 }
.sign { text-align: right; margin-top: 30mm }
</style></head><body>
{% for l in letters %}<div class="letter"><p style="text-align:center">{{ e.name }}</p><h1>邀请函</h1>
<p><b>尊敬的 {{ l.name }} {{ l.title }}：</b><br>{{ l.organization }}</p>
<p style="text-indent:2em">{{ e.name }}定于{{ e.dates }}在{{ e.venue }}举行。大会以“{{ e.tagline }}”为主题，汇聚各方专家学者与企业家，共商产业发展大计。</p>
<p style="text-indent:2em">诚挚邀请您拨冗出席。</p>
<p>时间：{{ e.dates }}<br>地点：{{ e.venue }}<br>入场：请凭本函所附二维码或电子票签到入场。</p>
<div class="sign">{{ e.organiser }}<br>{{ e.dates }}</div>
{% if l.token %}<img class="qr" src="{{ qr_png(l.token) }}">{% endif %}</div>{% endfor %}
</body></html>"""


def setup(n: int) -> None:
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    from events.enums import RegistrationStatus
    from events.models import Category, Organization, Registration

    rng = random.Random(2023)
    edition = bench_edition(
        SLUG,
        "2023成渝地区双城经济圈工业设计赋能大会",
        name_en="2023 Chengdu-Chongqing Economic Circle Industry Design Empowerment Conference",
        tagline="数字赋能经济，设计赢得未来",
        starts_on=dt.date(2031, 6, 28),
        venue="重庆市大足区",
    )
    cat = Category.objects.create(edition=edition, code="delegate", name="参会代表", name_en="Delegate")
    orgs = [Organization.objects.get_or_create(name=o)[0] for o in ORGS]
    Registration.objects.bulk_create(
        [
            Registration(
                edition=edition,
                category=cat,
                code=f"L{i:07d}",
                status=RegistrationStatus.CONFIRMED,
                name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))),
                organization=rng.choice(orgs),
                title=rng.choice(TITLES),
                email=f"l{i}@example.com",
            )
            for i in range(n)
        ],
        batch_size=500,
    )


def run_variant(variant: str, n: int) -> None:
    """One run in this (fresh) process; prints a JSON line."""
    import django

    django.setup()
    from documents import pipeline
    from events.models import Edition, Registration
    from events.units import invitations

    out = Path(tempfile.mkdtemp()) / "letters.pdf"
    start = time.perf_counter()
    edition = Edition.objects.get(slug=SLUG)
    regs = Registration.objects.filter(edition=edition).select_related("category", "organization", "edition")
    letters = [invitations.letter_data(r) for r in regs.order_by("id")[:n]]
    if variant == "huiwu":
        invitations.render_letters_file(edition=edition, letters=letters, out=out)
    elif variant == "huiwu-1":  # one process: its CPU time is the whole cost (render processes' is not seen)
        invitations.render_letters_file(edition=edition, letters=letters, out=out, workers=1, chunk=n)
    else:
        html = pipeline.env.from_string(NAIVE_TEMPLATE).render(
            letters=letters, e=invitations.edition_data(edition)["zh"]
        )
        pipeline.html_to_pdf(html, target=str(out))
    wall = time.perf_counter() - start
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    assert pages == n, (pages, n)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    print(json.dumps({"variant": variant, "n": n, "wall": wall, "cpu": cpu, "bytes": out.stat().st_size}))


def child(args: list[str], env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--naive-n", type=int, default=250)
    parser.add_argument("--variant")
    parser.add_argument("--setup", action="store_true")
    parser.add_argument(
        "--one-process", action="store_true", help="also huiwu in one process (CPU per letter)"
    )
    args = parser.parse_args()
    if args.setup:
        setup(args.n)
        return
    if args.variant:
        run_variant(args.variant, args.n)
        return
    var = tempfile.mkdtemp(prefix="huiwu-bench-letters-")
    env = {**os.environ, "HUIWU_VAR_DIR": var}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, __file__, "--setup", "--n", str(args.n)], env=env, check=True)
    results: dict[str, list[dict]] = {"huiwu": [], "naive": [], "huiwu-1": []}
    for _ in range(args.runs):
        if args.one_process:
            results["huiwu-1"].append(child(["--variant", "huiwu-1", "--n", str(args.n)], env))
        results["huiwu"].append(child(["--variant", "huiwu", "--n", str(args.n)], env))
        results["naive"].append(child(["--variant", "naive", "--n", str(args.naive_n)], env))
    load = os.getloadavg()[0]
    h = statistics.median(r["wall"] for r in results["huiwu"])
    hc = statistics.median(r["cpu"] for r in results["huiwu"])
    nv = statistics.median(r["wall"] for r in results["naive"]) * args.n / args.naive_n
    nc = statistics.median(r["cpu"] for r in results["naive"]) * args.n / args.naive_n
    print(f"load average at the end: {load:.1f}")
    print(
        f"huiwu, {args.n} letters: wall {[round(r['wall'], 2) for r in results['huiwu']]} s, median {h:.2f} s; "
        f"CPU median {hc:.2f} s; {results['huiwu'][0]['bytes'] / 1e6:.2f} MB"
    )
    print(
        f"naive, {args.naive_n} letters: wall {[round(r['wall'], 2) for r in results['naive']]} s; "
        f"scaled to {args.n}: wall {nv:.2f} s, CPU {nc:.2f} s"
    )
    if results["huiwu-1"]:
        one = results["huiwu-1"]
        per = statistics.median(r["cpu"] for r in one) / args.n * 1000
        print(
            f"huiwu in one process, {args.n} letters: wall {[round(r['wall'], 2) for r in one]} s; "
            f"CPU {[round(r['cpu'], 2) for r in one]} s ({per:.1f} ms a letter)"
        )
    print(
        f"ratio naive / huiwu (wall, median): {nv / h:.2f}x; goal <= 8 s for 1,000: {'met' if h <= 8 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
