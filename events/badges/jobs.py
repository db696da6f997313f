"""The badge job: every confirmed badge of an edition (or a category's) as one PDF, run by the job machinery
(events/jobs/: the task, the lock, progress and the file). Rendering itself is events.badges.render.

`render_badges_task` is the job task's old name: rows queued before events/jobs/ existed store
`events.badges.jobs.render_badges_task` (and `events.tasks.render_badges_task`), and still run.
"""

import json

from django.utils.translation import gettext as _

from ..exceptions import Conflict, InvalidInput
from ..jobs.tasks import run_job_task as render_badges_task  # the old stored task path, see above
from ..jobs.tasks import start_job
from ..models import Edition, Job
from . import render

__all__ = ["job_params", "render_badges_task", "render_job_file", "start_badge_job"]


def start_badge_job(
    *, edition: Edition, user=None, category: str | None = None, size: str | None = None
) -> Job:
    """Queue the rendering of every confirmed badge (or a category's) as one PDF; returns the Job,
    whose `done`/`total` the worker updates as it goes."""
    layout = render.get_layout(size)
    total = render.badge_queryset(edition, category=category).count()
    if total == 0:
        raise Conflict(_("No confirmed registrations to print."), field="category")
    return start_job(
        kind=Job.Kind.BADGES,
        edition=edition,
        params={"category": category or None, "size": layout.code},
        total=total,
        user=user,
    )


def render_job_file(job: Job, *, out, progress) -> None:
    """A badge job's file (events.jobs.services.RENDERERS names this function)."""
    render.render_badge_file(
        edition=job.edition,
        out=out,
        category=job.params.get("category"),
        size=job.params.get("size"),
        progress=progress,
    )


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
