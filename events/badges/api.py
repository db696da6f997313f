"""Badges: one badge for the door (check-in staff), every badge as a background job (organisers)."""

import datetime as dt
from typing import Literal

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from organizers.permissions import require

from .. import selectors
from ..auth import staff
from ..limits import limited
from ..models import Category
from . import jobs, render

router = Router(tags=["badges"])
BadgeSize = Literal[render.SIZES]  # type: ignore[valid-type]


class BadgeJobIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str | None = limited(Category, "code", None)
    size: BadgeSize | None = None


class JobOut(Schema):
    id: str
    kind: str
    edition: str | None
    params: dict
    state: str
    done: int
    total: int
    result_url: str | None
    error: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


@router.get("/events/{slug}/registrations/{code}/badge.pdf", auth=staff("checkin"))
def badge_pdf(request: HttpRequest, slug: str, code: str, size: BadgeSize = "a6"):
    pdf = render.render_one_badge(edition=selectors.get_edition(slug), code=code, size=size)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{code.upper()}-{size}.pdf"'
    return response


@router.post(
    "/events/{slug}/badge-jobs",
    response={202: JobOut},
    auth=staff("documents"),
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": BadgeJobIn.model_json_schema()}},
        }
    },
)
def start_badge_job(request: HttpRequest, slug: str):
    # The body is optional (no body: every badge, A6), so it is read here rather than by ninja.
    params = jobs.job_params(request.body)
    job = jobs.start_badge_job(edition=selectors.get_edition(slug), user=request.auth, **params)
    return Status(202, jobs.job_out(job))


def _job(request, job_id: str):
    """The job, once the caller holds its flag for the job's edition (a letters job: documents or units)."""
    job = jobs.get_job(job_id)
    require(
        request, ("documents", "units") if job.kind == "invitations" else "documents", edition=job.edition
    )
    return job


@router.get("/jobs/{job_id}", response=JobOut, auth=staff("documents", "units"))
def get_job(request: HttpRequest, job_id: str):
    return jobs.job_out(_job(request, job_id))


@router.get("/jobs/{job_id}/result.pdf", auth=staff("documents", "units"))
def job_result(request: HttpRequest, job_id: str):
    job = _job(request, job_id)
    if job.kind == "invitations":
        name = f"invitations-{job.edition.slug}-{job.params.get('lang') or 'each'}.pdf"
    else:
        name = f"badges-{job.edition.slug}-{job.params.get('category') or 'all'}-{job.params.get('size')}.pdf"
    return FileResponse(open(jobs.job_result_path(job), "rb"), content_type="application/pdf", filename=name)
