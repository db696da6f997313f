"""The follow-up API: projects of a series, their fields and updates, the indicators, the returns.
Series-level endpoints ask organizers.permissions for the series; by id, for the project's series."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status

from documents.spreadsheets import XLSX_MEDIA_TYPE
from events.auth import staff
from events.exceptions import InvalidInput
from organizers.permissions import require

from . import report, returns, selectors, services
from .schemas import FollowedOut, FollowPatch, FollowUpOut, ReturnsIn, ReturnsOut, UpdateOut
from .serialize import followed_out, read_body, update_out

router = Router(tags=["follow-up"])
READ = ("projects", "view")
UPDATE_FIELDS = {
    "period": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$", "examples": ["2024-Q1"]},
    "stage": {
        "type": "string",
        "enum": ["signed", "registered", "started", "building", "producing", "terminated"],
    },
    "funds_added": {"type": "string", "description": "万元, at least 0", "examples": ["120.50"]},
    "blockers": {
        "type": "array",
        "items": {"type": "string", "enum": ["land", "eia", "financing", "approval", "other"]},
    },
    "note": {"type": "string", "maxLength": 2000},
    "corrects": {"type": "integer", "description": "the id of the update this one corrects"},
}
UPDATE_SCHEMA = {"type": "object", "required": ["period"], "properties": UPDATE_FIELDS}
MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["period"],
    "properties": {
        **UPDATE_FIELDS,
        "evidence": {"type": "array", "items": {"type": "string", "format": "binary"}},
    },
}
UPDATE_BODY = {
    "requestBody": {
        "content": {
            "application/json": {"schema": UPDATE_SCHEMA},
            "multipart/form-data": {"schema": MULTIPART_SCHEMA},
        },
        "required": True,
    }
}


def _series(request, series: str, flag=READ):
    found = selectors.get_series(series)
    require(request, flag, series=found)
    return found


def _followed(request, project_id: int, flag="projects"):
    followed = selectors.get_followed(project_id)
    require(request, flag, series=followed.project.edition.series)
    return followed


def _as_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("as_of: YYYY-MM-DD", field="as_of") from None


@router.get(
    "/series/{series}/projects",
    response=list[FollowedOut],
    auth=staff(*READ),
    url_name="followup_projects_api",
)
def list_projects(
    request: HttpRequest,
    series: str,
    edition: str | None = None,
    stage: str | None = None,
    light: str | None = None,
    sector: str | None = None,
    unit: str | None = None,
    as_of: str | None = None,
):
    found = _series(request, series)
    rows = selectors.project_list(
        found, _as_of(as_of), edition=edition, stage=stage, light=light, sector=sector, unit=unit
    )
    return [followed_out(r) for r in rows]


@router.get(
    "/projects/{project_id}", response=FollowedOut, auth=staff(*READ), url_name="followup_project_api"
)
def get_project(request: HttpRequest, project_id: int):
    followed = _followed(request, project_id, READ)
    rows = selectors.project_list(followed.project.edition.series)
    return followed_out(next(r for r in rows if r["followed"].pk == followed.pk))


@router.patch(
    "/projects/{project_id}", response=FollowedOut, auth=staff("projects"), url_name="followup_project_patch"
)
def patch_project(request: HttpRequest, project_id: int, payload: FollowPatch):
    followed = _followed(request, project_id)
    services.update_follow(followed, payload.dict(exclude_unset=True))
    return get_project(request, project_id)


@router.post(
    "/projects/{project_id}/updates",
    response={201: UpdateOut},
    auth=staff("projects"),
    openapi_extra=UPDATE_BODY,
)
def post_update(request: HttpRequest, project_id: int):
    followed = _followed(request, project_id)
    data, files = read_body(request)
    update = services.record_update(followed, data, files, user=request.user)
    return Status(201, update_out(update))


@router.get("/projects/{project_id}/updates", response=list[UpdateOut], auth=staff(*READ))
def list_updates(request: HttpRequest, project_id: int):
    followed = _followed(request, project_id, READ)
    updates = followed.updates.select_related("recorded_by").prefetch_related("evidence", "corrected_by")
    return [update_out(u) for u in updates.order_by("recorded_at", "id")]


@router.get("/series/{series}/follow-up", response=FollowUpOut, auth=staff(*READ))
def follow_up(
    request: HttpRequest,
    series: str,
    as_of: str | None = None,
    edition: str | None = None,
    sector: str | None = None,
    unit: str | None = None,
):
    found = _series(request, series)
    return selectors.follow_up(found, _as_of(as_of), edition=edition, sector=sector, unit=unit)


@router.post("/series/{series}/returns", response={201: ReturnsOut}, auth=staff("projects"))
def open_returns(request: HttpRequest, series: str, payload: ReturnsIn):
    found = _series(request, series, "projects")
    opened, links = returns.open_period(
        series=found, period=payload.period, due_on=payload.due_on, user=request.user
    )
    return Status(201, {"id": opened.pk, "period": opened.period, "due_on": opened.due_on, "links": links})


@router.get("/series/{series}/follow-up.xlsx", auth=staff(*READ))
def follow_up_xlsx(request: HttpRequest, series: str, as_of: str | None = None, edition: str | None = None):
    found = _series(request, series)
    response = HttpResponse(report.xlsx(found, _as_of(as_of), edition=edition), content_type=XLSX_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="follow-up-{found.slug}.xlsx"'
    return response


@router.get("/series/{series}/follow-up.pdf", auth=staff(*READ))
def follow_up_pdf(
    request: HttpRequest,
    series: str,
    as_of: str | None = None,
    edition: str | None = None,
    lang: Literal["zh", "en"] = "zh",
):
    found = _series(request, series)
    response = HttpResponse(
        report.pdf(found, _as_of(as_of), lang=lang, edition=edition), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="follow-up-{found.slug}.pdf"'
    return response
