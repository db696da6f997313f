"""Reception staff on the demo edition: add a hotel, its block and rooms, assign rooms, move one person,
download the hotel's rooming list. A unit's contact fills three reply forms, the door hands over the room
card, the meal scan raises the served count. The page is looked at on a phone (Chinese) and a desk (English); the
screenshots go to var/shots/."""

import datetime as dt
import re
import zoneinfo
from io import BytesIO

from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from tests.journeys.people import SLUG, api, login, organiser_token, pdf_text, unique_email
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


def test_a_contact_replies_for_three_the_door_hands_the_room_card_and_the_meal_count_rises(
    server, desk, phone, new_page, axe
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    staff = organiser_token(server)
    status, unit = api(
        server,
        "POST",
        f"/events/{SLUG}/units",
        {"organization": "大足区接待测试单位", "quotas": {"delegate": 3}},
        staff,
    )
    assert status == 201, unit
    link = unit["invite_url"].rsplit("/u/", 1)[1]
    people = []
    for n, name in enumerate(["周局长", "吴秘书", "郑司机"], start=1):
        status, p = api(
            server,
            "POST",
            f"/units/{link}/people",
            {
                "category": "delegate",
                "name": name,
                "phone": f"1390000{n:04d}",
                "email": unique_email("rc"),
                "consent": True,
            },
        )
        assert status == 201 and p["status"] == "confirmed", p
        people.append(p)
    leader = people[0]["code"]

    # The unit's contact fills the three reply forms on a phone: the leader alone, the others with him.
    phone.goto(f"/u/{link}")
    for i, p in enumerate(people):
        phone.locator(f'li[data-code="{p["code"]}"] a[href$="/reply"]').click()
        phone.fill("#id_arrival_date", "2023-06-27")
        phone.fill("#id_arrival_time", "15:40")
        phone.fill("#id_arrival_number", "G8601")
        phone.fill("#id_arrival_place", "大足南站")
        phone.fill("#id_departure_date", "2023-06-29")
        phone.select_option("#id_hotel_needed", "yes")
        phone.select_option("#id_room_type", "single" if i == 0 else "twin")
        phone.select_option("#id_sharing", "no" if i == 0 else "yes")
        phone.select_option("#id_gender", "m")
        if i:
            phone.fill("#id_accompanies", leader)
        if i == 1:
            axe(phone, "reply form on a phone")
            phone.screenshot(path=str(SHOTS / "reply-phone-zh.png"), full_page=True)
        phone.locator("form.panel button[type=submit]").click()
        expect(phone.locator(".flash.ok")).to_have_text("回执已保存。")
        phone.get_by_role("link", name="返回").click()
        expect(phone.locator(f'li[data-code="{p["code"]}"] a[href$="/reply"]')).to_contain_text("✓")

    # The singles are all taken: reception raises the block and uploads two rooms as XLSX from the page.
    login(desk, "organizer")
    desk.goto(f"/staff/e/{SLUG}/reception")
    desk.select_option("#block-hotel", label="Dazu Hotel")
    desk.select_option("#block-type", "single")
    desk.fill("#block-nights", "2023-06-27..2023-06-28:10")
    desk.click("#new-block button[type=submit]")
    desk.wait_for_selector("text=Block saved.")
    wb = Workbook()
    wb.active.append(["房号 Number", "房型 Type", "楼层 Floor", "床位 Beds"])
    for row in ([8401, "单间", 8, 1], [8402, "单间", 8, 1], ["", "", "", ""], [8403, "标间", 8, 2]):
        wb.active.append(row)
    out = BytesIO()
    wb.save(out)
    desk.select_option("#rooms-file-hotel", label="Dazu Hotel")
    desk.set_input_files(
        "#rooms-file-file",
        files=[{"name": "rooms.xlsx", "mimeType": "application/octet-stream", "buffer": out.getvalue()}],
    )
    desk.click("#rooms-file button[type=submit]")
    expect(desk.locator(".flash").first).to_have_text("3 rooms added, 0 updated.")
    desk.screenshot(path=str(SHOTS / "reception-rooms-upload-desk-en.png"), full_page=True)
    status, placed = api(
        server, "POST", f"/events/{SLUG}/rooming/assign", {"single_categories": ["guest"]}, staff
    )
    assert status == 200, placed
    room = next((a for a in placed["assigned"] if a["code"] == leader), None)
    assert room, [u for u in placed["unassigned"] if u["code"] in {p["code"] for p in people}]
    phone.goto(f"/u/{link}")
    expect(phone.locator(f'li[data-code="{leader}"] .stay-line')).to_contain_text(room["room"])
    phone.screenshot(path=str(SHOTS / "unit-rooms-phone-zh.png"), full_page=True)

    # At the door the verdict shows the room card: hotel (by its English name on the English desk) and room.
    hotel_en = {"大足宾馆": "Dazu Hotel", "海棠香国酒店": "Haitang Xiangguo Hotel"}[room["hotel"]]
    desk.goto(f"/staff/e/{SLUG}/checkin")
    desk.fill("#scan-input", people[0]["ticket_token"])
    desk.press("#scan-input", "Enter")
    expect(desk.locator("#verdict")).to_have_attribute("data-result", "ok", timeout=15_000)
    expect(desk.locator("#v-seat")).to_contain_text(f"Room {hotel_en} {room['room']}")
    desk.screenshot(path=str(SHOTS / "door-room-card-desk-en.png"), full_page=True)

    # Today's lunch at the canteen's door: the meal scan raises the served count on the reception page.
    today = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).date().isoformat()
    status, meal = api(
        server,
        "POST",
        f"/events/{SLUG}/meals",
        {"date": today, "kind": "lunch", "style": "buffet", "point": "canteen"},
        staff,
    )
    assert status == 201, meal
    served = f'#meals tr[data-meal="{meal["id"]}"] td.served'
    reception = new_page("desk")
    login(reception, "organizer")
    reception.goto(f"/staff/e/{SLUG}/reception#meals")
    expect(reception.locator(served)).to_have_text("0")
    desk.select_option("#point", "canteen")
    desk.fill("#scan-input", people[1]["ticket_token"])
    desk.press("#scan-input", "Enter")
    expect(desk.locator("#verdict")).to_have_attribute("data-result", "ok", timeout=15_000)
    reception.reload()
    expect(reception.locator(served)).to_have_text("1")
    axe(reception, "reception with meals")
