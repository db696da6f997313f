"""Reception staff on the demo edition: add a hotel, its block and rooms, assign rooms, move one person,
download the hotel's rooming list. The page is looked at on a phone (Chinese) and a desk (English); the
screenshots go to var/shots/."""

import re
from io import BytesIO

from openpyxl import load_workbook

from tests.journeys.people import login, pdf_text
from tests.shell_env import ROOT

SHOTS = ROOT / "var" / "shots"


def test_reception_staff_add_a_hotel_assign_move_and_download_the_list(server, desk, axe):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = desk
    login(page, "organizer")
    page.goto("/staff/e/dazu-2023/reception")
    page.wait_for_selector("#nights table")
    axe(page, "reception")
    page.screenshot(path=str(SHOTS / "reception-desk-en.png"), full_page=True)

    page.fill("#hotel-name", "Journey Hotel")
    page.fill("#hotel-distance_minutes", "5")
    page.click("#new-hotel button[type=submit]")
    page.wait_for_selector(".flash")
    page.select_option("#block-hotel", label="Journey Hotel")
    page.select_option("#block-type", "twin")
    page.fill("#block-nights", "2023-06-27..2023-06-28:4")
    page.click("#new-block button[type=submit]")
    page.wait_for_selector("text=Block saved.")
    page.select_option("#rooms-hotel", label="Journey Hotel")
    page.select_option("#rooms-type", "twin")
    page.fill("#rooms-numbers", "901-904")
    page.click("#new-rooms button[type=submit]")
    page.wait_for_selector("text=4 rooms added.")

    page.fill("#single_categories", "guest")  # as the demo assigned: guests alone
    page.click("#assign")
    page.wait_for_url(re.compile(r"/reception#stays$"))
    assert re.search(r"^21 placed, 0 not placed, 0 changed\.$", page.locator(".flash").first.inner_text())

    row = page.locator("#stays tbody tr").first
    code = row.get_attribute("data-code")
    page.fill("#move-code", code)
    page.select_option("#move-room", label="Journey Hotel 901 (Twin)")
    page.get_by_role("button", name="Move and pin").click()
    page.wait_for_url(re.compile(r"/reception#stays$"))
    moved = page.locator(f'#stays tr[data-code="{code}"]')
    assert moved.locator("td.room").inner_text().startswith("901")
    assert "Journey Hotel" in moved.inner_text()

    href = page.get_by_role("link", name="Rooming list · Journey Hotel (XLSX)").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    wb = load_workbook(BytesIO(response.body()))
    assert wb.sheetnames == ["2023-06-27", "2023-06-28"]
    rows = [[c.value for c in r] for r in wb["2023-06-28"].iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["901"]

    desk_pdf = page.request.get(
        page.get_by_role("link", name="Room list for the desk (PDF)").get_attribute("href")
    )
    assert "分房表" in pdf_text(desk_pdf.body())
    (SHOTS / "reception-desk.pdf").write_bytes(desk_pdf.body())


def test_reception_page_on_a_phone_in_chinese(server, phone, axe):
    SHOTS.mkdir(parents=True, exist_ok=True)
    login(phone, "organizer")
    phone.goto("/staff/e/dazu-2023/reception")
    phone.wait_for_selector("#nights table")
    assert phone.locator("h1").inner_text().endswith("会务接待")
    axe(phone, "reception on a phone")
    phone.screenshot(path=str(SHOTS / "reception-phone-zh.png"), full_page=True)
