"""What a person is told when their place changes and they did not change it on the page themselves: moved up
from the waiting list, cancelled by staff, replaced by their unit (换人), and the confirmation of their own
cancellation. One message each, in the person's language, through events.notifications (e-mail, SMS)."""

from django.utils import translation
from django.utils.translation import gettext as _

from .. import notifications
from ..language import is_en, localized
from ..models import Registration
from .mail import confirmation_message

KINDS = ("promoted", "cancelled", "cancelled_by_staff", "replaced")


def send_notice(*, registration_id: int, kind: str, replaced_by: str = "") -> list[str]:
    """Send the notice `kind` (one of KINDS) to the registration's holder; the channels used."""
    registration = Registration.objects.select_related("edition", "unit__organization").get(
        pk=registration_id
    )
    if not (registration.email or registration.phone) or registration.anonymized_at:
        return []
    return notifications.notify(registration, notice_message(registration, kind, replaced_by=replaced_by))


def notice_message(registration: Registration, kind: str, *, replaced_by: str = "") -> notifications.Message:
    if kind == "promoted":
        # The confirmation (ticket QR, seats, calendar), opened by why it comes now.
        message = confirmation_message(registration, None)
        with translation.override(registration.language):
            lead = _("A place has become free: you are moved up from the waiting list.")
        message.lines.insert(1, lead)
        message.kind = "promoted"
        message.sms = f"{lead} {message.sms}"
        return message
    with translation.override(registration.language):
        return _notice(registration, kind, replaced_by)


def _notice(registration: Registration, kind: str, replaced_by: str) -> notifications.Message:
    en = is_en(registration)
    edition = registration.edition
    title = localized(edition, en=en)
    name = localized(registration, en=en)
    unit = registration.unit.organization if registration.unit_id else None
    unit_name = localized(unit, en=en) if unit else ""
    if kind == "cancelled":
        headline = _("Your registration has been cancelled, as you asked.")
        detail = _("Your seat is freed for someone else. While registration is open you may register again.")
    elif kind == "cancelled_by_staff":
        headline = _("The organiser has cancelled your registration.")
        detail = _("If you think this is a mistake, please contact the organising committee.")
    elif kind == "replaced":
        headline = _("%(unit)s has registered %(new)s in your place (换人).") % {
            "unit": unit_name or _("Your unit"),
            "new": replaced_by,
        }
        detail = _("If you think this is a mistake, please contact your unit's contact person.")
    else:
        raise ValueError(kind)
    lines = [
        _("Dear %(name)s,") % {"name": name},
        headline,
        _("Your ticket for %(title)s no longer admits you.") % {"title": title},
        detail,
        _("Registration code: %(code)s") % {"code": registration.code},
    ]
    sms = _("[%(title)s] %(headline)s Code %(code)s.") % {
        "title": title,
        "headline": headline,
        "code": registration.code,
    }
    return notifications.Message(kind=kind, subject=f"[{title}] {headline}", lines=lines, sms=sms)
