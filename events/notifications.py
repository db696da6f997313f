"""Notifications to attendees through one channel interface: e-mail now, SMS as a pluggable backend.

`notify(registration, message)` sends one Message on every channel the registration can be reached on (an
e-mail address, a mobile number). The e-mail channel sends HTML with a text part; a ticket goes as an
inline QR image (cid:) and an .ics attachment. The SMS backend is named by the setting `HUIWU_SMS_BACKEND`
(a dotted path to a class with `send(phone, text)`); the default writes to the console, like Django's
console e-mail backend, and a provider is added by pointing the setting at its class.
"""

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass, field
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from icalendar import Calendar, Event
from PIL import ImageOps

from documents.qr import qr_symbol

from . import hooks
from .language import is_en, localized
from .models import Registration

logger = logging.getLogger(__name__)
QR_CID = "ticket-qr"


@dataclass
class Message:
    """What to tell a person, in their language; channels render it their way."""

    kind: str  # "confirmation", "seat_changed"
    subject: str
    lines: list[str]  # the text, paragraph by paragraph
    link: str = ""  # the private link (manage page)
    link_label: str = ""
    ticket_token: str | None = None  # a QR to show
    seats: list[dict] = field(default_factory=list)
    sms: str = ""  # the short form for SMS
    ics: bytes | None = None


class Channel:
    name = ""

    def reaches(self, registration: Registration) -> bool:
        raise NotImplementedError

    def send(self, registration: Registration, message: Message) -> None:
        raise NotImplementedError


def qr_png(data: str, *, scale: int = 8, border: int = 4) -> bytes:
    image = ImageOps.expand(qr_symbol(data), border=border, fill=255)
    image = image.resize((image.width * scale, image.height * scale), 0)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


class EmailChannel(Channel):
    name = "email"

    def reaches(self, registration):
        return bool(registration.email)

    def send(self, registration, message):
        en = is_en(registration)
        context = {"message": message, "en": en, "qr_cid": QR_CID if message.ticket_token else ""}
        with translation.override(registration.language):  # the attendee's language, not the request's
            text = render_to_string("events/email/notice.txt", context)
            html = render_to_string("events/email/notice.html", context)
        mail = EmailMultiAlternatives(message.subject, text, None, [registration.email])
        mail.mixed_subtype = "mixed"
        mail.attach_alternative(html, "text/html")
        if message.ticket_token:
            image = MIMEImage(qr_png(message.ticket_token), "png")
            image.add_header("Content-ID", f"<{QR_CID}>")
            image.add_header("Content-Disposition", "inline", filename="ticket-qr.png")
            mail.attach(image)
        if message.ics:
            mail.attach("event.ics", message.ics, "text/calendar; charset=utf-8; method=PUBLISH")
        mail.send(fail_silently=True)


class ConsoleSms:
    """The default SMS backend: the text on the console (standard output), nothing sent. The console ends
    up in the server log, so the number is masked and a private link is cut out."""

    def send(self, phone: str, text: str) -> None:
        text = re.sub(r"/r/\S+", "/r/[private link]", text)
        print(f"SMS to {phone[:3]}****{phone[-4:]}: {text}", flush=True)


class SmsChannel(Channel):
    name = "sms"

    def reaches(self, registration):
        return bool(registration.phone)

    def send(self, registration, message):
        if not message.sms:
            return
        backend = import_string(getattr(settings, "HUIWU_SMS_BACKEND", "events.notifications.ConsoleSms"))()
        try:
            backend.send(registration.phone, message.sms)
        except Exception:  # a provider's outage must not fail a registration; the e-mail still goes
            logger.exception("SMS to registration %s failed", registration.code)


CHANNELS: list[Channel] = [EmailChannel(), SmsChannel()]


def notify(registration: Registration, message: Message) -> list[str]:
    """Send the message on every channel that reaches this person; the names of those channels."""
    sent = []
    for channel in CHANNELS:
        if channel.reaches(registration):
            channel.send(registration, message)
            sent.append(channel.name)
    return sent


def edition_ics(registration: Registration, link: str) -> bytes:
    """The edition as an all-day iCalendar event at its venue, with the private link."""
    edition = registration.edition
    en = is_en(registration)
    cal = Calendar()
    cal.add("prodid", "-//huiwu//ticket//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{edition.slug}-{registration.code}@huiwu")
    event.add("summary", localized(edition, en=en))
    event.add("dtstart", edition.starts_on)
    event.add("dtend", edition.ends_on + dt.timedelta(days=1))
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("location", localized(edition, "venue", en=en))
    if link:
        event.add("url", link)
        event.add("description", link)
    cal.add_component(event)
    return cal.to_ical()


def seat_labels(registration: Registration) -> list[dict]:
    return hooks.seats_for(registration.edition_id, [registration.code]).get(registration.code, [])
