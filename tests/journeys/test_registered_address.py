"""Someone registers with an address that already holds a registration: the page says only "check your
e-mail"; the holder finds an e-mail (make run writes them under var/mail) with a new link to their ticket;
the server's log holds no private link."""

import re
from pathlib import Path

from tests.journeys.people import SLUG, register_by_api, unique_email


def mails_to(server, address: str) -> list[str]:
    folder = Path(server.env["HUIWU_VAR_DIR"]) / "mail"
    texts = [p.read_text(errors="replace") for p in sorted(folder.glob("*.log"))] if folder.exists() else []
    return [t for t in texts if f"To: {address}" in t]


def test_a_stranger_learns_nothing_and_the_holder_gets_the_link(server, phone, axe):
    email = unique_email("held")
    held = register_by_api(server, "周海", email=email)
    page = phone
    page.goto(f"/e/{SLUG}/register")
    page.fill("#id_name", "冒名者")
    page.fill("#id_organization", "某单位")
    page.fill("#id_email", email)
    page.check("#id_consent")
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    panel = page.locator('[data-state="check-email"]')
    assert panel.locator("h2").inner_text() == "请查收邮件"
    text = page.locator("main").inner_text()
    assert "周海" not in text and held["code"] not in text and "已报名" not in text
    axe(page, "check your e-mail")
    page.screenshot(path="/tmp/hardening-check-email-phone.png", full_page=True)

    mails = mails_to(server, email)
    assert len(mails) == 2  # the confirmation, then the new link
    token = re.search(r"/r/([A-Za-z0-9_-]{43})", mails[-1]).group(1)
    page.goto(f"/r/{token}")
    assert page.locator(".status-label").inner_text() == "已确认"
    assert held["code"] in page.locator("main").inner_text()
    assert token not in server.log.read_text(errors="replace")
