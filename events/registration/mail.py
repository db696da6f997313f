"""What an attendee is told: the confirmation of their status (with the private link and the QR ticket when
confirmed), and a changed seat."""

from .. import notifications
from ..enums import Language, RegistrationStatus
from ..models import Registration
from .links import manage_url, ticket_token_for

S = RegistrationStatus


STATUS_TEXT = {
    S.CONFIRMED: (
        "您的报名已确认。请在入场时出示二维码。",
        "Your registration is confirmed. Show the QR code at the door.",
    ),
    S.PENDING: ("您的报名已收到，正在审核。", "We have received your registration; it is awaiting approval."),
    S.WAITLISTED: (
        "该类别名额已满，您已进入候补名单。",
        "This category is full; you are on the waiting list.",
    ),
    S.CANCELLED: ("您的报名已取消。", "Your registration has been cancelled."),
    S.REJECTED: ("很抱歉，您的报名未获通过。", "We are sorry: your registration was not approved."),
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
    en = registration.language == Language.EN
    zh_text, en_text = STATUS_TEXT[registration.status]
    edition = registration.edition
    name = (registration.name_en or registration.name) if en else registration.name
    title = (edition.name_en or edition.name) if en else edition.name
    venue = (edition.venue_en or edition.venue) if en else edition.venue
    dates = f"{edition.starts_on:%Y-%m-%d}" + (
        f" – {edition.ends_on:%Y-%m-%d}" if edition.ends_on != edition.starts_on else ""
    )
    link = manage_url(manage_token) if manage_token else ""
    if en:
        lines = [f"Dear {name},", en_text, f"{title}", f"When: {dates}", f"Where: {venue}",
                 f"Registration code: {registration.code}"]  # fmt: skip
        subject, label = f"[{title}] {en_text}", "Your ticket, edit or cancel"
    else:
        lines = [
            f"{name}：",
            zh_text,
            f"{title}",
            f"时间：{dates}",
            f"地点：{venue}",
            f"报名编号：{registration.code}",
        ]
        subject, label = f"[{title}] {zh_text}", "查看电子票、修改或取消报名"
    confirmed = registration.status == S.CONFIRMED
    if confirmed and link and edition.reply_sections:  # the reply form (回执) is asked once confirmed
        lines.append(
            f"Please fill in the reply form (arrival, hotel, dinner): {link}/reply"
            if en
            else f"请填写参会回执（抵达、住宿、晚宴等）：{link}/reply"
        )
    token = ticket_token_for(registration) if confirmed else None
    sms = (
        f"[{title}] {en_text} Code {registration.code}."
        if en
        else f"【{title}】{zh_text}报名编号 {registration.code}。"
    ) + (f" {link}" if link else "")
    return notifications.Message(
        kind="confirmation", subject=subject, lines=lines, link=link, link_label=label, ticket_token=token,
        seats=(notifications.seat_labels(registration) if seats is None else seats) if confirmed else [], sms=sms,
        ics=notifications.edition_ics(registration, link) if confirmed else None,
    )  # fmt: skip


def notify_seat_changed(*, registration: Registration, seats: list[dict] | None = None) -> list[str]:
    """Tell a confirmed attendee their seat changed (e-mail and, when configured, SMS); the channels used."""
    en = registration.language == Language.EN
    edition = registration.edition
    title = (edition.name_en or edition.name) if en else edition.name
    seats = notifications.seat_labels(registration) if seats is None else seats
    where = "; ".join(f"{s.get('plan', '')} {s.get('label', '')}".strip() for s in seats)
    if en:
        subject, lines, sms = (
            f"[{title}] Your seat changed",
            [f"Your seat is now: {where}."],
            f"[{title}] Your seat is now {where}.",
        )
    else:
        subject, lines, sms = (
            f"[{title}] 您的座位已调整",
            [f"您的座位已调整为：{where}。"],
            f"【{title}】您的座位已调整为：{where}。",
        )
    message = notifications.Message(kind="seat_changed", subject=subject, lines=lines, seats=seats, sms=sms)
    return notifications.notify(registration, message)
