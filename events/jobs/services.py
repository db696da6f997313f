"""A job's lifecycle, apart from queueing (events.jobs.tasks): run it, read its state and its file.

A job's kind names the function that writes its file, `render(job, out=Path, progress=callable)`, by dotted
path: imported when a job of that kind runs, so this package imports none of the packages that use it.
"""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ..exceptions import Conflict, DomainError, NotFound
from ..models import Job

logger = logging.getLogger(__name__)

RENDERERS = {
    Job.Kind.BADGES: "events.badges.jobs.render_job_file",
    Job.Kind.INVITATIONS: "events.units.invitations.render_job_file",
}


def run_job(*, job_id: str) -> None:
    """The worker's side of a job: render in chunks, report progress, publish the file atomically under
    MEDIA_ROOT/jobs/, and mark the job done, or failed with the reason."""
    # Claim the job atomically: a job deleted, or already taken by another worker, is left alone.
    if not Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(state=Job.State.RUNNING):
        return
    job = Job.objects.select_related("edition").get(pk=job_id)
    relative = f"jobs/{job.pk}.pdf"

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        render = import_string(RENDERERS[job.kind])
        render(job, out=Path(settings.MEDIA_ROOT) / relative, progress=progress)
    except Exception as exc:  # any failure must reach the organiser's progress bar, not vanish
        message = exc.message if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.FAILED, error=message[:2000], finished_at=timezone.now()
        )
        logger.exception("%s job %s failed", job.kind, job.pk)
        return
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.DONE, result_path=relative, finished_at=timezone.now()
    )


def get_job(job_id: str) -> Job:
    try:
        job = Job.objects.filter(pk=uuid.UUID(str(job_id))).first()
    except ValueError:
        job = None
    if job is None:
        raise NotFound(_("No such job."))
    return job


def job_result_path(job: Job) -> Path:
    if job.state != Job.State.DONE or not job.result_path:
        raise Conflict(_("The job is %(state)s; its file is not ready.") % {"state": job.state})
    path = Path(settings.MEDIA_ROOT) / job.result_path
    if not path.is_file():
        raise NotFound(_("The job's file is gone."))
    return path


def job_out(job: Job) -> dict:
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "edition": job.edition.slug if job.edition_id else None,
        "params": job.params,
        "state": job.state,
        "done": job.done,
        "total": job.total,
        "result_url": reverse("api:job_result", kwargs={"job_id": job.pk})
        if job.state == Job.State.DONE
        else None,
        "error": job.error or None,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }
