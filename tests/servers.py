"""Real servers for tests that need more than one process: gunicorn as scripts/serve.sh runs it (same
config file), pointed at the test database, and a private redis-server on a free port."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The test database (pytest-django's), as a URL another process can open."""
    d = connection.settings_dict
    if d["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{d['NAME']}"
    return (
        f"postgres://{d['USER']}:{d['PASSWORD']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"
    )


def server_env(var_dir: Path, **extra) -> dict:
    """A production-like environment: no pytest marker (so no test shortcuts), a secret key, our database."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "DJANGO_DEBUG")}
    env.update(
        DJANGO_SECRET_KEY="test-only-" + "k" * 50,
        DATABASE_URL=database_url(),
        HUIWU_VAR_DIR=str(var_dir),
        DJANGO_CONN_MAX_AGE="0",
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def wait_for_http(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer {url}:\n{log.read_text()}")


@contextmanager
def gunicorn(var_dir: Path, log: Path, **env):
    """One gunicorn (one worker) with config/gunicorn.conf.py; yields its base URL. stdout and stderr go to
    `log`, as they would to the terminal or journal under scripts/serve.sh."""
    port = free_port()
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "config/gunicorn.conf.py", "config.wsgi:application"]
            + ["--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=server_env(var_dir, **env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/api/v1/events", process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def serve_sh(var_dir: Path, log: Path, workers: int = 2, **env):
    """The server exactly as `make run` starts it (scripts/serve.sh: gunicorn with `workers` workers and the
    task worker beside it); yields its base URL, and stops it as Ctrl-C would."""
    port = free_port()
    with open(log, "ab") as out:
        process = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            env=server_env(var_dir, PORT=port, WEB_CONCURRENCY=workers, **env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/api/v1/events", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - the script did not stop its children
            os.killpg(process.pid, 9)
            process.wait(timeout=10)


def run_task_worker(var_dir: Path, log: Path, **env) -> None:
    """The task worker as scripts/serve.sh starts it, until the queue is empty (`--batch`); its output goes
    to `log` too, as under scripts/serve.sh."""
    with open(log, "ab") as out:
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "default", "-v", "0", "--batch"]
            + ["--no-startup-delay"],
            cwd=ROOT,
            env=server_env(var_dir, **env),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=120,
        )


@contextmanager
def redis_server(directory: Path):
    """A private redis-server (Debian's package, installed by scripts/system-deps.sh test) on a free port."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(directory), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
