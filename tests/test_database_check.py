"""A README command run against a database that was never migrated says so in one line, names
DATABASE_URL, and creates no database file."""

import subprocess

from tests.shell_env import PYTHON, ROOT, shell_env


def _run(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_command_on_a_missing_sqlite_database_refuses_and_creates_nothing(tmp_path):
    env = shell_env(tmp_path)
    env["DJANGO_SECRET_KEY"] = (tmp_path / "secret_key").read_text().strip()
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    done = _run(env, "create_token", "organizer")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DATABASE_URL" in lines[0] and "elsewhere.sqlite3" in lines[0]
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]


def test_command_on_an_empty_database_file_refuses(tmp_path):
    env = shell_env(tmp_path)
    env["DJANGO_SECRET_KEY"] = (tmp_path / "secret_key").read_text().strip()
    empty = tmp_path / "huiwu.sqlite3"
    empty.write_bytes(b"")
    done = _run(env, "purge_personal_data", "--due")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "DATABASE_URL" in done.stderr
    assert done.stdout == ""
