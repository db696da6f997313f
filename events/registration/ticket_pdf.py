"""The printable ticket: one page, A4 or phone-sized (90 x 160 mm), through the documents pipeline.

For those who print (or keep a PDF on a phone with no network): the QR code of the current ticket token,
name, unit, category, venue, dates and seats (when seated). Only a confirmed registration has a ticket.
"""

from django.utils.translation import gettext as _

from documents import pipeline

from .. import hooks
from ..enums import RegistrationStatus
from ..exceptions import Conflict, InvalidInput
from ..language import is_en, localized
from ..models import Registration
from .links import ticket_token_for

TEMPLATE = "documents/ticket.html"
SIZES = {"a4": ("210mm", "297mm"), "phone": ("90mm", "160mm")}


def ticket_context(registration: Registration, size: str) -> dict:
    if size not in SIZES:
        raise InvalidInput(_("The page size must be a4 or phone."), field="size")
    token = ticket_token_for(registration)
    if registration.status != RegistrationStatus.CONFIRMED or not token:
        raise Conflict(_("Only a confirmed registration has a ticket."))
    edition = registration.edition
    en = is_en(registration)
    org = registration.organization
    width, height = SIZES[size]
    dates = edition.starts_on.strftime("%Y-%m-%d")
    if edition.ends_on != edition.starts_on:
        dates += " – " + edition.ends_on.strftime("%Y-%m-%d")
    return {
        "size": size,
        "width": width,
        "height": height,
        "en": en,
        "token": token,
        "code": registration.code,
        "name": registration.name,
        "name_en": registration.name_en,
        "unit": localized(org, en=en) if org else "",
        "title": registration.title,
        "category": localized(registration.category, en=en),
        "category_color": registration.category.badge_color or "#9b1c1c",
        "edition": localized(edition, en=en),
        "venue": localized(edition, "venue", en=en),
        "dates": dates,
        "seats": [
            {"plan": s.get("plan", ""), "label": s.get("label", "")}
            for s in hooks.seats_for(edition.id, [registration.code]).get(registration.code, [])
        ],
    }


def ticket_pdf(registration: Registration, size: str = "a4") -> bytes:
    return pipeline.render_pdf(TEMPLATE, ticket_context(registration, size))
