"""Recovery of background jobs whose worker died (killed, machine restarted) in the middle of a run.

A worker holds a lock named after the job for as long as it runs it (`job_lock`): a PostgreSQL advisory
lock on its database session (every worker, on any machine, shares the database), or on SQLite an flock
on a file under VAR_DIR (SQLite means one machine). Either is released by PostgreSQL or the kernel the
moment the worker process dies, however it dies. A `running` job whose lock nobody holds has lost its
worker, so `requeue_stale_jobs` is safe to run at any time, beside live workers: a job a live worker is
running is never taken from it, however long it runs.
"""

import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from ..models import Job

_PR_SET_PDEATHSIG = 1
running_in: int | None = None  # the pid of the process running a job's task, while it runs one


def _die_with_worker() -> None:
    """In a process forked while a task runs (badge renderers): have the kernel SIGKILL it when the
    worker dies. Without this a `kill -9` of the worker leaves its renderers behind, still writing
    chunks, then idle forever holding the worker's inherited database connection and job lock."""
    if running_in is None:
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != running_in:  # the worker died between the fork and the prctl
        os._exit(1)


if sys.platform == "linux":
    os.register_at_fork(after_in_child=_die_with_worker)


class WorkerDied(Exception):
    """Recorded on the task result of a run whose worker died (the job itself was queued again)."""


_LOCK_SPACE = 0x6875  # the first key of huiwu's two-key advisory locks ("hu")


def _pg_keys(job_id) -> tuple[int, int]:
    return _LOCK_SPACE, int.from_bytes(uuid.UUID(str(job_id)).bytes[:4], "big", signed=True)


def _lock_file(job_id) -> Path:
    path = Path(settings.VAR_DIR) / "job-locks" / f"{uuid.UUID(str(job_id))}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def _try_lock(job_id, *, tidy: bool = False) -> Iterator[bool]:
    """Take the job's lock if nobody holds it; yields whether it was taken, releases it on exit
    (`tidy`: and removes SQLite's lock file, which the worker does when it has finished the job)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", _pg_keys(job_id))
            taken = cursor.fetchone()[0]
        try:
            yield taken
        finally:
            if taken:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", _pg_keys(job_id))
                except DatabaseError:  # the session broke during the run: closing it frees the lock
                    connection.close()
        return
    fd = os.open(_lock_file(job_id), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            taken = True
        except BlockingIOError:
            taken = False
        yield taken
        if taken and tidy:
            _lock_file(job_id).unlink(missing_ok=True)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


@contextlib.contextmanager
def job_lock(job_id, *, wait: float = 10.0) -> Iterator[bool]:
    """The worker's side: hold the job's lock while running it. Yields False if another live process
    holds it after `wait` seconds (a requeue holds it only for an instant; a live worker for the whole
    run, in which case the job is theirs and must not be run twice)."""
    deadline = time.monotonic() + wait
    while True:
        with _try_lock(job_id, tidy=True) as taken:
            if taken or time.monotonic() >= deadline:
                yield taken
                return
        time.sleep(0.1)


def requeue_stale_jobs(*, task) -> list[str]:
    """Put `running` jobs whose worker died back in the queue, from the start, and enqueue them again;
    remove the temporary files a killed renderer left behind (only when no job is running live, since
    a renderer's temporary directory does not say which job it belongs to). `task` runs a job given its
    `job_id` (events.jobs.tasks.run_job_task): taken as an argument, so this module imports no task."""
    jobs_dir = Path(settings.MEDIA_ROOT) / "jobs"
    # Listed before the jobs are looked at: a job whose directory is in this list was already
    # `running` (and locked) when its row is read below, so a live one cannot be missed.
    leftovers = sorted(jobs_dir.glob(".badges-*")) if jobs_dir.is_dir() else []
    requeued, live = [], 0
    for job_id in Job.objects.filter(state=Job.State.RUNNING).values_list("pk", flat=True):
        with _try_lock(job_id) as taken:
            if not taken:
                live += 1
            # Under the lock: no worker can claim it between the check and the update.
            elif Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
                state=Job.State.QUEUED, done=0
            ):
                requeued.append(str(job_id))
    if not live:
        for tmp in leftovers:
            shutil.rmtree(tmp, ignore_errors=True)
    _close_dead_task_results(requeued, task=task)
    for job_id in requeued:  # enqueued after the locks are released, so the new worker can take them
        task.enqueue(job_id=job_id)
    return requeued


# The task's paths as rows queued before events/jobs/ existed store them (events/tasks.py and
# events/badges/jobs.py re-export the task under its old name).
_OLD_TASK_PATHS = ("events.tasks.render_badges_task", "events.badges.jobs.render_badges_task")


def _close_dead_task_results(job_ids: list[str], *, task) -> None:
    """The killed run's row in django-tasks-db's table would say RUNNING forever: mark it failed."""
    # django-tasks-db's model, needed only here (an optional backend's table)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        status="RUNNING",
        task_path__in=(task.module_path, *_OLD_TASK_PATHS),
        args_kwargs__kwargs__job_id__in=job_ids,
    ).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path=f"{WorkerDied.__module__}.{WorkerDied.__qualname__}",
        traceback="The worker died while running this task; requeue_jobs queued the job again as a new task.",
    )
