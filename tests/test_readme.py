"""Every command the README shows works as written, after `make run`, in a fresh shell: no pytest
settings, no DJANGO_SECRET_KEY in the environment (only the var/secret_key that `make run` made)."""

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.shell_env import MAKE_RUN_STEPS, ROOT, fresh_database, run_steps, shell_env

README = (ROOT / "README.md").read_text()


def _commands() -> list[str]:
    lines = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    # Inline commands in the prose, e.g. "An API token for a user: `.venv/bin/python manage.py ...`".
    lines += [c for c in re.findall(r"`(\.venv/bin/python manage\.py [^`]+)`", README) if c not in lines]
    return lines


COMMANDS = _commands()
# `make run` serves until stopped and `make test` is this very test run: both are checked to be real make
# targets (make -n); every other command runs.
MAKE_TARGETS = [c for c in COMMANDS if c.startswith("make ")]
RUNNABLE = [c for c in COMMANDS if not c.startswith("make ")]


def test_the_readme_shows_commands():
    assert MAKE_TARGETS == ["make run", "make test"]
    assert any(c.startswith(".venv/bin/python manage.py create_token") for c in RUNNABLE)
    assert len(RUNNABLE) >= 6


@pytest.mark.parametrize("command", MAKE_TARGETS)
def test_make_targets_exist(command):
    done = subprocess.run(["make", "-n", *shlex.split(command)[1:]], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def after_make_run(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("readme-var")
    database_url, drop = fresh_database("readme")
    env = shell_env(var_dir, database_url)
    assert "DJANGO_SECRET_KEY" not in env
    run_steps({**env, "DJANGO_SECRET_KEY": (var_dir / "secret_key").read_text().strip()}, MAKE_RUN_STEPS)
    yield env
    drop()
    Path(ROOT / "var" / "badges.pdf").unlink(missing_ok=True)


def test_every_readme_command_runs_as_written(after_make_run):
    failures = []
    for command in RUNNABLE:
        done = subprocess.run(
            ["bash", "-c", command], cwd=ROOT, env=after_make_run, capture_output=True, text=True, timeout=300
        )
        if done.returncode != 0:
            failures.append(
                f"$ {command}\n(exit {done.returncode})\n{done.stdout[-800:]}{done.stderr[-1500:]}"
            )
    assert failures == []
