"""A registration's two links: the private manage link (`/r/<token>`, its secret stored only as a hash) and
the signed ticket token its QR code carries (events/tickets.py signs it with the edition's key)."""

import secrets

from django.conf import settings
from django.urls import reverse

from .. import tickets
from ..enums import RegistrationStatus
from ..models import Registration

S = RegistrationStatus


def new_manage_token() -> str:
    # 32 random bytes: 256 bits, well above the 128 the contract asks for.
    return secrets.token_urlsafe(32)


def manage_url(token: str) -> str:
    return settings.SITE_URL + reverse("manage", kwargs={"token": token})


def ticket_token_for(registration: Registration) -> str | None:
    if registration.status != S.CONFIRMED:
        return None
    edition = registration.edition
    return tickets.sign_ticket(
        signing_key=edition.signing_key,
        edition_slug=edition.slug,
        code=registration.code,
        version=registration.ticket_version,
    )
