"""The organiser adds a unit, copies its link, then sends it to the contact: the e-mail carries the same
link, which keeps working; the page says to whom and when it went. Quotas and the contact are edited in
place on the units page."""

import os
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from tests.journeys.people import SLUG, login, unique_email, wait_for_mail

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "unit-link-journey"


def test_sending_a_unit_link_keeps_the_copied_one(server, desk, new_page, axe):
    contact = unique_email("contact")
    login(desk, "organizer")
    desk.goto(f"/staff/e/{SLUG}/units")
    desk.fill("#u_org", "链接保留测试单位")
    desk.fill("#u_q_delegate", "2")
    desk.fill("#u_cn", "钱联络")
    desk.fill("#u_ce", contact)
    desk.locator("#add-unit-h + form button").click()
    copied = desk.locator(".new-links input").input_value()
    desk.get_by_role("button", name="Copy link").click()
    # the clipboard answers asynchronously: wait for the button to say so
    expect(desk.locator(".new-links .copy-link")).to_have_text("Copied")
    axe(desk, "units page with a new link")

    row = desk.locator("#units tr", has_text="链接保留测试单位")
    row.get_by_role("button", name="Send the current link · 链接保留测试单位").click()
    assert "the link you copied still works" in desk.locator(".flash.success").inner_text()
    row = desk.locator("#units tr", has_text="链接保留测试单位")
    assert f"Link sent to {contact} at " in row.inner_text()
    mail = wait_for_mail(server, contact)
    assert copied in mail
    unit_page = new_page("phone")
    assert unit_page.goto(copied).status == 200
    assert unit_page.locator("h1").inner_text() == "链接保留测试单位"

    # Quotas and contact edited in place.
    row.get_by_text("Edit", exact=True).click()
    row.get_by_label("Delegate quota").fill("5")
    row.get_by_label("Contact", exact=True).fill("孙联络")
    row.get_by_role("button", name="Save").click()
    assert desk.locator(".flash.success").inner_text() == "链接保留测试单位 saved."
    row = desk.locator("#units tr", has_text="链接保留测试单位")
    assert "孙联络" in row.inner_text()
    assert "5" in row.locator("td").all_inner_texts()
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.screenshot(path=str(SHOTS / "units-desk-en.png"), full_page=True)
    desk.get_by_role("button", name="中文").click()
    assert "链接已于" in desk.locator("#units tr", has_text="链接保留测试单位").inner_text()
    desk.screenshot(path=str(SHOTS / "units-desk-zh.png"), full_page=True)
