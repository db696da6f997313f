"""The edition and registration API: the public edition (list, detail), registering, the attendee's private
link (read, change, cancel, ticket PDF, personal data), and the staff's list and decisions. `PATCH
/events/{slug}` (an edition's settings) is here beside `GET /events/{slug}`: ninja answers a path from one
router, so one path's methods share it. The organiser's other operations on an edition (the spreadsheet, a
category, the privacy notice, a clone) are events/console/api.py."""

import json
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router
from ninja.responses import Status

from .. import editions, selectors
from ..auth import PUBLIC, staff, staff_or_public
from ..privacy.access_log import log_staff_access
from ..throttles import throttle
from . import selectors as registration_selectors
from . import services
from . import window as registration_window
from .link_resend import CHECK_EMAIL, register_by_mail
from .schemas import (
    CheckEmailOut,
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
from .shapes import (
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
    from . import ticket_pdf

    reg = services.get_registration_by_token(manage_token)
    response = HttpResponse(ticket_pdf.ticket_pdf(reg, size), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{reg.code}.pdf"'
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/registrations/{manage_token}/export", response=PersonalDataOut, throttle=throttle("manage"))
def export_own_data(request: HttpRequest, manage_token: str):
    return registration_selectors.export_personal_data(services.get_registration_by_token(manage_token))


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
    regs = registration_selectors.list_registrations(edition, category=category, status=status, q=q)
    log_staff_access(
        user=request.auth, action="api_list_registrations", edition=edition, target=q or "", path=request.path
    )
    return [staff_registration_out(r) for r in regs]


@router.post("/events/{slug}/registrations/{code}/approve", response=StatusOut, auth=staff("registrations"))
def approve(request: HttpRequest, slug: str, code: str):
    reg = registration_selectors.get_registration(selectors.get_edition(slug), code)
    return services.approve_registration(registration=reg)


@router.post("/events/{slug}/registrations/{code}/reject", response=StatusOut, auth=staff("registrations"))
def reject(request: HttpRequest, slug: str, code: str):
    reg = registration_selectors.get_registration(selectors.get_edition(slug), code)
    return services.reject_registration(registration=reg)


@router.patch("/events/{slug}", response=EditionSettingsOut, auth=staff("settings"))
def patch_event(request: HttpRequest, slug: str, payload: EditionPatch):
    """Change an edition's settings; `{"published": true}` publishes a draft (listed, public pages and API,
    registration within its window)."""
    edition = editions.update_edition(
        edition=selectors.get_edition(slug), changes=payload.dict(exclude_unset=True)
    )
    return edition_settings(edition)
