import json
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router
from ninja.responses import Status

from documents.spreadsheets import XLSX_MEDIA_TYPE

from . import cloning, editions, selectors, setup
from .auth import PUBLIC, staff, staff_or_public
from .exports import registrations_xlsx as build
from .privacy.access_log import log_staff_access
from .registration import services
from .registration import window as registration_window
from .registration.link_resend import CHECK_EMAIL, register_by_mail
from .schemas import (
    CategoryOut,
    CategoryPatch,
    CheckEmailOut,
    CloneIn,
    ConsentConfirmIn,
    ConsentNoticeOut,
    EditionDetailOut,
    EditionOut,
    EditionPatch,
    EditionSettingsOut,
    PersonalDataOut,
    RegistrationCreatedOut,
    RegistrationIn,
    RegistrationOut,
    RegistrationPatch,
    StaffRegistrationOut,
    StatusOut,
)
from .throttles import throttle
from .views_common import (
    edition_detail,
    edition_settings,
    registration_created,
    registration_out,
    staff_registration_out,
)

router = Router(tags=["registration"])


@router.get("/events", response=list[EditionOut])
def list_events(request: HttpRequest):
    return list(selectors.public_editions())


@router.get("/events/{slug}", response=EditionDetailOut)
def get_event(request: HttpRequest, slug: str):
    return edition_detail(selectors.get_public_edition(slug))


@router.post(
    "/events/{slug}/registrations",
    response={201: RegistrationCreatedOut, 202: CheckEmailOut},
    throttle=throttle("register"),
    auth=staff_or_public("registrations"),
    # Credentials are optional here: {} is "none".
    openapi_extra={"security": [{}]},  # (added to the staff schemes ninja lists)
)
def create_registration(request: HttpRequest, slug: str, payload: RegistrationIn):
    """Public (no credentials): always 202 `check_email`, for a new address and for one that already holds a
    registration alike, so the answer tells nobody who attends. The private link goes to the address by
    e-mail: a new registrant gets the confirmation with their link, the holder of an address registered
    again a new link (which replaces the old one). Errors that do not depend on the address (closed, full,
    invalid input) are answered as usual.

    An organiser (bearer token or session) gets 201 with the ticket and the private link, and 409 when the
    address already holds a registration."""
    edition = registration_window.registration_edition(slug, drafts=request.auth != PUBLIC)
    data = payload.dict()
    category = data.pop("category")
    if request.auth == PUBLIC:
        register_by_mail(edition=edition, category_code=category, **data)
        # CheckEmailOut's shape, written as is: ninja's validation of this fixed answer cost a tenth of the
        # request's CPU. tests/events/test_registered_address.py holds it to the schema.
        return HttpResponse(
            json.dumps({"status": "check_email", "detail": str(CHECK_EMAIL)}, ensure_ascii=False),
            status=202,
            content_type="application/json; charset=utf-8",
        )
    result = services.register_attendee(edition=edition, category_code=category, **data)
    return Status(
        201,
        registration_created(
            result, request.build_absolute_uri(reverse("manage", kwargs={"token": result.manage_token}))
        ),
    )


@router.get("/registrations/{manage_token}", response=RegistrationOut, throttle=throttle("manage"))
def get_own_registration(request: HttpRequest, manage_token: str):
    return registration_out(services.get_registration_by_token(manage_token))


@router.patch("/registrations/{manage_token}", response=RegistrationOut, throttle=throttle("manage"))
def patch_own_registration(request: HttpRequest, manage_token: str, payload: RegistrationPatch):
    reg = services.get_registration_by_token(manage_token)
    changes = payload.dict(exclude_unset=True)
    return registration_out(services.update_registration(registration=reg, changes=changes))


@router.delete("/registrations/{manage_token}", response=RegistrationOut, throttle=throttle("manage"))
def cancel_own_registration(request: HttpRequest, manage_token: str):
    reg = services.get_registration_by_token(manage_token)
    return registration_out(services.cancel_registration(registration=reg))


@router.get("/registrations/{manage_token}/ticket.pdf", throttle=throttle("manage"))
def own_ticket_pdf(request: HttpRequest, manage_token: str, size: Literal["a4", "phone"] = "a4"):
    """The holder's printable ticket (A4 or a 90 x 160 mm phone page)."""
    # WeasyPrint loads only when a PDF is made: a heavy import kept off every other request
    from .registration import ticket_pdf

    reg = services.get_registration_by_token(manage_token)
    response = HttpResponse(ticket_pdf.ticket_pdf(reg, size), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{reg.code}.pdf"'
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/registrations/{manage_token}/export", response=PersonalDataOut, throttle=throttle("manage"))
def export_own_data(request: HttpRequest, manage_token: str):
    return selectors.export_personal_data(services.get_registration_by_token(manage_token))


@router.get(
    "/events/{slug}/registrations", response=list[StaffRegistrationOut], auth=staff("registrations", "view")
)
def list_registrations(
    request: HttpRequest,
    slug: str,
    category: str | None = None,
    status: str | None = None,
    q: str | None = None,
):
    edition = selectors.get_edition(slug)
    regs = selectors.list_registrations(edition, category=category, status=status, q=q)
    log_staff_access(
        user=request.auth, action="api_list_registrations", edition=edition, target=q or "", path=request.path
    )
    return [staff_registration_out(r) for r in regs]


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


@router.post("/events/{slug}/registrations/{code}/approve", response=StatusOut, auth=staff("registrations"))
def approve(request: HttpRequest, slug: str, code: str):
    reg = selectors.get_registration(selectors.get_edition(slug), code)
    return services.approve_registration(registration=reg)


@router.post("/events/{slug}/registrations/{code}/reject", response=StatusOut, auth=staff("registrations"))
def reject(request: HttpRequest, slug: str, code: str):
    reg = selectors.get_registration(selectors.get_edition(slug), code)
    return services.reject_registration(registration=reg)


@router.patch("/events/{slug}", response=EditionSettingsOut, auth=staff("settings"))
def patch_event(request: HttpRequest, slug: str, payload: EditionPatch):
    """Change an edition's settings; `{"published": true}` publishes a draft (listed, public pages and API,
    registration within its window)."""
    edition = editions.update_edition(
        edition=selectors.get_edition(slug), changes=payload.dict(exclude_unset=True)
    )
    return edition_settings(edition)


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
