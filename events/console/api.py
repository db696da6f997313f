"""The organiser's API beside the registration API (events/registration/api.py): the registrations spreadsheet
(each person's unit and reply form added, so here in the console, which reads both packages), a category's
seats and approval, confirming the privacy notice a clone carried over, next year's edition. Tagged
"registration" as those operations are; config/api.py keeps the operation ids clients know."""

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status

from documents.spreadsheets import XLSX_MEDIA_TYPE

from .. import cloning, selectors, setup
from ..auth import staff
from ..privacy.access_log import log_staff_access
from ..registration import services
from ..registration.schemas import CategoryOut, EditionOut
from .exports import registrations_xlsx as build
from .schemas import CategoryPatch, CloneIn, ConsentConfirmIn, ConsentNoticeOut

router = Router(tags=["registration"])


@router.get(
    "/events/{slug}/registrations.xlsx",
    auth=staff("registrations", "view"),
    summary="The registrations as a spreadsheet (XLSX), with the dashboard's filters",
)
def registrations_xlsx(
    request: HttpRequest,
    slug: str,
    category: str | None = None,
    status: str | None = None,
    q: str | None = None,
):

    edition = selectors.get_edition(slug)
    body = build(edition, category=category or None, status=status or None, q=(q or "").strip() or None)
    log_staff_access(
        user=request.auth, action="export_registrations", edition=edition, target=q or "", path=request.path
    )
    return HttpResponse(
        body,
        content_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{slug}-registrations.xlsx"'},
    )


@router.patch("/events/{slug}/categories/{code}", response=CategoryOut, auth=staff("settings"))
def patch_category(request: HttpRequest, slug: str, code: str, payload: CategoryPatch):
    category = selectors.get_category(selectors.get_edition(slug), code)
    services.update_category(category=category, changes=payload.dict(exclude_unset=True))
    return next(c for c in selectors.categories_with_counts(category.edition) if c.pk == category.pk)


@router.post("/events/{slug}/consent/confirm", response=ConsentNoticeOut, auth=staff("settings"))
def confirm_consent(request: HttpRequest, slug: str, payload: ConsentConfirmIn | None = None):
    """Confirm the current privacy notice (a clone carries last year's as a new version to be confirmed
    before the edition can be published); `version`, when given, must still be the current one."""
    version = payload.version if payload else None
    return setup.confirm_consent_notice(edition=selectors.get_edition(slug), version=version)


@router.post("/events/{slug}/clone", response={201: EditionOut}, auth=staff("settings"))
def clone(request: HttpRequest, slug: str, payload: CloneIn):
    """Next year's edition from this one, a draft until published (`PATCH /events/{slug}`)."""
    source = selectors.get_edition(slug)
    return Status(201, cloning.clone_edition(source=source, **payload.dict()))
