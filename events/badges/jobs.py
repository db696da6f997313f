"""The badge job's lifecycle: queue a job (every badge of an edition, or every invitation letter), run it
in the task worker with progress, publish its file, read it back. Rendering itself is events.badges.render;
the job's lock and the recovery of jobs whose worker died are events.badges.locks.

The task lives here, beside the service it runs. Its import path stored by django-tasks for rows queued
before this package existed, `events.tasks.render_badges_task`, still resolves: events/tasks.py re-exports it.
"""

import json
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ..exceptions import Conflict, DomainError, InvalidInput, NotFound
from ..models import Edition, Job
from ..units import invitations
from . import locks, render

logger = logging.getLogger(__name__)


@task()
def render_badges_task(job_id: str) -> None:
    """Render a job's PDF (`run_badge_job` records progress and the outcome), holding the job's lock
    throughout, so `requeue_stale_jobs` can tell a live run from one whose worker died."""
    with locks.job_lock(job_id) as mine:
        if not mine:  # a live worker is running this job already
            return
        locks.running_in = os.getpid()
        try:
            run_badge_job(job_id=job_id)
        finally:
            locks.running_in = None


def requeue_stale_jobs() -> list[str]:
    """Queue again the jobs whose worker died (events.badges.locks), as new runs of this module's task."""
    return locks.requeue_stale_jobs(task=render_badges_task)


def start_badge_job(
    *, edition: Edition, user=None, category: str | None = None, size: str | None = None
) -> Job:
    """Queue the rendering of every confirmed badge (or a category's) as one PDF; returns the Job,
    whose `done`/`total` the worker updates as it goes."""
    layout = render.get_layout(size)
    total = render.badge_queryset(edition, category=category).count()
    if total == 0:
        raise Conflict(_("No confirmed registrations to print."), field="category")
    job = Job.objects.create(
        kind=Job.Kind.BADGES,
        edition=edition,
        params={"category": category or None, "size": layout.code},
        total=total,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    render_badges_task.enqueue(job_id=str(job.pk))
    return job


def start_letters_job(*, edition: Edition, user=None, lang: str | None = None):
    """Queue every letter of the edition as one PDF (each in the person's language unless `lang`); the
    badges' job machinery runs it (`run_badge_job`) and reports progress."""
    lang = invitations.letter_lang(lang)
    total = invitations.edition_people(edition).count()
    if total == 0:
        raise Conflict(_("No one to invite yet."))
    job = Job.objects.create(
        kind=Job.Kind.INVITATIONS,
        edition=edition,
        params={"lang": lang},
        total=total,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    render_badges_task.enqueue(job_id=str(job.pk))
    return job


def job_params(body: bytes) -> dict:
    """A badge job's optional JSON body: `{"category"?: code, "size"?: a6|card|a4x4}`."""
    if not body or not body.strip():
        return {}
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(_("The body must be JSON."))
    if not isinstance(data, dict):
        raise InvalidInput(_("The body must be a JSON object."))
    unknown = set(data) - {"category", "size"}
    if unknown:
        raise InvalidInput(f"Unknown field {sorted(unknown)[0]}.", field=sorted(unknown)[0])
    for key in ("category", "size"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InvalidInput(f"{key} must be a string.", field=key)
    return {key: data.get(key) or None for key in ("category", "size")}


def run_badge_job(*, job_id: str) -> None:
    """The worker's side of a badge job: render in chunks, report progress, publish the file
    atomically under MEDIA_ROOT/jobs/, and mark the job done, or failed with the reason."""
    # Claim the job atomically: a job deleted, or already taken by another worker, is left alone.
    if not Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(state=Job.State.RUNNING):
        return
    job = Job.objects.select_related("edition").get(pk=job_id)
    relative = f"jobs/{job.pk}.pdf"

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        if job.kind == Job.Kind.INVITATIONS:  # every invitation letter (events.units.invitations)
            invitations.render_edition_letters(
                edition=job.edition,
                out=Path(settings.MEDIA_ROOT) / relative,
                lang=job.params.get("lang"),
                progress=progress,
            )
        else:
            render.render_badge_file(
                edition=job.edition,
                out=Path(settings.MEDIA_ROOT) / relative,
                category=job.params.get("category"),
                size=job.params.get("size"),
                progress=progress,
            )
    except Exception as exc:  # any failure must reach the organiser's progress bar, not vanish
        message = exc.message if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.FAILED, error=message[:2000], finished_at=timezone.now()
        )
        logger.exception("badge job %s failed", job.pk)
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
