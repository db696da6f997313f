"""Units API for the unit's contact (private link, no login): the unit, its people, the XLSX import,
substitutes, the letters, the reply form (also the attendee's own, by their private link)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from documents.spreadsheets import XLSX_MEDIA_TYPE

from ..access import uploaded_bytes
from ..registration import services as registration_services
from ..registration.shapes import registration_created
from ..throttles import throttle
from . import invitations, people_import, reply_form, selectors, services, spreadsheet
from .schemas import ImportOut, PersonCreatedOut, ReplyIn, ReplyOut, SubstituteIn, UnitDetailOut, UnitPersonIn

router = Router(tags=["units"])


def _created(request, result) -> Status:
    return Status(
        201,
        registration_created(
            result, request.build_absolute_uri(reverse("manage", kwargs={"token": result.manage_token}))
        ),
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


@router.get("/units/{token}", response=UnitDetailOut, throttle=throttle("manage"))
def get_unit(request: HttpRequest, token: str):
    return unit_detail(services.get_unit_by_token(token))


@router.post("/units/{token}/people", response={201: PersonCreatedOut}, throttle=throttle("manage"))
def add_person(request: HttpRequest, token: str, payload: UnitPersonIn):
    unit = services.get_unit_by_token(token)
    data = payload.dict()
    consent = data.pop("consent")
    return _created(request, services.add_person(unit=unit, data=data, consent=consent, via="api"))


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
def import_people(
    request: HttpRequest, token: str, file: File[UploadedFile | None] = None, dry_run: bool = True
):
    """Upload the filled-in template: `dry_run=true` (the default) only gives the verdict per row;
    `dry_run=false` imports all rows, or none when any row has an error."""
    unit = services.get_unit_by_token(token)
    result = people_import.import_people(
        unit=unit, content=uploaded_bytes(file, spreadsheet.MAX_BYTES), dry_run=dry_run
    )
    return result.__dict__


@router.post(
    "/units/{token}/people/{code}/substitute", response={201: PersonCreatedOut}, throttle=throttle("manage")
)
def substitute(request: HttpRequest, token: str, code: str, payload: SubstituteIn):
    unit = services.get_unit_by_token(token)
    data = payload.dict()
    consent = data.pop("consent")
    return _created(request, services.substitute_person(unit=unit, code=code, data=data, consent=consent))


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
