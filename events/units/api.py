"""Units API for staff: the organiser's units (list, XLSX export, import), reply forms, invitation letters.
The unit contact's private link is `link_api.py`."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from documents.spreadsheets import XLSX_MEDIA_TYPE

from .. import selectors as event_selectors
from ..access import uploaded_bytes
from ..auth import staff
from ..exceptions import InvalidInput, NotFound
from ..jobs.api import JobOut
from ..jobs.services import job_out
from ..privacy.access_log import log_staff_access
from ..registration.selectors import get_registration
from . import invitations, reply_form, selectors, services, spreadsheet, unit_sheets, units_import
from .schemas import UnitCreatedOut, UnitIn, UnitOut, UnitsImportOut

router = Router(tags=["units"])


@router.post("/events/{slug}/units", response={201: UnitCreatedOut}, auth=staff("units"))
def create_unit(request: HttpRequest, slug: str, payload: UnitIn):
    edition = event_selectors.get_edition(slug)
    unit, token = services.create_unit(edition=edition, **payload.dict())
    return Status(
        201,
        {"id": unit.pk, "invite_url": request.build_absolute_uri(reverse("unit", kwargs={"token": token}))},
    )


@router.get("/events/{slug}/units", response=list[UnitOut], auth=staff("units", "view"))
def list_units(request: HttpRequest, slug: str):
    edition = event_selectors.get_edition(slug)
    log_staff_access(user=request.auth, action="api_list_units", edition=edition, path=request.path)
    return selectors.unit_rows(edition)


@router.get("/events/{slug}/units.xlsx", auth=staff("units", "view"))
def units_xlsx(request: HttpRequest, slug: str):
    edition = event_selectors.get_edition(slug)
    log_staff_access(user=request.auth, action="export_units", edition=edition, path=request.path)
    categories = list(edition.categories.all())
    response = HttpResponse(
        unit_sheets.units_bytes(selectors.unit_rows(edition), categories), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="units-{edition.slug}.xlsx"'
    return response


@router.get("/events/{slug}/units/template.xlsx", auth=staff("units"))
def units_template(request: HttpRequest, slug: str):
    edition = event_selectors.get_edition(slug)
    response = HttpResponse(
        unit_sheets.units_template_bytes(list(edition.categories.all())), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="units-template-{edition.slug}.xlsx"'
    return response


@router.post(
    "/events/{slug}/units/import",
    response={200: UnitsImportOut, 422: UnitsImportOut},
    auth=staff("units"),
)
def import_units(request: HttpRequest, slug: str, file: File[UploadedFile | None] = None):
    """The organiser's list of units (XLSX): all rows or none; 422 with the errors per row."""
    edition = event_selectors.get_edition(slug)
    result = units_import.import_units(edition=edition, content=uploaded_bytes(file, spreadsheet.MAX_BYTES))
    body = {
        "created": [
            {
                "id": unit.pk,
                "organization": unit.organization.name,
                "invite_url": request.build_absolute_uri(reverse("unit", kwargs={"token": token})),
            }
            for unit, token in result.created
        ],
        "updated": len(result.updated),
        "errors": result.errors,
    }
    return Status(422 if result.errors else 200, body)


@router.get("/events/{slug}/replies.xlsx", auth=staff("units", "view"))
def replies_xlsx(request: HttpRequest, slug: str, order: str = "unit"):
    """The reply forms of confirmed people, by unit (`order=unit`) or by arrival time (`order=arrival`)."""
    if order not in ("unit", "arrival"):
        raise InvalidInput(_("order must be unit or arrival."), field="order")
    edition = event_selectors.get_edition(slug)
    log_staff_access(user=request.auth, action="export_replies", edition=edition, path=request.path)
    rows = selectors.reply_rows(edition, order=order)
    response = HttpResponse(
        unit_sheets.replies_bytes(rows, reply_form.asked_fields(edition)), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="replies-{edition.slug}-by-{order}.xlsx"'
    return response


@router.get("/events/{slug}/registrations/{code}/invitation.pdf", auth=staff("documents", "units"))
def invitation(request: HttpRequest, slug: str, code: str, lang: str | None = None):
    reg = get_registration(event_selectors.get_edition(slug), code)
    response = HttpResponse(
        invitations.invitation_pdf(registration=reg, lang=lang), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="invitation-{reg.code}.pdf"'
    return response


@router.get("/events/{slug}/units/{unit_id}/invitations.pdf", auth=staff("documents", "units"))
def staff_unit_invitations(request: HttpRequest, slug: str, unit_id: int, lang: str | None = None):
    """A unit's letters for the organiser (who does not keep the unit's link): as the contact gets them."""
    edition = event_selectors.get_edition(slug)
    unit = edition.units.select_related("organization", "edition").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("No such unit."))
    log_staff_access(user=request.auth, action="unit_invitations", edition=edition, path=request.path)
    pdf = invitations.unit_invitations_pdf(people=selectors.unit_people(unit), edition=edition, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invitations-{edition.slug}-unit-{unit.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@router.post("/events/{slug}/invitation-jobs", response={202: JobOut}, auth=staff("documents", "units"))
def start_letters_job(request: HttpRequest, slug: str, lang: str | None = None):
    """Every letter of the edition as one PDF, rendered in the background: poll GET /jobs/{id}."""
    job = invitations.start_letters_job(
        edition=event_selectors.get_edition(slug), user=request.auth, lang=lang
    )
    return Status(202, job_out(job))
