"""What an attendee is told: the confirmation of their status (with the private link and the QR ticket when
confirmed), and a changed seat."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import notifications
from ..enums import RegistrationStatus
from ..language import is_en, localized
from ..models import Registration
from .links import manage_url, ticket_token_for

S = RegistrationStatus


STATUS_TEXT = {
    S.CONFIRMED: gettext_lazy("Your registration is confirmed. Show the QR code at the door."),
    S.PENDING: gettext_lazy("We have received your registration; it is awaiting approval."),
    S.WAITLISTED: gettext_lazy("This category is full; you are on the waiting list."),
    S.CANCELLED: gettext_lazy("Your registration has been cancelled."),
    S.REJECTED: gettext_lazy("We are sorry: your registration was not approved."),
}


def send_confirmation(
    *,
    registration: Registration | None = None,
    registration_id: int | None = None,
    manage_token: str | None = None,
    seats: list[dict] | None = None,
) -> None:
    """E-mail the attendee their status and (when we still hold it, i.e. right after registering) the manage link."""
    if registration is None:
        registration = Registration.objects.select_related("edition").get(pk=registration_id)
    if not registration.email:
        return
    notifications.notify(registration, confirmation_message(registration, manage_token, seats=seats))


def confirmation_message(
    registration: Registration, manage_token: str | None, *, seats: list[dict] | None = None
) -> "notifications.Message":
    """The confirmation in the attendee's language: status, venue and dates, seat, and for a confirmed
    registration the QR ticket (inline image) and an .ics of the edition."""
    with translation.override(registration.language):
        return _confirmation(registration, manage_token, seats=seats)


def _confirmation(registration, manage_token, *, seats):
    en = is_en(registration)
    status_text = str(STATUS_TEXT[registration.status])
    edition = registration.edition
    name = localized(registration, en=en)
    title = localized(edition, en=en)
    venue = localized(edition, "venue", en=en)
    dates = f"{edition.starts_on:%Y-%m-%d}" + (
        f" – {edition.ends_on:%Y-%m-%d}" if edition.ends_on != edition.starts_on else ""
    )
    link = manage_url(manage_token) if manage_token else ""
    lines = [
        _("Dear %(name)s,") % {"name": name},
        status_text,
        title,
        _("When: %(dates)s") % {"dates": dates},
        _("Where: %(venue)s") % {"venue": venue},
        _("Registration code: %(code)s") % {"code": registration.code},
    ]
    subject, label = f"[{title}] {status_text}", _("Your ticket, edit or cancel")
    confirmed = registration.status == S.CONFIRMED
    if confirmed and link and edition.reply_sections:  # the reply form (回执) is asked once confirmed
        lines.append(
            _("Please fill in the reply form (arrival, hotel, dinner): %(link)s/reply") % {"link": link}
        )
    token = ticket_token_for(registration) if confirmed else None
    sms = _("[%(title)s] %(status)s Code %(code)s.") % {
        "title": title,
        "status": status_text,
        "code": registration.code,
    } + (f" {link}" if link else "")
    return notifications.Message(
        kind="confirmation",
        subject=subject,
        lines=lines,
        link=link,
        link_label=label,
        ticket_token=token,
        seats=(notifications.seat_labels(registration) if seats is None else seats) if confirmed else [],
        sms=sms,
        ics=notifications.edition_ics(registration, link) if confirmed else None,
    )


def notify_seat_changed(*, registration: Registration, seats: list[dict] | None = None) -> list[str]:
    """Tell a confirmed attendee their seat changed (e-mail and, when configured, SMS); the channels used."""
    en = is_en(registration)
    edition = registration.edition
    title = localized(edition, en=en)
    seats = notifications.seat_labels(registration) if seats is None else seats
    where = "; ".join(f"{s.get('plan', '')} {s.get('label', '')}".strip() for s in seats)
    with translation.override(registration.language):
        subject = _("[%(title)s] Your seat changed") % {"title": title}
        lines = [_("Your seat is now: %(where)s.") % {"where": where}]
        sms = _("[%(title)s] Your seat is now %(where)s.") % {"title": title, "where": where}
    message = notifications.Message(kind="seat_changed", subject=subject, lines=lines, seats=seats, sms=sms)
    return notifications.notify(registration, message)
