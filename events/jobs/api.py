"""A job's progress and its file, for whoever holds the job's flag in its edition (a letters job: documents or
units). The endpoints that start a job are the badges' and the units' own."""

import datetime as dt

from django.http import FileResponse, HttpRequest
from ninja import Router, Schema

from organizers.permissions import require

from ..auth import staff
from ..models import Job
from . import services

router = Router(tags=["badges"])  # the tag the OpenAPI document has always shown them under


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


def _job(request, job_id: str) -> Job:
    """The job, once the caller holds its flag for the job's edition (a letters job: documents or units)."""
    job = services.get_job(job_id)
    require(
        request,
        ("documents", "units") if job.kind == Job.Kind.INVITATIONS else "documents",
        edition=job.edition,
    )
    return job


@router.get("/jobs/{job_id}", response=JobOut, auth=staff("documents", "units"))
def get_job(request: HttpRequest, job_id: str):
    return services.job_out(_job(request, job_id))


@router.get("/jobs/{job_id}/result.pdf", auth=staff("documents", "units"))
def job_result(request: HttpRequest, job_id: str):
    job = _job(request, job_id)
    if job.kind == Job.Kind.INVITATIONS:
        name = f"invitations-{job.edition.slug}-{job.params.get('lang') or 'each'}.pdf"
    else:
        name = f"badges-{job.edition.slug}-{job.params.get('category') or 'all'}-{job.params.get('size')}.pdf"
    return FileResponse(
        open(services.job_result_path(job), "rb"), content_type="application/pdf", filename=name
    )
