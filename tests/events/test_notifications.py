import email
from email import policy

import pytest
import zxingcpp
from django.core import mail
from icalendar import Calendar
from PIL import Image

from events.registration import links as registration_links
from events.registration import mail as registration_mail
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db

SENT_SMS: list[tuple[str, str]] = []


class RecordingSms:
    """A stand-in SMS provider (a backend, configured by the setting as a real one would be)."""

    def send(self, phone, text):
        SENT_SMS.append((phone, text))


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def parts(msg):
    return {part.get_content_type(): part for part in msg.walk() if not part.is_multipart()}


@pytest.fixture
def register_and_send(django_capture_on_commit_callbacks):
    """register(), then what a commit runs: the confirmation goes once the registration is committed."""

    def run(edition, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return register(edition, **fields)

    return run


@pytest.fixture
def edition():
    edition = make_edition(venue="重庆市大足区香霏路", venue_en="Xiangfei Road, Dazu, Chongqing")
    make_category(edition, "delegate")
    make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True)
    return edition


def test_confirmation_email_has_html_inline_qr_ics_and_private_link(edition, register_and_send):
    result = register_and_send(edition, name="王小明", email="wang@example.com")
    assert len(mail.outbox) == 1
    msg = parsed(mail.outbox[0])
    found = parts(msg)
    assert set(found) == {"text/plain", "text/html", "image/png", "text/calendar"}
    html = found["text/html"].get_content()
    text = found["text/plain"].get_content()
    assert 'src="cid:ticket-qr"' in html
    assert registration_links.manage_url(result.manage_token) in html
    assert registration_links.manage_url(result.manage_token) in text
    assert "重庆市大足区香霏路" in text
    assert "王小明" in text
    png = found["image/png"]
    assert png["Content-ID"] == "<ticket-qr>"
    decoded = zxingcpp.read_barcodes(Image.open(__import__("io").BytesIO(png.get_content())))
    assert [d.text for d in decoded] == [result.ticket_token]
    cal = Calendar.from_ical(found["text/calendar"].get_content())
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == edition.name
    assert str(event["location"]) == "重庆市大足区香霏路"
    assert event.decoded("dtstart") == edition.starts_on
    assert str(event["url"]) == registration_links.manage_url(result.manage_token)


def test_confirmation_email_speaks_english_to_an_english_registration(edition, register_and_send):
    register_and_send(edition, name="Anna", name_en="Anna Smith", language="en")
    msg = parsed(mail.outbox[0])
    text = parts(msg)["text/plain"].get_content()
    assert "Dear Anna Smith," in text
    assert "Xiangfei Road, Dazu, Chongqing" in text
    assert "报名" not in text


def test_pending_registration_email_has_no_ticket(edition, register_and_send):
    register_and_send(edition, category="guest")
    found = parts(parsed(mail.outbox[0]))
    assert set(found) == {"text/plain", "text/html"}
    assert "cid:" not in found["text/html"].get_content()


def test_sms_goes_through_the_configured_backend(edition, settings, register_and_send):
    settings.HUIWU_SMS_BACKEND = "tests.events.test_notifications.RecordingSms"
    SENT_SMS.clear()
    result = register_and_send(edition, phone="13900001234")
    assert len(SENT_SMS) == 1
    phone, text = SENT_SMS[0]
    assert phone == "13900001234"
    assert result.registration.code in text
    assert registration_links.manage_url(result.manage_token) in text


def test_sms_console_backend_by_default_masks_the_number_and_the_private_link(
    edition, capsys, register_and_send
):
    result = register_and_send(edition, phone="13900001234")
    out = capsys.readouterr().out
    assert "SMS to 139****1234:" in out
    assert "/r/[private link]" in out
    assert "13900001234" not in out
    assert result.manage_token not in out


def test_seat_changed_goes_by_email_and_sms(edition, settings, register_and_send):
    settings.HUIWU_SMS_BACKEND = "tests.events.test_notifications.RecordingSms"
    result = register_and_send(edition, phone="13900001234")
    mail.outbox.clear()
    SENT_SMS.clear()
    channels = registration_mail.notify_seat_changed(
        registration=result.registration, seats=[{"plan": "主席台", "label": "第1排 3号"}]
    )
    assert channels == ["email", "sms"]
    assert mail.outbox[0].subject == f"[{edition.name}] 您的座位已调整"
    assert "主席台 第1排 3号" in parts(parsed(mail.outbox[0]))["text/plain"].get_content()
    assert SENT_SMS == [("13900001234", f"【{edition.name}】您的座位已调整为：主席台 第1排 3号。")]
