"""Recovery of background jobs whose worker died (killed, machine restarted) in the middle of a run."""

import datetime as dt
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .models import Job


def requeue_stale_jobs(*, older_than: dt.timedelta = dt.timedelta(0)) -> list[str]:
    """Put `running` jobs started more than `older_than` ago back in the queue, from the start, and
    enqueue them again; remove the temporary files a killed renderer left behind. With a single worker
    (as `make run` starts it) every `running` job at start-up is stale, hence the default of 0."""
    cutoff = timezone.now() - older_than
    requeued = []
    for job in Job.objects.filter(state=Job.State.RUNNING, created_at__lte=cutoff):
        if Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(state=Job.State.QUEUED, done=0):
            requeued.append(str(job.pk))
    jobs_dir = Path(settings.MEDIA_ROOT) / "jobs"
    if jobs_dir.is_dir():
        limit = time.time() - older_than.total_seconds()
        for tmp in jobs_dir.glob(".badges-*"):
            if tmp.is_dir() and tmp.stat().st_mtime <= limit:
                shutil.rmtree(tmp, ignore_errors=True)
    from .tasks import render_badges_task

    for job_id in requeued:
        render_badges_task.enqueue(job_id=job_id)
    return requeued
