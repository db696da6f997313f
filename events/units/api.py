"""Units API: the organiser's units, the unit contact's private link, the reply form, invitation letters."""

from datetime import date, datetime, time

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import ConfigDict, Field

from documents.spreadsheets import XLSX_MEDIA_TYPE

from .. import selectors as event_selectors
from ..auth import staff
from ..badges import jobs as badge_jobs
from ..badges.api import JobOut
from ..enums import Role
from ..exceptions import InvalidInput, NotFound
from ..privacy.access_log import log_staff_access
from ..registration import services as registration_services
from ..throttles import throttle
from . import invitations, people_import, reply_form, selectors, services, spreadsheet, units_import

router = Router(tags=["units"])


class UnitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    organization: str = Field(min_length=1, max_length=200)
    quotas: dict[str, int] = Field(description="{category code: number of people}")
    contact_name: str = Field("", max_length=100)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=30)


class UnitCreatedOut(Schema):
    id: int
    invite_url: str


class UnitOut(Schema):
    id: int
    organization: str
    organization_en: str
    contact_name: str
    contact_email: str
    contact_phone: str
    quotas: dict[str, int]
    quota: int
    registered: int
    confirmed: int
    checked_in: int
    replied: bool


class QuotaOut(Schema):
    category: str
    name: str
    name_en: str
    quota: int
    used: int


class UnitPersonOut(Schema):
    code: str
    category: str
    status: str
    name: str
    name_en: str
    title: str
    email: str
    phone: str
    language: str
    replied: bool


class SubstitutionOut(Schema):
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    at: datetime


class UnitDetailOut(Schema):
    edition: str
    organization: str
    contact_name: str
    quotas: list[QuotaOut]
    people: list[UnitPersonOut]
    substitutions: list[SubstitutionOut]
    reply_fields: list[str]


class UnitPersonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=100)
    title: str = Field("", max_length=100)
    email: str = Field(min_length=3, max_length=254)
    phone: str = Field(min_length=1, max_length=30)
    language: str = Field("zh-hans", max_length=8)
    consent: bool = Field(description="the person agreed to the privacy notice")


class SubstituteIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=100)
    title: str = Field("", max_length=100)
    email: str = Field(min_length=3, max_length=254)
    phone: str = Field(min_length=1, max_length=30)
    language: str = Field("zh-hans", max_length=8)


class PersonCreatedOut(Schema):
    code: str
    status: str
    ticket_token: str | None
    manage_url: str


class RowError(Schema):
    row: int
    field: str
    message: str


class ImportRow(Schema):
    row: int
    name: str
    category: str
    action: str = Field(description="create, update, unchanged or error")


class ImportOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    errors: list[RowError]
    rows: list[ImportRow]


class ReplyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    arrival_date: date | None = None
    arrival_time: time | None = None
    arrival_number: str | None = Field(None, max_length=20)
    arrival_place: str | None = Field(None, max_length=100)
    departure_date: date | None = None
    departure_time: time | None = None
    departure_number: str | None = Field(None, max_length=20)
    departure_place: str | None = Field(None, max_length=100)
    hotel_needed: bool | None = None
    room_type: str | None = Field(None, max_length=10, description="single, twin or suite")
    sharing: bool | None = None
    share_with: str | None = Field(None, max_length=100)
    dinner: bool | None = None
    dietary: str | None = Field(None, max_length=200)
    remarks: str | None = Field(None, max_length=500)


class ReplyOut(Schema):
    code: str
    asked: list[str]
    answers: dict
    updated_at: datetime | None


def _created(request, result) -> Status:
    reg = result.registration
    return Status(
        201,
        {
            "code": reg.code,
            "status": reg.status,
            "ticket_token": result.ticket_token,
            "manage_url": request.build_absolute_uri(f"/r/{result.manage_token}"),
        },
    )


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def unit_detail(unit) -> dict:
    people = selectors.unit_people(unit)
    return {
        "edition": unit.edition.slug,
        "organization": unit.organization.name,
        "contact_name": unit.contact_name,
        "quotas": [
            {"category": c.code, "name": c.name, "name_en": c.name_en, "quota": q, "used": used}
            for c, q, used in selectors.unit_quotas(unit)
        ],
        "people": [
            {
                "code": p.code,
                "category": p.category.code,
                "status": p.status,
                "name": p.name,
                "name_en": p.name_en,
                "title": p.title,
                "email": p.email,
                "phone": p.phone,
                "language": p.language,
                "replied": getattr(p, "reply", None) is not None,
            }
            for p in people
        ],
        "substitutions": [
            {
                "old_code": s.old.code,
                "old_name": s.old_name,
                "new_code": s.new.code,
                "new_name": s.new_name,
                "at": s.at,
            }
            for s in selectors.substitutions(unit)
        ],
        "reply_fields": reply_form.asked_fields(unit.edition),
    }


# --- organiser -------------------------------------------------------------------------------------


@router.post("/events/{slug}/units", response={201: UnitCreatedOut}, auth=staff(Role.ORGANISER))
def create_unit(request: HttpRequest, slug: str, payload: UnitIn):
    edition = event_selectors.get_edition(slug)
    unit, token = services.create_unit(edition=edition, **payload.dict())
    return Status(201, {"id": unit.pk, "invite_url": request.build_absolute_uri(f"/u/{token}")})


@router.get("/events/{slug}/units", response=list[UnitOut], auth=staff(Role.VIEWER))
def list_units(request: HttpRequest, slug: str):
    edition = event_selectors.get_edition(slug)
    log_staff_access(user=request.auth, action="api_list_units", edition=edition, path=request.path)
    return selectors.unit_rows(edition)


@router.get("/events/{slug}/units.xlsx", auth=staff(Role.VIEWER))
def units_xlsx(request: HttpRequest, slug: str):
    edition = event_selectors.get_edition(slug)
    log_staff_access(user=request.auth, action="export_units", edition=edition, path=request.path)
    categories = list(edition.categories.all())
    response = HttpResponse(
        spreadsheet.units_bytes(selectors.unit_rows(edition), categories), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="units-{edition.slug}.xlsx"'
    return response


@router.get("/events/{slug}/units/template.xlsx", auth=staff(Role.ORGANISER))
def units_template(request: HttpRequest, slug: str):
    edition = event_selectors.get_edition(slug)
    response = HttpResponse(
        spreadsheet.units_template_bytes(list(edition.categories.all())), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="units-template-{edition.slug}.xlsx"'
    return response


class UnitLinkOut(Schema):
    id: int
    organization: str
    invite_url: str


class UnitsImportOut(Schema):
    created: list[UnitLinkOut]
    updated: int
    errors: list[RowError]


@router.post(
    "/events/{slug}/units/import",
    response={200: UnitsImportOut, 422: UnitsImportOut},
    auth=staff(Role.ORGANISER),
)
def import_units(request: HttpRequest, slug: str, file: File[UploadedFile]):
    """The organiser's list of units (XLSX): all rows or none; 422 with the errors per row."""
    edition = event_selectors.get_edition(slug)
    result = units_import.import_units(edition=edition, content=file.read(spreadsheet.MAX_BYTES + 1))
    body = {
        "created": [
            {
                "id": unit.pk,
                "organization": unit.organization.name,
                "invite_url": request.build_absolute_uri(f"/u/{token}"),
            }
            for unit, token in result.created
        ],
        "updated": len(result.updated),
        "errors": result.errors,
    }
    return Status(422 if result.errors else 200, body)


@router.get("/events/{slug}/replies.xlsx", auth=staff(Role.VIEWER))
def replies_xlsx(request: HttpRequest, slug: str, order: str = "unit"):
    """The reply forms of confirmed people, by unit (`order=unit`) or by arrival time (`order=arrival`)."""
    if order not in ("unit", "arrival"):
        raise InvalidInput("order must be unit or arrival. order 须为 unit 或 arrival。", field="order")
    edition = event_selectors.get_edition(slug)
    log_staff_access(user=request.auth, action="export_replies", edition=edition, path=request.path)
    rows = selectors.reply_rows(edition, order=order)
    response = HttpResponse(
        spreadsheet.replies_bytes(rows, reply_form.asked_fields(edition)), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="replies-{edition.slug}-by-{order}.xlsx"'
    return response


@router.get("/events/{slug}/registrations/{code}/invitation.pdf", auth=staff(Role.ORGANISER))
def invitation(request: HttpRequest, slug: str, code: str, lang: str | None = None):
    reg = event_selectors.get_registration(event_selectors.get_edition(slug), code)
    response = HttpResponse(
        invitations.invitation_pdf(registration=reg, lang=lang), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="invitation-{reg.code}.pdf"'
    return response


# --- the unit's contact (private link) ----------------------------------------------------------------


@router.get("/units/{token}", response=UnitDetailOut, throttle=throttle("manage"))
def get_unit(request: HttpRequest, token: str):
    return unit_detail(services.get_unit_by_token(token))


@router.post("/units/{token}/people", response={201: PersonCreatedOut}, throttle=throttle("manage"))
def add_person(request: HttpRequest, token: str, payload: UnitPersonIn):
    unit = services.get_unit_by_token(token)
    data = payload.dict()
    consent = data.pop("consent")
    return _created(request, services.add_person(unit=unit, data=data, consent=consent))


@router.get("/units/{token}/template.xlsx", throttle=throttle("manage"))
def template(request: HttpRequest, token: str):
    unit = services.get_unit_by_token(token)
    quotas = [(c, q) for c, q, _ in selectors.unit_quotas(unit)]
    response = HttpResponse(
        spreadsheet.template_bytes(edition=unit.edition, quotas=quotas), content_type=XLSX_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{unit.edition.slug}-people.xlsx"'
    return _private(response)


@router.post("/units/{token}/import", response=ImportOut, throttle=throttle("manage"))
def import_people(request: HttpRequest, token: str, file: File[UploadedFile], dry_run: bool = True):
    """Upload the filled-in template: `dry_run=true` (the default) only gives the verdict per row;
    `dry_run=false` imports all rows, or none when any row has an error."""
    unit = services.get_unit_by_token(token)
    result = people_import.import_people(
        unit=unit, content=file.read(spreadsheet.MAX_BYTES + 1), dry_run=dry_run
    )
    return result.__dict__


@router.post(
    "/units/{token}/people/{code}/substitute", response={201: PersonCreatedOut}, throttle=throttle("manage")
)
def substitute(request: HttpRequest, token: str, code: str, payload: SubstituteIn):
    unit = services.get_unit_by_token(token)
    return _created(request, services.substitute_person(unit=unit, code=code, data=payload.dict()))


@router.get("/events/{slug}/units/{unit_id}/invitations.pdf", auth=staff(Role.ORGANISER))
def staff_unit_invitations(request: HttpRequest, slug: str, unit_id: int, lang: str | None = None):
    """A unit's letters for the organiser (who does not keep the unit's link): as the contact gets them."""
    edition = event_selectors.get_edition(slug)
    unit = edition.units.select_related("organization", "edition").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(gettext("No such unit."))
    log_staff_access(user=request.auth, action="unit_invitations", edition=edition, path=request.path)
    pdf = invitations.unit_invitations_pdf(people=selectors.unit_people(unit), edition=edition, lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invitations-{edition.slug}-unit-{unit.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@router.post("/events/{slug}/invitation-jobs", response={202: JobOut}, auth=staff(Role.ORGANISER))
def start_letters_job(request: HttpRequest, slug: str, lang: str | None = None):
    """Every letter of the edition as one PDF, rendered in the background: poll GET /jobs/{id}."""
    job = badge_jobs.start_letters_job(
        edition=event_selectors.get_edition(slug), user=request.auth, lang=lang
    )
    return Status(202, badge_jobs.job_out(job))


@router.get("/units/{token}/invitations.pdf", throttle=throttle("manage"))
def unit_invitations(request: HttpRequest, token: str, lang: str | None = None):
    unit = services.get_unit_by_token(token)
    pdf = invitations.unit_invitations_pdf(
        people=selectors.unit_people(unit), edition=unit.edition, lang=lang
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invitations-{unit.edition.slug}.pdf"'
    return _private(response)


@router.put("/units/{token}/people/{code}/reply", response=ReplyOut, throttle=throttle("manage"))
def put_unit_reply(request: HttpRequest, token: str, code: str, payload: ReplyIn):
    reg = selectors.unit_person(services.get_unit_by_token(token), code)
    reply = reply_form.save_reply(registration_obj=reg, data=payload.dict(exclude_unset=True))
    return selectors.reply_out(reg, reply)


@router.get("/registrations/{manage_token}/reply", response=ReplyOut, throttle=throttle("manage"))
def get_own_reply(request: HttpRequest, manage_token: str):
    reg = registration_services.get_registration_by_token(manage_token)
    return selectors.reply_out(reg, selectors.reply_of(reg))


@router.put("/registrations/{manage_token}/reply", response=ReplyOut, throttle=throttle("manage"))
def put_own_reply(request: HttpRequest, manage_token: str, payload: ReplyIn):
    reg = registration_services.get_registration_by_token(manage_token)
    reply = reply_form.save_reply(registration_obj=reg, data=payload.dict(exclude_unset=True))
    return selectors.reply_out(reg, reply)
