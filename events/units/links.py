"""A unit's private link (/u/{token}): minting, replacing, e-mailing and finding the unit it opens. Only the
secret's hash is stored; a replaced link's hash is kept so that its holder is told the link was replaced
(410) instead of "not found"."""

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..auth import hash_secret
from ..exceptions import Conflict, NotFound
from ..language import localized
from .models import FormerUnitLink, Unit


class LinkReplaced(NotFound):
    """The link was a unit's, until the organiser made a new one."""

    status_code = 410

    def __init__(self, former: FormerUnitLink):
        super().__init__(
            _("This link was replaced by a new one; ask the organiser for the current link."), field="token"
        )
        self.unit = former.unit
        self.replaced_at = former.replaced_at


def new_unit_token() -> str:
    # 32 random bytes: 256 bits (the contract asks for at least 128).
    return secrets.token_urlsafe(32)


def unit_url(token: str) -> str:
    return settings.SITE_URL + reverse("unit", kwargs={"token": token})


def _fernet() -> Fernet:
    key = hashlib.sha256(b"huiwu unit link\0" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(token: str) -> str:
    """The link's secret encrypted for the database (Fernet, keyed from SECRET_KEY)."""
    return _fernet().encrypt(token.encode()).decode()


def current_token(unit: Unit) -> str | None:
    """The unit's current link secret, when it is kept (units made before, or a changed SECRET_KEY: None)."""
    try:
        token = _fernet().decrypt(unit.link_sealed.encode()).decode() if unit.link_sealed else None
    except (InvalidToken, ValueError):
        return None
    return token if token and hash_secret(token) == unit.token_hash else None


def new_unit_link(*, unit: Unit, send: bool = False) -> str:
    """A new private link for the unit (the old one stops working, and says so when opened); e-mailed to
    the contact if `send`."""
    token = new_unit_token()
    sending = send and bool(unit.contact_email)
    with transaction.atomic():
        old_hash = Unit.objects.filter(pk=unit.pk).values_list("token_hash", flat=True).first()
        if old_hash:
            FormerUnitLink.objects.get_or_create(token_hash=old_hash, defaults={"unit": unit})
        Unit.objects.filter(pk=unit.pk).update(
            token_hash=hash_secret(token),
            link_sealed=seal(token),
            link_sent_at=timezone.now() if sending else None,
            link_sent_to=unit.contact_email if sending else "",
        )
        if sending:
            transaction.on_commit(lambda: send_unit_link(unit=unit, token=token))
    return token


class NoKeptLink(Conflict):
    """The unit's current link is not kept: only a new one can be sent."""


def send_current_link(*, unit: Unit) -> str:
    """E-mail the contact the unit's current link, unchanged (the copy the organiser holds keeps working);
    the address it went to. NoKeptLink when the link is not kept (a new link must be made: ask first)."""
    if not unit.contact_email:
        raise Conflict(_("This unit has no contact e-mail address."), field="contact_email")
    token = current_token(unit)
    if token is None:
        raise NoKeptLink(
            _(
                "This unit's current link cannot be sent again (it was made before links were kept): "
                "make a new link and send it? The old link then stops working."
            ),
            field="unit",
        )
    with transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(link_sent_at=timezone.now(), link_sent_to=unit.contact_email)
        transaction.on_commit(lambda: send_unit_link(unit=unit, token=token))
    return unit.contact_email


def send_unit_link(*, unit: Unit, token: str) -> None:
    edition = unit.edition
    body = "\n".join(
        [
            f"{unit.contact_name or unit.organization.name}：",
            "",
            f"诚邀贵单位参加{edition.name}。请通过以下链接填报参会人员、下载邀请函：",
            unit_url(token),
            "",
            f"{localized(unit.organization, en=True)} is invited to "
            f"{localized(edition, en=True)}. Register your delegation and download the invitation "
            "letters here:",
            unit_url(token),
        ]
    )
    subject = f"[{edition.name}] 参会邀请 Invitation"  # the contact's language is unknown: both, as the body
    send_mail(subject, body, None, [unit.contact_email], fail_silently=True)


def get_unit_by_token(token: str) -> Unit:
    """The unit the link opens; NotFound, or LinkReplaced (410) for a link the organiser replaced."""
    if not token or len(token) > 100:
        raise NotFound(_("No unit for this link."))
    token_hash = hash_secret(token)
    unit = (
        Unit.objects.select_related("edition", "organization")
        .filter(token_hash=token_hash, edition__personal_data_purged_at__isnull=True)
        .first()
    )
    if unit is None:
        former = (
            FormerUnitLink.objects.select_related("unit__edition", "unit__organization")
            .filter(token_hash=token_hash, unit__edition__personal_data_purged_at__isnull=True)
            .first()
        )
        if former is not None:
            raise LinkReplaced(former)
        raise NotFound(_("No unit for this link."))
    return unit
