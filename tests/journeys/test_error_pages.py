"""People who reach a dead end are told what happened and what to do, in the site's layout and their
language: an unknown certificate number on a phone, a unit link the organiser replaced, a mistyped address."""

import os
import tempfile
from pathlib import Path

from tests.journeys.people import SLUG, login

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "error-pages-journey"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_dead_ends_explain_themselves(server, desk, phone, new_page, axe):
    # A visitor checks a certificate number that was never issued (a forged or mistyped one).
    response = phone.goto("/verify/HW-2019-0042")
    assert response.status == 404
    assert phone.locator("h1").inner_text() == "查无此证书"
    assert "本系统未签发编号为 HW-2019-0042 的证书。" in phone.locator(".error-message").inner_text()
    assert phone.locator(".topbar").is_visible()
    _shot(phone, "verify-unknown-phone-zh")
    axe(phone, "unknown certificate")

    # The organiser adds a unit, gives its link out, then makes a new one: the old link says so.
    login(desk, "organizer")
    desk.goto(f"/staff/e/{SLUG}/units")
    desk.fill("#u_org", "错误页测试单位")
    desk.fill("#u_q_delegate", "2")
    desk.locator("#add-unit-h + form button").click()
    old_link = desk.locator(".new-links input").input_value()
    row = desk.locator("#units tr", has_text="错误页测试单位")
    row.get_by_role("button", name="New link").click()
    new_link = desk.locator(".new-links input").input_value()
    assert new_link != old_link

    contact = new_page("desk")
    response = contact.goto(old_link)
    assert response.status == 410
    assert contact.locator("h1").inner_text() == "This link has been replaced"
    assert "错误页测试单位" in contact.locator(".error-message").inner_text()
    assert "Ask the organising committee of" in contact.locator(".error-hint").inner_text()
    _shot(contact, "unit-link-replaced-desk-en")
    axe(contact, "replaced unit link")
    assert contact.goto(new_link).status == 200

    # A mistyped address, in English, then switched to Chinese with the top bar's switch.
    response = contact.goto("/e/dazu-2023/agendaa")
    assert response.status == 404
    assert contact.locator("h1").inner_text() == "Page not found"
    contact.get_by_role("button", name="中文").click()
    assert contact.locator("h1").inner_text() == "页面不存在"
    _shot(contact, "not-found-zh")
