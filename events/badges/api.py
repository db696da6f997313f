"""Badges: one badge for the door (check-in staff), every badge as a background job (organisers; its
progress and file: events/jobs/api.py)."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from .. import selectors
from ..auth import staff
from ..jobs.api import JobOut
from ..jobs.services import job_out
from ..limits import limited
from ..models import Category
from . import jobs, render

router = Router(tags=["badges"])
BadgeSize = Literal[render.SIZES]  # type: ignore[valid-type]


class BadgeJobIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str | None = limited(Category, "code", None)
    size: BadgeSize | None = None


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
    return Status(202, job_out(job))
