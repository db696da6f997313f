"""Organisers: approve, reject (after confirming), bulk approve; add and edit a registration; export the
list as XLSX; render a badge run and download it; publish an agenda change; download every ceremony
document and read it back."""

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.journeys.people import SLUG, login, pdf_pages, pdf_text, register_by_api, unique_email


def pending_rows(page):
    return page.locator("tbody tr[data-code]").filter(has=page.locator(".status-pending"))


def test_organiser_decides_adds_edits_and_exports(server, desk, axe):
    page = desk
    login(page, "organizer")
    axe(page, "staff home for organisers")
    page.locator("main .card").filter(has_text="2023").get_by_role("link", name="Registrations").click()
    page.wait_for_url(f"**/staff/e/{SLUG}/")
    page.select_option("select[name=status]", "pending")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=pending**")
    axe(page, "registrations dashboard")
    before = pending_rows(page).count()
    assert before >= 4

    code = pending_rows(page).first.get_attribute("data-code")
    pending_rows(page).first.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    assert re.fullmatch(rf"{code} .+: Confirmed", page.locator(".flash.success").inner_text())

    code = pending_rows(page).first.get_attribute("data-code")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    pending_rows(page).first.get_by_role("button", name="Reject").click()
    page.wait_for_load_state()
    assert asked and asked[0].startswith(f"Reject the registration of {code} ")
    assert re.fullmatch(rf"{code} .+: Not approved", page.locator(".flash.success").inner_text())

    # Bulk: tick two pending registrations, approve them at once.
    boxes = page.locator("tbody input[type=checkbox][form=bulk]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Approve ticked").click()
    page.wait_for_load_state()
    assert page.locator(".flash.success").inner_text().startswith("Approved 2: ")
    assert pending_rows(page).count() == before - 4

    # Add a registration (an invitation-only category), then edit it.
    page.get_by_role("link", name="Add a registration").click()
    page.wait_for_url("**/registrations/new")
    axe(page, "add a registration")
    page.select_option("#id_category", "staff")
    page.fill("#id_name", "周到")
    page.fill("#id_organization", "大足区会务组")
    page.fill("#id_email", unique_email("added"))
    page.check("#id_consent")
    page.get_by_role("button", name="Add").click()
    page.wait_for_load_state()
    flash = page.locator(".flash.success").inner_text()
    assert flash.startswith("Added ") and flash.endswith("周到: Confirmed")
    added = flash.split()[1]
    row = page.locator(f"tbody tr[data-code='{added}']")
    row.get_by_role("link", name="Edit").click()
    page.wait_for_url(f"**/registrations/{added}/edit")
    axe(page, "edit a registration")
    page.fill("#id_title", "会务组长")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".flash.success").inner_text() == f"Saved {added} 周到"

    # Export what the dashboard shows (filtered to this person) and open it with openpyxl.
    with page.expect_download() as download:
        page.get_by_role("link", name="Export to Excel (these filters)").click()
    ws = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "报名编号 Code"
    assert [r[:5] for r in rows[1:]] == [(added, "周到", None, "大足区会务组", "会务组长")]
    assert rows[1][8] == "已确认 Confirmed"
    assert rows[1][9].year >= 2026  # a real date, not text

    # A confirmed registration is cancelled (with its own confirmation), never rejected.
    row = page.locator(f"tbody tr[data-code='{added}']")
    assert row.get_by_role("button", name="Reject").count() == 0
    page.once("dialog", lambda d: d.accept())
    row.get_by_role("button", name="Cancel").click()
    page.wait_for_load_state()
    assert page.locator(".flash.success").inner_text().endswith(": Cancelled")


def test_organiser_badges_agenda_and_ceremony_documents(server, desk, new_page, axe):
    register_by_api(server, "胸卡测试", category="delegate")
    page = desk
    login(page, "organizer")
    page.locator("main .card").filter(has_text="2023").get_by_role("link", name="Documents & badges").click()
    page.wait_for_url(f"**/staff/e/{SLUG}/documents")
    axe(page, "documents")
    media = page.locator("select[name=category] option[value=media]").inner_text()
    confirmed_media = int(re.search(r"\((\d+)\)", media).group(1))
    page.select_option("select[name=category]", "media")
    page.select_option("select[name=size]", "card")
    # Earlier journeys may have left badge jobs in the list: wait for the one this click starts.
    badge_jobs = page.locator(".jobs").first.locator("li")
    earlier = badge_jobs.evaluate_all("items => items.map(li => li.dataset.job)")
    page.get_by_role("button", name="Render badges").click()
    expect(badge_jobs).to_have_count(len(earlier) + 1)
    assert badge_jobs.first.get_attribute("data-job") not in earlier
    link = badge_jobs.first.get_by_role("link", name="Download PDF")
    expect(link).to_be_visible(timeout=180_000)
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert pdf_pages(response.body()) == confirmed_media

    # Publish an agenda change; the public agenda shows it with the change log.
    page.goto(f"/staff/e/{SLUG}/agenda")
    axe(page, "agenda board")
    page.locator(".board a.block").first.click()
    page.wait_for_url("**/agenda/sessions/*")
    new_title = "开幕式（时间调整）"
    page.fill("#id_title", new_title)
    page.locator("form.session-form button[type=submit]").click()
    page.wait_for_url(f"**/staff/e/{SLUG}/agenda")
    page.fill("#publish #id_comment", "开幕式更名")
    page.get_by_role("button", name="Publish a new release").click()
    page.wait_for_load_state()
    public = new_page("phone")
    public.goto(f"/e/{SLUG}/agenda")
    assert new_title in public.locator(".agenda-timeline").first.inner_text()
    assert "开幕式更名" in public.locator("#changelog").inner_text()
    axe(public, "public agenda on a phone")

    # Every ceremony document, read back.
    page.goto(f"/staff/e/{SLUG}/signing")
    axe(page, "signing and awards")
    for name in ["Run of show PDF", "Signing list PDF", "Placards PDF", "Certificates PDF"]:
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        response = page.request.get(href)
        assert response.status == 200, (name, response.status)
        text = pdf_text(response.body())
        assert len(text.split()) > 10, (name, text[:200])
