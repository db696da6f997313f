"""Render processes (documents.render_process): forked from a pipeline-only server, and gone as soon as
the process that asked for them dies, even by SIGKILL."""

import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from documents import render_process


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def _loaded_modules() -> list[str]:
    return sorted(sys.modules)


def test_render_process_does_not_carry_the_django_project():
    pool = ProcessPoolExecutor(
        1, mp_context=render_process.context(), initializer=render_process.die_with, initargs=(os.getpid(),)
    )
    with pool:
        loaded = pool.submit(_loaded_modules).result(timeout=30)
    assert ("documents.pipeline" in loaded, "django.db.models" in loaded, "events.models" in loaded) == (
        True,
        False,
        False,
    )


def test_render_process_ends_when_the_job_process_is_killed():
    job = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    pool = ProcessPoolExecutor(
        1, mp_context=render_process.context(), initializer=render_process.die_with, initargs=(job.pid,)
    )
    try:
        worker = pool.submit(os.getpid).result(timeout=30)
        assert _alive(worker)
        job.kill()
        job.wait()
        deadline = time.monotonic() + 5
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        job.kill()
        pool.shutdown(wait=False, cancel_futures=True)
