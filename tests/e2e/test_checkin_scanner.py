import pytest
from playwright.sync_api import expect

from tests.factories import make_category, make_edition, make_point, make_user, register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(f"{base}/staff/login")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-123456")
    with page.expect_navigation():
        page.press("#id_password", "Enter")


def scan(page, text):
    before = page.locator("#recent li").count()
    page.keyboard.type(text)  # a keyboard-wedge scanner types into whatever has the focus
    page.keyboard.press("Enter")
    expect(page.locator("#recent li")).to_have_count(before + 1)


def test_scanner_typed_token_shows_verdicts_on_phone(live_server, phone_page):
    edition = make_edition()
    make_category(edition)
    make_point(edition, "main-hall", is_default=True)
    make_user("door", "checkin")
    result = register(edition, name="王小明", organization="大足石刻文创园")
    page = phone_page
    login(page, live_server.url, "door")
    page.goto(f"{live_server.url}/staff/e/{edition.slug}/checkin")
    expect(page.locator("#count-confirmed")).to_have_text("1")
    expect(page.locator("#scan-input")).to_be_focused()

    scan(page, result.ticket_token)
    verdict = page.locator("#verdict")
    expect(verdict).to_have_attribute("data-result", "ok")
    expect(verdict).to_have_class("verdict verdict-good")
    assert page.locator("#verdict-word").inner_text() == "签到成功"
    assert page.locator("#v-name").inner_text() == "王小明"
    assert page.locator("#v-org").inner_text() == "大足石刻文创园"
    assert page.locator("#v-badge").get_attribute("href") == (
        f"/api/v1/events/{edition.slug}/registrations/{result.registration.code}/badge.pdf"
    )
    # Ready for the next scan at once: the field is empty and still focused.
    assert page.input_value("#scan-input") == ""
    expect(page.locator("#scan-input")).to_be_focused()
    expect(page.locator("#count-in")).to_have_text("1")
    page.screenshot(path="var/checkin-phone-ok.png", full_page=True)

    scan(page, result.ticket_token)
    expect(verdict).to_have_attribute("data-result", "already_checked_in")
    expect(verdict).to_have_class("verdict verdict-warn")
    page.screenshot(path="var/checkin-phone-already.png")

    scan(page, result.ticket_token[:-6])
    expect(verdict).to_have_attribute("data-result", "unknown")
    expect(verdict).to_have_class("verdict verdict-bad")
    expect(page.locator("#verdict-person")).to_be_hidden()
    page.screenshot(path="var/checkin-phone-unknown.png")


def test_scanner_search_by_mobile_checks_in_on_desk(live_server, desk_page):
    edition = make_edition()
    make_category(edition)
    make_point(edition, "main-hall", is_default=True)
    make_user("door", "checkin")
    register(edition, name="李雨桐", phone="13900001234")
    page = desk_page
    login(page, live_server.url, "door")
    page.goto(f"{live_server.url}/staff/e/{edition.slug}/checkin")
    page.fill("#search-input", "1234")
    page.press("#search-input", "Enter")
    expect(page.locator("#search-results .hit strong")).to_have_text("李雨桐")
    page.click("#search-results .hit button")
    expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    assert page.locator("#v-name").inner_text() == "李雨桐"
    page.screenshot(path="var/checkin-desk-search.png", full_page=True)
    page.goto(f"{live_server.url}/staff/e/{edition.slug}/checkin/dashboard")
    expect(page.locator("#total-in")).to_have_text("1")
    page.screenshot(path="var/checkin-dashboard.png", full_page=True)
