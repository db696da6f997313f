"""The secretariat issues an award without the shell: on the staff signing page it adds a title, awards it
to an organisation found by typing part of its name, with the document number (文号), checks the public
verification page on a phone, then revokes the award with a reason."""

import os
import tempfile
from pathlib import Path

from tests.journeys.people import SLUG, login

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "awards-journey"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_organiser_adds_a_title_issues_and_revokes_an_award(server, desk, new_page, axe):
    login(desk, "organizer")
    desk.goto(f"/staff/e/{SLUG}/signing")

    # A new title.
    desk.get_by_text("Add an award title").click()
    form = desk.locator("#titles ~ details.panel form")
    form.get_by_label("Code").fill("design-leader-2023")
    form.get_by_label("Name (Chinese)").fill("工业设计领军企业")
    form.get_by_label("Name (English)").fill("Industrial Design Leading Enterprise")
    form.get_by_label("Batch").fill("2023年")
    form.get_by_label("Validity (years; empty: no expiry)").fill("3")
    form.get_by_label("Issuing bodies (one a line)").fill("重庆市经济和信息化委员会")
    form.get_by_role("button", name="Save the title").click()
    assert "Award title 工业设计领军企业 saved." in desk.locator(".flash").inner_text()
    assert desk.locator('tr[data-title="design-leader-2023"]').is_visible()

    # The award: the recipient is searched among the organisations already known.
    desk.get_by_text("Issue an award").click()
    issue = desk.locator("#issue-award")
    issue.get_by_label("Title").select_option("design-leader-2023")
    recipient = issue.get_by_label("Recipient organisation")
    recipient.fill("大足")
    known = desk.locator("#aw_orgs option").evaluate_all("options => options.map(o => o.value)")
    match = next(name for name in known if "大足" in name)
    recipient.fill(match)
    issue.get_by_label("Document number (文号)").fill("渝经信发〔2023〕88号")
    issue.get_by_label("Date of issue").fill("2026-06-26")
    _shot(desk, "issue-form-desk-en")
    issue.get_by_role("button", name="Issue the award").click()
    flash = desk.locator(".flash").inner_text()
    assert f"Awarded 工业设计领军企业 to {match}: certificate" in flash
    serial = flash.rsplit("certificate ", 1)[1].rstrip(".")
    row = desk.locator(f"#award-{serial}")
    assert "渝经信发〔2023〕88号" in row.inner_text()
    axe(desk, "staff signing with award forms")

    phone = new_page("phone")
    phone.goto(f"/verify/{serial}")
    card = phone.locator(".verify-card")
    assert card.get_attribute("data-status") == "active"
    assert "渝经信发〔2023〕88号" in card.inner_text()
    assert "2029-06-25" in card.inner_text()  # three years' validity from 2026-06-26

    # Revoked with a reason: the public page says so at once.
    row.get_by_text("Revoke", exact=True).click()
    row.get_by_label("Reason (shown on the public verification page)").fill("资质复核未通过")
    row.get_by_role("button", name=f"Revoke certificate {serial}").click()
    assert f"Certificate {serial} is revoked." in desk.locator(".flash").inner_text()
    assert "资质复核未通过" in desk.locator(f"#award-{serial}").inner_text()
    phone.reload()
    assert phone.locator(".verify-card").get_attribute("data-status") == "revoked"
    assert "资质复核未通过" in phone.locator(".verify-card").inner_text()

    # The same page in Chinese.
    desk.get_by_role("button", name="中文").click()
    assert desk.locator("#awards").is_visible()
    assert desk.get_by_text("授牌", exact=True).is_visible()
    _shot(desk, "signing-page-zh")
