"""Door staff: log in, reach the scanner from the staff home, scan (first, again, forged, cancelled, another
edition's ticket) by typing into the scanner's keyboard-wedge input, find someone without a QR code, check
them in and print their badge."""

from playwright.sync_api import expect

from tests.journeys.people import SLUG, api, login, pdf_text, register_by_api


def scan(page, token: str, expected: str):
    page.fill("#scan-input", token)
    page.press("#scan-input", "Enter")
    expect(page.locator("#verdict")).to_have_attribute("data-result", expected, timeout=15_000)


def test_door_staff_scan_search_and_print(server, phone, axe):
    arriving = register_by_api(server, "赵敏", category="delegate")
    cancelled = register_by_api(server, "钱坤", category="delegate")
    assert api(server, "DELETE", f"/registrations/{cancelled['manage_token']}")[0] == 200
    no_qr = register_by_api(server, "孙无码", category="delegate")
    server.manage(
        "clone_edition", SLUG, "dazu-2027", "--starts-on", "2027-06-26", "--confirm-notice", "--publish"
    )
    elsewhere = register_by_api(server, "李他届", category="delegate", slug="dazu-2027")
    head, _, signature = arriving["ticket_token"].rpartition(".")
    forged = f"{head}.{signature[::-1]}"

    page = phone
    login(page, "checkin")
    axe(page, "staff home for check-in staff")
    # The scanner is the first thing a check-in user is offered.
    first = page.locator("main .card").filter(has_text="2023").locator("a.button").first
    assert first.inner_text() == "签到扫码"
    first.click()
    page.wait_for_url(f"**/staff/e/{SLUG}/checkin*")
    axe(page, "scanner")
    assert page.locator("#point").input_value() == "main-hall"

    scan(page, arriving["ticket_token"], "ok")
    assert page.locator("#v-name").inner_text() == "赵敏"
    scan(page, arriving["ticket_token"], "already_checked_in")
    expect(page.locator("#v-badge")).to_be_visible()
    scan(page, forged, "unknown")
    scan(page, cancelled["ticket_token"], "cancelled")
    # A cancelled ticket's person is shown, but no badge is offered for them (it would be a 409).
    assert page.locator("#v-name").inner_text() == "钱坤"
    expect(page.locator("#v-badge")).to_be_hidden()
    scan(page, elsewhere["ticket_token"], "wrong_event")
    axe(page, "scanner after scans")

    # Someone without their QR code: found by name, checked in from the list.
    page.get_by_label("姓名、手机号或报名编号").fill("孙无码")
    page.locator("#search-form button[type=submit]").click()
    hit = page.locator("#search-results li.hit").filter(has_text="孙无码")
    expect(hit).to_have_count(1)
    assert no_qr["code"] in hit.inner_text()
    # A check-in by hand (手动补签) says why: "other" with nothing written is refused on the page.
    page.select_option("#manual-reason", "")
    hit.get_by_role("button", name="签到").click()
    expect(page.locator("#verdict")).to_have_attribute("data-result", "error")
    expect(page.locator("#verdict-reason")).to_have_text("请填写手动补签的原因。")
    page.fill("#manual-reason-other", "前台核对身份证")
    hit.get_by_role("button", name="签到").click()
    expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    assert page.locator("#v-name").inner_text() == "孙无码"
    # By hand, and said so with the reason, in the verdict and in the recent list.
    expect(page.locator("#verdict-reason")).to_have_text("手动补签 · 前台核对身份证")
    expect(page.locator("#recent li").first.locator(".recent-manual")).to_have_text(
        "手动补签 · 前台核对身份证"
    )
    page.screenshot(path="/tmp/door-manual-phone.png", full_page=True)
    # Searching again shows where they checked in, by the point's name.
    page.locator("#search-form button[type=submit]").click()
    expect(page.locator("#search-results li.hit .hit-in")).to_contain_text("主会场")

    # Print their badge.
    href = page.locator("#v-badge").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert "孙无码" in pdf_text(response.body())

    # The arrivals dashboard counts check-ins by hand apart and offers the printed sign-in sheets.
    page.goto(f"/staff/e/{SLUG}/checkin/dashboard")
    expect(page.locator("#total-manual")).to_contain_text("其中手动补签")
    assert int(page.locator("#total-manual").inner_text().split()[-1]) >= 1
    sheets = page.get_by_role("link", name="打印各单位签到表 (PDF)").get_attribute("href")
    response = page.request.get(sheets)
    assert response.status == 200
    text = pdf_text(response.body())
    assert "签到表" in text and "孙无码" in text
