"""The registration API's answers as plain dicts built from models (no HTTP here); the units' link API answers a
registration it made with `registration_created`."""

from .. import tickets
from ..models import Edition, Registration
from ..selectors import categories_with_counts
from . import links as registration_links
from . import services
from .window import registration_open


def edition_detail(edition: Edition) -> dict:
    notice = services.current_consent_notice(edition)
    return {
        "slug": edition.slug,
        "name": edition.name,
        "name_en": edition.name_en,
        "tagline": edition.tagline,
        "tagline_en": edition.tagline_en,
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "venue": edition.venue,
        "venue_en": edition.venue_en,
        "timezone": edition.timezone,
        "registration_open": registration_open(edition),
        "consent_version": notice.version if notice else None,
        "consent_text": notice.text if notice else None,
        "consent_text_en": notice.text_en if notice else None,
        "ticket_public_key": tickets.public_key_b64(edition.signing_key),
        "categories": categories_with_counts(edition),
    }


def edition_settings(edition: Edition) -> dict:
    """The staff's view of an edition's settings (a draft included)."""
    notice = services.current_consent_notice(edition)
    return {
        **edition_detail(edition),
        "published": edition.published,
        "consent_confirmed": None if notice is None else notice.confirmed_at is not None,
        "description": edition.description,
        "description_en": edition.description_en,
        "registration_opens_at": edition.registration_opens_at,
        "registration_closes_at": edition.registration_closes_at,
    }


def staff_registration_out(reg: Registration) -> dict:
    return {
        "code": reg.code,
        "category": reg.category.code,
        "status": reg.status,
        "name": reg.name,
        "name_en": reg.name_en,
        "organization": reg.organization.name if reg.organization else "",
        "title": reg.title,
        "email": reg.email,
        "phone": reg.phone,
        "created_at": reg.created_at,
    }


def registration_out(reg: Registration) -> dict:
    """What the attendee's private link shows: the staff's view of the registration, and the ticket."""
    return {
        **staff_registration_out(reg),
        "edition": reg.edition.slug,
        "language": reg.language,
        "ticket_token": registration_links.ticket_token_for(reg),
        "ticket_version": reg.ticket_version,
        "consent_version": reg.consent_notice.version if reg.consent_notice else None,
        "consented_at": reg.consented_at,
    }


def registration_created(result, manage_url: str) -> dict:
    """The answer to a registration made for someone (staff, a unit's contact): the private link included."""
    reg = result.registration
    return {
        "code": reg.code,
        "status": reg.status,
        "ticket_token": result.ticket_token,
        "manage_url": manage_url,
    }
