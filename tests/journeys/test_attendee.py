"""Attendees: register (first with mistakes), reach the ticket, edit, switch language, export, cancel; on a
phone in Chinese and on a desk in English; and a waitlisted attendee moved up when someone cancels."""

import json

from tests.journeys.people import (
    SLUG,
    api,
    link_in,
    organiser_token,
    register_by_api,
    unique_email,
    wait_for_mail,
)


def test_attendee_on_a_phone_in_chinese(server, phone, axe):
    page = phone
    page.goto(f"/e/{SLUG}/")
    axe(page)
    # The demo edition has ended: its page says registration stays open for trying it out.
    assert "作为演示，报名保持开放" in page.locator("main").inner_text()
    page.get_by_role("link", name="立即报名").click()
    page.wait_for_url(f"**/e/{SLUG}/register")
    axe(page)
    # A newcomer's default is a category anyone may register for, not the approval-only guests.
    assert page.locator("#id_category").input_value() == "delegate"

    # First with mistakes: no name, a bad address, no consent.
    page.fill("#id_organization", "重庆工业设计促进中心")
    page.fill("#id_email", "not-an-address")
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert summary.locator("h2").inner_text() == "提交未成功，请修改以下 3 处："
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_consent").get_attribute("aria-invalid") == "true"
    axe(page, "register page with errors")

    email = unique_email("phone")
    page.fill("#id_name", "张伟")
    page.fill("#id_email", email)
    page.check("#id_consent")
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    # The page says only "check your e-mail" (the same as for an address already registered): the private
    # link comes by e-mail.
    panel = page.locator('[data-state="check-email"]')
    assert panel.locator("h2").inner_text() == "请查收邮件"
    assert panel.locator(".sent-to strong").inner_text() == email
    assert panel.locator(".next-steps li").count() == 3
    axe(page, "check your e-mail")
    page.screenshot(path="/tmp/attendee-check-email-phone.png", full_page=True)
    page.goto(f"/r/{link_in(wait_for_mail(server, email))}")
    assert page.locator(".status-label").inner_text() == "已确认"
    assert page.locator(".qr svg").count() == 1
    axe(page, "ticket")

    # Edit a field: the form posts (CSRF passes in Chromium) and says it saved.
    page.fill("#id_title", "设计总监")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.locator(".flash.ok").inner_text() == "已保存修改。"
    assert page.locator("#id_title").input_value() == "设计总监"

    # Switch language on the private page.
    page.locator(".langswitch button").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "My registration"
    axe(page, "ticket in English")

    # Export my data.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my personal data (JSON)").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert (data["registration"]["name"], data["registration"]["title"]) == ("张伟", "设计总监")

    # Cancel, after confirming.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    assert page.locator(".status-label").inner_text() == "Cancelled"
    axe(page, "cancelled ticket")


def test_attendee_on_a_desk_in_english(server, desk, axe):
    page = desk
    page.goto(f"/e/{SLUG}/register")
    assert page.locator("html").get_attribute("lang") == "en"
    page.fill("#id_name", "Maria Rossi")
    page.fill("#id_name_en", "Maria Rossi")
    page.fill("#id_organization", "Politecnico di Milano")
    email = unique_email("desk")
    page.fill("#id_email", email)
    page.get_by_role("button", name="Submit registration").click()
    page.wait_for_load_state()
    # Only the consent was missing: one message, in English only.
    assert page.locator("#error-summary h2").inner_text() == "Not sent yet: please fix 1 thing(s):"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.check("#id_consent")
    page.get_by_role("button", name="Submit registration").click()
    page.wait_for_load_state()
    assert page.locator('[data-state="check-email"] h2').inner_text() == "Check your e-mail"
    axe(page, "check your e-mail on a desk")
    page.screenshot(path="/tmp/attendee-check-email-desk.png", full_page=True)
    page.goto(f"/r/{link_in(wait_for_mail(server, email))}")
    assert page.locator(".status-label").inner_text() == "Confirmed"
    axe(page, "ticket on a desk")
    page.fill("#id_organization", "Politecnico di Milano, Design School")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".flash.ok").inner_text() == "Your changes are saved."
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    assert page.locator(".status-label").inner_text() == "Cancelled"


def test_waitlisted_attendee_moves_up_when_someone_cancels(server, desk, axe):
    token = organiser_token(server)
    first = register_by_api(server, "先到者")
    assert first["status"] == "confirmed"
    # Links in e-mails follow the address actually served (no HUIWU_SITE_URL set).
    assert first["manage_url"].startswith(f"{server}/r/")
    _, edition = api(server, "GET", f"/events/{SLUG}")
    delegate = next(c for c in edition["categories"] if c["code"] == "delegate")
    full = delegate["capacity"] - delegate["remaining"]
    status, _ = api(server, "PATCH", f"/events/{SLUG}/categories/delegate", {"capacity": full}, token)
    assert status == 200
    try:
        page = desk
        page.goto(f"/e/{SLUG}/register?category=delegate")
        page.fill("#id_name", "Wang Lei")
        page.fill("#id_organization", "Chengdu Design Week")
        email = unique_email("wait")
        page.fill("#id_email", email)
        page.check("#id_consent")
        page.get_by_role("button", name="Submit registration").click()
        page.wait_for_load_state()
        assert page.locator('[data-state="check-email"] h2').inner_text() == "Check your e-mail"
        page.goto(f"/r/{link_in(wait_for_mail(server, email))}")
        assert page.locator(".status-label").inner_text() == "On the waiting list"
        assert page.locator(".qr svg").count() == 0
        axe(page, "waitlisted ticket")

        status, _ = api(server, "DELETE", f"/registrations/{first['manage_token']}")
        assert status == 200
        page.reload()
        assert page.locator(".status-label").inner_text() == "Confirmed"
        assert page.locator(".qr svg").count() == 1
    finally:
        api(server, "PATCH", f"/events/{SLUG}/categories/delegate", {"capacity": delegate["capacity"]}, token)
