#!/usr/bin/env python
"""Fault: the badge worker killed (SIGKILL) in the middle of a job.

On PostgreSQL (the shared server of scripts/pg-start.sh, a database of its own; --sqlite: SQLite, as
`make run` has it by default) with a private HUIWU_VAR_DIR (so MEDIA_ROOT/jobs is ours to inspect): seeds
an edition with --badges confirmed registrations, starts gunicorn and `manage.py db_worker` as
scripts/serve.sh does, queues the badge job through the API (POST /api/v1/events/{slug}/badge-jobs, an
organiser's bearer token) and polls GET /api/v1/jobs/{id} until the job is part-way (0 < done < total).
Then `kill -9` of the worker process only (what the OOM killer or an impatient operator does), and checks:

- the worker and every render process it had forked are gone within a few seconds, and nothing writes
  under MEDIA_ROOT/jobs any more;
- the organiser sees the job as not done: state running, no result_url, result.pdf answers 409, and
  MEDIA_ROOT/jobs holds no {job}.pdf (only the renderer's hidden temporary directory may be left).

Recovery as a deployment does it (`make run` on restart): `manage.py requeue_jobs`, then a fresh
`db_worker`; a second `requeue_jobs` while the new worker is part-way must leave the job alone. Checks the
job ends done with done == total, result.pdf opens with pypdf with one page per badge and each
registration's code exactly once, the killed run's task row is FAILED and the rerun's SUCCESSFUL, and
MEDIA_ROOT/jobs holds exactly {job}.pdf (no leftover temporary files). Prints the timings and a PASS/FAIL
line; exits 1 on FAIL. Every wait is bounded; a timeout prints what state things are in.

    .venv/bin/python bench/faults/badge_worker_kill.py [--badges 1000 --kill-at 0.3 --sqlite]
"""

import argparse
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    ROOT,
    alive,
    api,
    descendants,
    own_database,
    server_env,
    setup_django,
    start_db_worker,
    start_gunicorn,
    stop,
)

SLUG = "fault-badge-kill"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯晨欣怡"


class Timeout(Exception):
    pass


def seed(n: int) -> None:
    from events import tickets
    from events.enums import RegistrationStatus
    from events.models import Category, ConsentNotice, Edition, Organization, Registration, Series

    rng = random.Random(6)
    Edition.objects.filter(slug=SLUG).delete()
    from organizers.models import Organizer

    organizer, _ = Organizer.objects.get_or_create(slug="faults", defaults={"name": "Faults"})
    series, _ = Series.objects.get_or_create(
        slug="faults", defaults={"name": "Faults", "organizer": organizer}
    )
    edition = Edition.objects.create(
        series=series,
        slug=SLUG,
        name="2031 工业设计赋能大会",
        name_en="2031 Industry Design Conference",
        starts_on=dt.date(2031, 6, 28),
        ends_on=dt.date(2031, 6, 28),
        venue="重庆市大足区",
        signing_key=tickets.new_private_key(),
        published=True,
    )
    ConsentNotice.objects.create(edition=edition, version="1", text="同意")
    cats = [
        Category.objects.create(edition=edition, code=c, name=zh, name_en=en, badge_color=col, order=i)
        for i, (c, zh, en, col) in enumerate(
            [("guest", "嘉宾", "Guest", "#9b1c1c"), ("delegate", "参会代表", "Delegate", "#1d4ed8")]
        )
    ]
    org = Organization.objects.get_or_create(name="重庆市经济和信息化委员会")[0]
    Registration.objects.bulk_create(
        [
            Registration(
                edition=edition,
                category=cats[0 if i % 10 == 0 else 1],
                code=f"K{i:07d}",
                status=RegistrationStatus.CONFIRMED,
                organization=org,
                email=f"k{i}@example.com",
                name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
            )
            for i in range(n)
        ],
        batch_size=500,
    )


def organiser_token() -> str:
    from events.auth import new_api_token
    from organizers.models import Organizer, Team

    team, _ = Team.objects.get_or_create(
        organizer=Organizer.objects.get(slug="faults"),
        name="faults",
        defaults={"permissions": ["admin"], "all_series": True},
    )
    return new_api_token(team=team, name="badge fault")


def listing(jobs_dir: Path) -> list[str]:
    """Everything under MEDIA_ROOT/jobs, relative, with sizes: what a user or a backup could see."""
    if not jobs_dir.exists():
        return []
    return sorted(
        f"{p.relative_to(jobs_dir)}{'/' if p.is_dir() else f' ({p.stat().st_size} B)'}"
        for p in jobs_dir.rglob("*")
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--kill-at", type=float, default=0.3, help="kill once done/total reaches this")
    parser.add_argument("--port", type=int, default=8794)
    parser.add_argument("--sqlite", action="store_true", help="SQLite in the private VAR_DIR instead")
    parser.add_argument("--timeout", type=float, default=240, help="seconds allowed for each wait")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="huiwu-fault-badges-"))
    if args.sqlite:  # what `make run` uses by default: var/huiwu.sqlite3
        url = f"sqlite:///{var}/huiwu.sqlite3"
    else:
        base = subprocess.run(
            [str(ROOT / "scripts/pg-start.sh")], check=True, capture_output=True, text=True
        ).stdout.split()[-1]
        url = own_database(base, "huiwu_fault_badges")
    os.environ["HUIWU_VAR_DIR"] = str(var)  # MEDIA_ROOT = var/media for us, gunicorn and the workers
    jobs_dir = var / "media" / "jobs"
    setup_django(url)
    seed(args.badges)
    token = organiser_token()

    procs = {"web": start_gunicorn(args.port, url, workers=2), "worker": start_db_worker(url)}
    failures: list[str] = []
    marks: dict[str, float] = {}
    job_id = None

    def check(ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            failures.append(what)

    def job() -> dict:
        status, body = api(args.port, "GET", f"/api/v1/jobs/{job_id}", token)
        if status != 200:
            raise RuntimeError(f"GET job: {status} {body[:300]!r}")
        return json.loads(body)

    def state_report() -> str:
        from django_tasks_db.models import DBTaskResult

        from events.models import Job

        rows = [f"{j.pk} {j.state} {j.done}/{j.total} {j.error[:200]}" for j in Job.objects.all()]
        tasks = [
            f"{t.id} {t.status} workers={t.worker_ids} {str(t.exception_class_path)} {t.traceback[-300:]}"
            for t in DBTaskResult.objects.all()
        ]
        worker = procs.get("worker")
        return "\n".join(
            [
                f"jobs: {rows}",
                f"task results: {tasks}",
                f"worker pid {worker.pid if worker else None} alive={bool(worker and alive(worker.pid))} "
                f"children={descendants(worker.pid) if worker else []}",
                f"MEDIA_ROOT/jobs: {listing(jobs_dir)}",
            ]
        )

    def wait_for(what: str, predicate, interval: float = 0.1) -> float:
        start = time.monotonic()
        while time.monotonic() - start < args.timeout:
            if predicate():
                return time.monotonic()
            if job_id and what != "the requeued job to finish" and job()["state"] in ("done", "failed"):
                raise Timeout(f"the job ended while waiting for {what}\n{state_report()}")
            time.sleep(interval)
        from django.db import connection

        connection.close()
        raise Timeout(f"timed out after {args.timeout:.0f}s waiting for {what}\n{state_report()}")

    try:
        marks["queued"] = time.monotonic()
        status, body = api(args.port, "POST", f"/api/v1/events/{SLUG}/badge-jobs", token, "{}")
        if status != 202:
            raise RuntimeError(f"POST badge-jobs: {status} {body[:300]!r}")
        job_id = json.loads(body)["id"]
        total = json.loads(body)["total"]
        print(f"job {job_id} queued through the API: {total} badges")

        seen = {}

        def part_way() -> bool:
            seen.update(job())
            return seen["state"] == "running" and seen["done"] >= args.kill_at * seen["total"] > 0

        wait_for(f"the job to reach {args.kill_at:.0%}", part_way)
        worker = procs["worker"]
        render_children = descendants(worker.pid)
        before_kill = dict(seen)
        marks["kill"] = time.monotonic()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        print(
            f"kill -9 worker pid {worker.pid} at {marks['kill'] - marks['queued']:.1f}s, job at "
            f"{before_kill['done']}/{before_kill['total']}; its render processes: {render_children}"
        )

        # Orphaned render processes must not outlive it (they would go on writing).
        snapshot = listing(jobs_dir)
        gone_by = time.monotonic() + 10
        while any(alive(p) for p in render_children) and time.monotonic() < gone_by:
            time.sleep(0.05)
        survivors = [p for p in render_children if alive(p)]
        print(f"  render processes gone {(time.monotonic() - marks['kill']) * 1000:.0f} ms after the kill")
        check(not survivors, f"no render process survives the worker (survivors: {survivors})")
        time.sleep(3)
        later = listing(jobs_dir)
        check(
            later == snapshot,
            "nothing is written under MEDIA_ROOT/jobs after the kill"
            + ("" if later == snapshot else f" (at the kill: {snapshot}; 3 s later: {later})"),
        )
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        print(f"  MEDIA_ROOT/jobs after the kill: {snapshot}")

        after = job()
        check(
            after["state"] != "done" and after["result_url"] is None,
            f"the job shows as not done ({after['state']}, "
            f"{after['done']}/{after['total']}, result_url={after['result_url']})",
        )
        status, _ = api(args.port, "GET", f"/api/v1/jobs/{job_id}/result.pdf", token)
        check(status == 409, f"result.pdf answers 409 while the job is not done (got {status})")
        check(not (jobs_dir / f"{job_id}.pdf").exists(), "no {job}.pdf (partial or otherwise) is visible")
        check(not [p for p in snapshot if not p.startswith(".")], "only hidden temporary files are left")

        # Recovery, as `make run` does on a restart: requeue_jobs, then a fresh worker.
        marks["recover"] = time.monotonic()
        requeue = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "requeue_jobs"],
            cwd=ROOT,
            env=server_env(url),
            capture_output=True,
            text=True,
            timeout=args.timeout,
        )
        marks["requeued"] = time.monotonic()
        print(
            f"manage.py requeue_jobs ({marks['requeued'] - marks['recover']:.1f}s): "
            f"{requeue.stdout.strip()} {requeue.stderr.strip()}".rstrip()
        )
        check(requeue.returncode == 0, "requeue_jobs succeeds")
        check(listing(jobs_dir) == [], f"requeue_jobs removes the leftovers (left: {listing(jobs_dir)})")
        procs["worker"] = start_db_worker(url)

        # A second requeue_jobs while the new worker runs the job (another worker starting, a cron):
        # the job's lock is held by a live worker, so it must be left alone.
        again = {}

        def rerunning() -> bool:
            again.update(job())
            return again["state"] == "running" and 0 < again["done"] < again["total"]

        wait_for("the requeued job to be part-way again", rerunning)
        second = subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "requeue_jobs"],
            cwd=ROOT,
            env=server_env(url),
            capture_output=True,
            text=True,
            timeout=args.timeout,
        )
        now = job()
        check(
            "No interrupted jobs." in second.stdout
            and now["state"] == "running"
            and now["done"] >= again["done"],
            f"requeue_jobs beside the live worker leaves its job alone ({second.stdout.strip()!r}, "
            f"job {now['state']} {again['done']} -> {now['done']}/{now['total']})",
        )
        final = {}

        def finished() -> bool:
            final.update(job())
            return final["state"] in ("done", "failed")

        marks["done"] = wait_for("the requeued job to finish", finished, interval=0.2)
        print(
            f"recovered: job {final['state']} {final['done']}/{final['total']} "
            f"{marks['done'] - marks['recover']:.1f}s after recovery started"
        )
        check(
            (final["state"], final["done"], final["total"]) == ("done", total, total),
            "the job ends done, done == total",
        )
        if final.get("error"):
            print(f"  error: {final['error']}")
        status, pdf = api(args.port, "GET", f"/api/v1/jobs/{job_id}/result.pdf", token)
        pages = -1
        if status == 200:
            from pypdf import PdfReader

            pages = len(PdfReader(io.BytesIO(pdf)).pages)
        check(
            status == 200 and pages == total, f"result.pdf opens with pypdf: {pages} pages for {total} badges"
        )
        if status == 200:  # one badge per registration: no chunk of the killed run doubled or lost
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
            codes = re.findall(rb"K\d{7}", text)
            check(
                sorted(codes) == [f"K{i:07d}".encode() for i in range(args.badges)],
                f"every registration's badge exactly once ({len(codes)} codes, {len(set(codes))} distinct)",
            )
        from django_tasks_db.models import DBTaskResult

        runs = sorted(DBTaskResult.objects.values_list("status", flat=True))
        check(
            runs == ["FAILED", "SUCCESSFUL"],
            f"task table: the killed run FAILED, the rerun SUCCESSFUL ({runs})",
        )
        left = listing(jobs_dir)
        check(left == [f"{job_id}.pdf ({len(pdf)} B)"], f"MEDIA_ROOT/jobs holds only the result: {left}")
        print(
            f"timings: kill at {marks['kill'] - marks['queued']:.1f}s ({before_kill['done']}/{before_kill['total']}); "
            f"recovery (requeue + new worker -> done) {marks['done'] - marks['recover']:.1f}s; "
            f"job total (queued -> done, outage included) {marks['done'] - marks['queued']:.1f}s"
        )
    except (Timeout, RuntimeError) as exc:
        failures.append(str(exc).splitlines()[0])
        print(exc)
    finally:
        for name, proc in procs.items():
            if name == "worker":
                for pid in descendants(proc.pid):
                    os.kill(pid, signal.SIGKILL)
            if proc.poll() is None:
                stop(proc)
    load = os.getloadavg()
    print(
        f"{args.badges} badges, {'SQLite' if args.sqlite else 'PostgreSQL'}, gunicorn 2 workers, db_worker ({os.cpu_count()} cores, "
        f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})"
    )
    if failures:
        print(f"kept for inspection: {var}")
    else:
        shutil.rmtree(var, ignore_errors=True)
    print("PASS" if not failures else f"FAIL: {'; '.join(failures)}")
    sys.stdout.flush()
    raise SystemExit(0 if not failures else 1)


if __name__ == "__main__":
    main()
