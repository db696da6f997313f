"""Shared pieces of the fault and scale-out benchmarks: a private PostgreSQL, gunicorn, a registration
rush that records every answer with its time, and the audit (oversold seats, duplicate people)."""

import datetime as dt
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PGPORT = int(os.environ.get("FAULTS_PGPORT", "54339"))
PGDATA = os.environ.get("FAULTS_PGDATA", "/tmp/huiwu-pg-faults")


def start_postgres() -> str:
    """A PostgreSQL of our own (not the shared one on 54329): we are going to restart it."""
    env = dict(os.environ, PGPORT=str(PGPORT), PGDATA_DIR=PGDATA)
    out = subprocess.run(
        [str(ROOT / "scripts/pg-start.sh")], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def pg_bin() -> str:
    return sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parts[-2].split(".")]
    )[-1].as_posix()


def pg_ctl(*args: str) -> None:
    # -l: the restarted server must not inherit our pipes (a captured stdout would never reach EOF).
    cmd = f"{pg_bin()}/pg_ctl -D {PGDATA} -l {PGDATA}/log -w {' '.join(args)}"
    argv = ["su", "postgres", "-s", "/bin/bash", "-c", cmd] if os.geteuid() == 0 else ["bash", "-c", cmd]
    subprocess.run(
        argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "faults-bench-only")
    os.environ["HUIWU_THROTTLE"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def server_env(database_url: str) -> dict:
    return dict(
        os.environ,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "faults-bench-only"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        HUIWU_THROTTLE="0",
        HUIWU_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )


def start_gunicorn(port: int, database_url: str, workers: int = 2) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "error",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=server_env(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_http(port)
    return proc


def start_db_worker(database_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/python"),
            "manage.py",
            "db_worker",
            "--queue-name",
            "default",
            "-v",
            "0",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=server_env(database_url),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_http(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/v1/events", headers={"Host": "127.0.0.1"})
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def make_edition(slug: str, capacity: int):
    from events import tickets
    from events.models import Category, ConsentNotice, Edition, Series

    Edition.objects.filter(slug=slug).delete()
    from organizers.models import Organizer

    organizer, _ = Organizer.objects.get_or_create(slug="faults", defaults={"name": "Faults"})
    series, _ = Series.objects.get_or_create(
        slug="faults", defaults={"name": "Faults", "organizer": organizer}
    )
    edition = Edition.objects.create(
        series=series,
        slug=slug,
        name=slug,
        starts_on=dt.date(2031, 1, 1),
        ends_on=dt.date(2031, 1, 1),
        venue="bench",
        signing_key=tickets.new_private_key(),
        published=True,
    )
    ConsentNotice.objects.create(edition=edition, version="1", text="ok")
    Category.objects.create(edition=edition, code="delegate", name="代表", capacity=capacity, waitlist=False)
    return edition


@dataclass
class Rush:
    """Clients registering distinct people; a 5xx or a dropped connection is retried (same person) up
    to `retries` times, as a browser user pressing the button again would."""

    ports: list[int]
    slug: str
    people: int
    concurrency: int = 16
    retries: int = 20
    answers: list = field(default_factory=list)  # (monotonic time, port, status or 0 for no answer)

    def run(self) -> float:
        lock = threading.Lock()
        todo = iter(range(self.people))
        t0 = time.monotonic()

        def client(n: int) -> None:
            port = self.ports[n % len(self.ports)]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while True:
                with lock:
                    i = next(todo, None)
                if i is None:
                    break
                body = json.dumps(
                    {
                        "category": "delegate",
                        "name": f"抢票{i}",
                        "organization": "测试单位",
                        "email": f"p{i}@example.com",
                        "consent": True,
                    }
                )
                for _ in range(self.retries + 1):
                    try:
                        conn.request(
                            "POST",
                            f"/api/v1/events/{self.slug}/registrations",
                            body,
                            {"Content-Type": "application/json", "Host": "127.0.0.1"},
                        )
                        resp = conn.getresponse()
                        resp.read()
                        status = resp.status
                    except (http.client.HTTPException, OSError):
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        status = 0
                    with lock:
                        self.answers.append((time.monotonic(), port, status))
                    if status and status < 500:
                        break
                    time.sleep(0.05)
            conn.close()

        threads = [threading.Thread(target=client, args=(n,)) for n in range(self.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.monotonic() - t0

    def count(self, predicate) -> int:
        return sum(1 for _, _, s in self.answers if predicate(s))


def audit(slug: str, seats: int) -> dict:
    """Seats oversold and people registered twice, straight from the database."""
    from django.db.models import Count

    from events.models import Registration

    regs = Registration.objects.filter(edition__slug=slug)
    confirmed = regs.filter(status="confirmed").count()
    duplicates = regs.values("email").annotate(n=Count("id")).filter(n__gt=1).count()
    return {
        "confirmed": confirmed,
        "oversold": max(confirmed - seats, 0),
        "duplicates": duplicates,
        "rows": regs.count(),
    }


# --- used by badge_worker_kill.py ------------------------------------------------------------------


def own_database(base_url: str, name: str) -> str:
    """A fresh database `name` on the server of `base_url` (dropped first if it exists); its URL."""
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + "/" + name


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` (children, grandchildren...), from /proc."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = Path(f"/proc/{parent}/task").iterdir()
            kids = [int(k) for t in tasks for k in (t / "children").read_text().split()]
        except OSError:
            continue
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie, killed but not yet reaped, counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def api(port: int, method: str, path: str, token: str, body: str | None = None) -> tuple[int, bytes]:
    """One staff API call (bearer token); returns (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1", "Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body, headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()
