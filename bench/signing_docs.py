#!/usr/bin/env python
"""Signing documents: render time for a large ceremony, against WeasyPrint's floor for the same pages.

Seeds an edition (temporary SQLite database) with 100 signing projects, each with two parties and one
witnessing leader, every person distinct: 300 placards. Then in alternating rounds it renders, through
the real path (selectors -> context -> Jinja2 template -> documents.pipeline -> PDF):
  - signing-list (A4 landscape table, 100 rows, totals), run-of-show (minute by minute, press summary),
    placards (300 sheets, two faces each, the far face turned 180°), bilingual (lang=both) for the first two;
  - reference: for each document, a plain page-per-line HTML with the same number of pages and one CJK line
    per page, through the same pipeline (WeasyPrint's own cost of laying out and subsetting that many pages);
  - the ceremony pack (what the organiser downloads: GET /events/{slug}/documents/ceremony.zip), the same
    three documents laid out side by side in forked worker processes and zipped.
Prints the median seconds per document, its ratio to the reference, the three back to back and the pack
against the 10 s budget. CPU seconds: this process's for each document; for the pack, the whole machine's
busy time while it ran (its render processes are not our children; other load on the machine counts too,
hence the load average printed at the end).

    .venv/bin/python bench/signing_docs.py [--rounds 3] [--projects 100]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 10.0
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚"


def seed(n_projects: int):
    import datetime as dt

    from bench.common import bench_edition
    from signing import services

    edition = bench_edition(
        "bench-signing",
        "2030成渝地区双城经济圈工业设计赋能大会",
        name_en="2030 Chengdu-Chongqing Industry Design Empowerment Conference",
        starts_on=dt.date(2030, 6, 28),
        venue="重庆市大足区",
    )
    names = iter(f"{s}{g}{h}" for s in SURNAMES for g in GIVEN for h in ("", "华", "东"))
    sectors = ["智能制造", "工业设计研发", "文化创意", "数字化设计", "五金制造"]
    for i in range(n_projects):
        services.create_project(
            edition=edition,
            name=f"第{i + 1}号工业设计赋能产业升级合作项目",
            name_en=f"Industrial design cooperation project no. {i + 1}",
            sector=sectors[i % len(sectors)],
            amount=str(10_000_000 * (i % 50 + 1)),
            status="signed",
            parties=[
                {
                    "organization": "重庆市大足区人民政府",
                    "signatory": next(names),
                    "signatory_title": "副区长",
                },
                {
                    "organization": f"成渝设计科技有限公司{i + 1}",
                    "signatory": next(names),
                    "signatory_title": "总经理",
                },
            ],
            witnesses=[{"name": next(names), "title": "重庆市经济和信息化委员会副主任"}],
        )
    return edition


def reference_pdf(pages: int, landscape: bool = False) -> bytes:
    from documents.pipeline import CJK_FONT_STACK, html_to_pdf

    size = "A4 landscape" if landscape else "A4"
    body = "".join(f'<p style="page-break-after: always">第{i}页 签约仪式</p>' for i in range(pages))
    html = (
        f'<html lang="zh-CN"><head><style>@page {{ size: {size}; }} '
        f"html {{ font-family: {CJK_FONT_STACK}; }}</style></head><body>{body}</body></html>"
    )
    return html_to_pdf(html)


def configure() -> None:
    """A temporary SQLite database and var dir. Not at import: the render processes' fork server
    imports this script again (as __mp_main__), and must not make a second database."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="huiwu-bench-signing-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["HUIWU_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all cores, all processes: /proc/stat). The pack's
    render processes may be children of a fork server, whose CPU no rusage of ours includes."""
    with open("/proc/stat") as fh:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fh.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cpu_with_children() -> float:
    """CPU seconds of this process and of its reaped children (the pack's workers, joined on return)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--projects", type=int, default=100)
    args = parser.parse_args()

    configure()
    import django

    django.setup()
    from django.core.management import call_command
    from pypdf import PdfReader

    from events.badges import render as badges
    from signing import documents

    call_command("migrate", verbosity=0)
    edition = seed(args.projects)
    # Placards in "both" print an English line only where one is known (none here): the same sheets as "zh".
    jobs = [("signing-list", "both", True), ("run-of-show", "both", False), ("placards", "both", False)]
    pages = {}
    for kind, lang, _ in jobs:
        pdf = documents.render_document(edition, kind, lang)  # warm-up (fonts, templates) and page count
        pages[kind] = len(PdfReader(io.BytesIO(pdf)).pages)
    times = {kind: [] for kind, _, _ in jobs}
    cpu = {kind: [] for kind, _, _ in jobs}
    refs = {kind: [] for kind, _, _ in jobs}
    pack, pack_cpu = [], []
    documents.render_ceremony_pack(edition, "both")  # warm-up
    for _ in range(args.rounds):
        for kind, lang, landscape in jobs:
            start, start_cpu = time.perf_counter(), cpu_with_children()
            documents.render_document(edition, kind, lang)
            times[kind].append(time.perf_counter() - start)
            cpu[kind].append(cpu_with_children() - start_cpu)
            start = time.perf_counter()
            reference_pdf(pages[kind], landscape)
            refs[kind].append(time.perf_counter() - start)
        start, start_cpu = time.perf_counter(), machine_busy()
        documents.render_ceremony_pack(edition, "both")
        pack.append(time.perf_counter() - start)
        pack_cpu.append(machine_busy() - start_cpu)

    print(
        f"{args.projects} projects, {pages['placards']} placards; median of {args.rounds} rounds; {os.cpu_count()} cores"
    )
    print(f"{'document':<14}{'pages':>6}{'huiwu s':>10}{'(cpu s)':>9}{'reference s':>13}{'ratio':>8}")
    total = total_cpu = 0.0
    for kind, _, _ in jobs:
        mine, ref = statistics.median(times[kind]), statistics.median(refs[kind])
        mine_cpu = statistics.median(cpu[kind])
        total += mine
        total_cpu += mine_cpu
        print(f"{kind:<14}{pages[kind]:>6}{mine:>10.2f}{mine_cpu:>9.2f}{ref:>13.2f}{mine / ref:>8.2f}")
    print(
        f"{'all three':<14}{sum(pages.values()):>6}{total:>10.2f}{total_cpu:>9.2f}"
        f"   back to back; budget {BUDGET_S:.0f} s: {total / BUDGET_S:.0%} (wall)"
    )
    mine, mine_cpu = statistics.median(pack), statistics.median(pack_cpu)
    print(
        f"{'ceremony pack':<14}{sum(pages.values()):>6}{mine:>10.2f}{mine_cpu:>9.2f}"
        f"   {badges.WORKERS} workers, {total / mine:.2f}x back to back;"
        f" budget {BUDGET_S:.0f} s: {mine / BUDGET_S:.0%} (wall)"
    )
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min) at the end")


if __name__ == "__main__":
    main()
