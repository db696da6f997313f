"""The organiser seats the opening rostrum: creates a plan, orders the protocol list by keyboard, assigns,
swaps, downloads the seat map and opens the hall screen. The attendee then sees the seat on the ticket."""

import re

from playwright.sync_api import expect

from tests.journeys.people import login, pdf_text


def test_organiser_creates_a_rostrum_assigns_and_prints_the_map(server, desk, axe, tmp_path):
    page = desk
    login(page, "organizer")
    page.goto("/staff/e/dazu-2023/seating")
    page.wait_for_selector("#protocol-list")
    axe(page, "seating plans")
    # The demo's protocol list: the four leaders the seeds name. Move the second (Zhou) up, by keyboard.
    names = page.locator("#protocol-list li .who").all_inner_texts()
    assert [n.split(" ")[0] for n in names] == ["崔书田", "周海琦", "李宁", "大足区经济和信息化委员会代表"]
    page.get_by_role("button", name="Move up 周海琦").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/seating#protocol$"))
    names = page.locator("#protocol-list li .who").all_inner_texts()
    assert [n.split(" ")[0] for n in names][:2] == ["周海琦", "崔书田"]
    page.get_by_role("button", name="Move down 周海琦").click()
    page.wait_for_load_state()

    page.fill("#id_name", "Press conference rostrum")
    page.select_option("#id_kind", "rostrum")
    page.fill("#id_rows", "5")
    page.select_option("#id_honour", "left")
    page.click("#new button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/e/dazu-2023/seating/\d+$"))
    page.click("#assign")
    page.wait_for_selector("table.seatmap td.taken")
    # Four leaders in five seats, honour left, from the audience's left: seat 1 empty, then ranks 3 1 2 4.
    row = page.locator("table.seatmap tr").last.locator("td .n").all_inner_texts()
    assert row == ["", "李宁", "崔书田", "周海琦", "大足区经济和信息化委员会代表"]
    assert page.locator("#seated-count").inner_text() == "4"
    axe(page, "seating plan")
    page.screenshot(path=str(tmp_path / "seating-plan-desk.png"), full_page=True)

    # Swap the two outer leaders by their codes.
    page.fill("#id_a", "DZL03")
    page.fill("#id_b", "DZL04")
    page.get_by_role("button", name="Swap", exact=True).click()
    page.wait_for_selector(".flash")
    row = page.locator("table.seatmap tr").last.locator("td .n").all_inner_texts()
    assert row == ["", "大足区经济和信息化委员会代表", "崔书田", "周海琦", "李宁"]

    href = page.get_by_role("link", name="Seat map A4").get_attribute("href")
    response = page.request.get(href)
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    text = pdf_text(response.body())
    assert "台下视角 / audience view" in text
    line = next(line for line in text.splitlines() if "崔书田" in line)
    assert (
        line.index("大足区经济和信息化委员会代表")
        < line.index("崔书田")
        < line.index("周海琦")
        < line.index("李宁")
    )

    page.get_by_role("link", name="Hall screen").click()
    expect(page.locator("#assigned")).to_have_text("4")  # filled in by the page's first poll
    assert page.locator("td.taken").count() == 4


def test_organiser_on_a_phone_sees_the_demo_floor(server, phone, axe, tmp_path):
    login(phone, "organizer")
    phone.goto("/staff/e/dazu-2023/seating")
    phone.get_by_role("link", name="开幕式会场").click()
    phone.wait_for_selector("table.seatmap td.taken")
    assert "第1排 1号" in phone.locator("#seat-list").inner_text()
    axe(phone, "floor plan on a phone")
    phone.screenshot(path=str(tmp_path / "seating-floor-phone.png"), full_page=False)


def test_door_scanner_tells_a_leader_their_rostrum_seat(server, new_page):
    token = (
        server.manage(
            "shell",
            "-c",
            "from events.models import Registration; from events.registration.links import ticket_token_for; "
            "print(ticket_token_for(Registration.objects.get(edition__slug='dazu-2023', code='DZL01')))",
        )
        .strip()
        .splitlines()[-1]
    )
    page = new_page("phone")
    login(page, "checkin")
    page.goto("/staff/e/dazu-2023/checkin")
    page.wait_for_selector("#scan-input")
    page.fill("#scan-input", token)
    page.keyboard.press("Enter")
    expect(page.locator("#v-name")).to_have_text("崔书田")
    # The demo rostrum (plan 1): four leaders in four seats, honour left; the first in protocol order sits
    # at 2. His other seats (the dinner's head table, another journey's plan) follow after " · ".
    assert page.locator("#v-seat").inner_text().split(" · ")[0] == "座位 主席台 第1排 2号"
