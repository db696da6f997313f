import re

import pytest
from django.core import mail

from events.enums import RegistrationStatus
from events.models import Registration
from tests.factories import make_category, make_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_register_on_chinese_phone_page_reaches_ticket(live_server, phone_page):
    edition = make_edition(name="2030成渝工业设计赋能大会")
    make_category(edition, capacity=10)
    page = phone_page
    page.goto(f"{live_server.url}/e/{edition.slug}/register")
    assert page.locator("h1").inner_text() == "2030成渝工业设计赋能大会"
    assert page.locator("label[for=id_name]").inner_text().startswith("姓名")
    page.fill("#id_name", "王小明")
    page.fill("#id_organization", "重庆市经济和信息化委员会")
    page.fill("#id_email", "not-an-email")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    # Server-side errors are shown next to the field and what was typed is kept.
    assert page.locator(".field.has-error #id_email").count() == 1
    assert page.input_value("#id_name") == "王小明"
    page.fill("#id_email", "xiaoming@example.com")
    page.check("#id_consent")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    # "Check your e-mail": the private link goes to the address only (the same page for an address already
    # registered, so it tells nobody who attends).
    assert page.locator('[data-state="check-email"] h2').inner_text() == "请查收邮件"
    assert page.locator(".sent-to strong").inner_text() == "xiaoming@example.com"
    [confirmation] = mail.outbox
    assert confirmation.to == ["xiaoming@example.com"]
    token = re.search(r"/r/([A-Za-z0-9_-]{43})", confirmation.body).group(1)
    page.goto(f"{live_server.url}/r/{token}")
    assert page.locator(".ticket-name").inner_text() == "王小明"
    assert page.locator(".status-label").inner_text() == "已确认"
    assert page.locator(".qr svg").count() == 1
    box = page.locator(".qr").bounding_box()
    assert box["width"] >= 280  # large enough to scan off a phone in daylight
    reg = Registration.objects.get(email="xiaoming@example.com")
    assert reg.status == RegistrationStatus.CONFIRMED


def test_language_switch_shows_english(live_server, phone_page):
    edition = make_edition(name_en="Test Design Conference")
    make_category(edition)
    page = phone_page
    page.goto(f"{live_server.url}/e/{edition.slug}/")
    page.click(".langswitch button")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Test Design Conference"
    assert page.locator(".tabs a").nth(2).inner_text() == "Register"
