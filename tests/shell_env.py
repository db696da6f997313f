"""A person's shell after `make run`, for tests that run huiwu's commands as written (the journeys'
server, tests/test_readme.py): none of pytest's settings, a var/ folder of its own holding the secret
`make run` made, and a fresh database (SQLite in that folder, or a new database on the PostgreSQL server
DATABASE_URL names)."""

import json
import os
import secrets
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def shell_env(var_dir: Path, database_url: str | None = None) -> dict:
    """The environment of a fresh shell: nothing of pytest's, huiwu's var/ in var_dir with a secret_key."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "DJANGO_", "HUIWU_")) and k != "DATABASE_URL"
    }
    env["HUIWU_VAR_DIR"] = str(var_dir)
    (var_dir / "secret_key").write_text(secrets.token_hex(32) + "\n")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def fresh_database(name: str) -> tuple[str | None, Callable[[], None]]:
    """A new, empty PostgreSQL database when DATABASE_URL points at one (its URL and a dropper);
    (None, no-op) on SQLite, where var_dir holds a fresh file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None, lambda: None
    import psycopg

    parts = urlsplit(url)
    name = f"{name}_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


_STEPS_SCRIPT = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.core.management import call_command
for step in json.loads(sys.argv[1]):
    call_command(*step)
"""
# `make run`'s steps before it serves (collectstatic aside: it needs no database).
MAKE_RUN_STEPS = [
    ["migrate", "--noinput", "-v", "0"],
    ["load_demo", "--if-empty"],
    ["schedule_purge"],
    ["requeue_jobs"],
]


def run_steps(env: dict, steps: list[list[str]]) -> subprocess.CompletedProcess:
    """manage.py commands in one process (Django starts once: seconds saved on a loaded machine)."""
    done = subprocess.run(
        [PYTHON, "-c", _STEPS_SCRIPT, json.dumps(steps)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py steps {steps} failed:\n{done.stdout}\n{done.stderr}")
    return done
