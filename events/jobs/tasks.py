"""The task that runs a job in the worker, and queueing: a new job, or again the jobs whose worker died.

Old task paths stored by rows queued before this package existed still run this task: events/tasks.py and
events/badges/jobs.py re-export it as `render_badges_task` (tests/events/test_task_paths.py runs one).
"""

import os

from django_tasks import task

from ..models import Edition, Job
from . import locks, services


@task()
def run_job_task(job_id: str) -> None:
    """Render a job's file (`services.run_job` records progress and the outcome), holding the job's lock
    throughout, so `requeue_stale_jobs` can tell a live run from one whose worker died."""
    with locks.job_lock(job_id) as mine:
        if not mine:  # a live worker is running this job already
            return
        locks.running_in = os.getpid()
        try:
            services.run_job(job_id=job_id)
        finally:
            locks.running_in = None


def start_job(*, kind: str, edition: Edition, params: dict, total: int, user=None) -> Job:
    """Record a job and queue it; the worker updates its `done`/`total` as it goes."""
    job = Job.objects.create(
        kind=kind,
        edition=edition,
        params=params,
        total=total,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    run_job_task.enqueue(job_id=str(job.pk))
    return job


def requeue_stale_jobs() -> list[str]:
    """Queue again the jobs whose worker died (events.jobs.locks), as new runs of this module's task."""
    return locks.requeue_stale_jobs(task=run_job_task)
