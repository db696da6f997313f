"""Door staff hand things over (物资/餐券发放) at the demo's main hall, which hands every arrival a conference
bag (资料袋) and delegates, guests and media a lunch voucher (午餐券): the verdict lists them, one tap confirms
each, a second hand-out of the same item is refused on the other desk, a hand-out made with the network cut
is queued and uploaded, and the arrivals dashboard counts them. Also: a check-in by hand whose request never
reached the server keeps its reason through the upload."""

from playwright.sync_api import expect

from tests.journeys.people import SLUG, login, register_by_api


def open_scanner(page, point="main-hall"):
    page.goto(f"/staff/e/{SLUG}/checkin?point={point}")
    expect(page.locator("#checkin")).to_have_attribute("data-ready", "1")
    expect(page.locator("#door-snapshot")).not_to_be_empty()


def scan(page, token: str, expected: str):
    page.fill("#scan-input", token)
    page.press("#scan-input", "Enter")
    expect(page.locator("#verdict")).to_have_attribute("data-result", expected, timeout=15_000)


def handed_count(page, item: str) -> int:
    row = page.locator(f'.point-block[data-point="main-hall"] tr[data-item="{item}"] td.num').first
    return int(row.inner_text())


def test_door_hands_over_bag_and_voucher_once_each_online_and_offline(server, phone, new_page, axe):
    person = register_by_api(server, "周发放", category="delegate")
    boss = new_page("desk")
    login(boss, "organizer")
    boss.goto(f"/staff/e/{SLUG}/checkin/dashboard")
    bags_before, lunches_before = handed_count(boss, "bag"), handed_count(boss, "lunch")

    a = phone
    login(a, "checkin")
    open_scanner(a)
    b = new_page("desk")
    login(b, "checkin")
    open_scanner(b)

    scan(a, person["ticket_token"], "ok")
    box = a.locator("#handover")
    expect(box).to_be_visible()
    expect(a.locator("#handover-who")).to_have_text("周发放")
    bag, lunch = box.locator('li[data-item="bag"]'), box.locator('li[data-item="lunch"]')
    expect(bag).to_contain_text("资料袋")
    expect(lunch).to_contain_text("午餐券")
    expect(bag).to_have_attribute("data-handed", "0")
    a.screenshot(path="var/door-handover-phone.png")
    axe(a, "scanner with hand-overs, phone")

    # The other desk scans the same person before the bag is handed: it offers the bag too.
    scan(b, person["ticket_token"], "already_checked_in")
    expect(b.locator('#handover li[data-item="bag"] button')).to_be_visible()

    bag.get_by_role("button", name="确认发放 资料袋").click()
    expect(bag).to_have_attribute("data-handed", "1")
    expect(bag).to_contain_text("已领")
    expect(a.locator("#handover-msg")).to_have_text("已发放：资料袋")
    a.screenshot(path="var/door-handover-given-phone.png")

    # The other desk's tap comes second: refused, with when it was handed over.
    b.locator('#handover li[data-item="bag"] button').click()
    expect(b.locator("#handover-msg")).to_contain_text("was already handed over at")
    expect(b.locator('#handover li[data-item="bag"]')).to_have_attribute("data-handed", "1")
    b.screenshot(path="var/door-handover-refused-desk.png")

    # The network goes: the lunch voucher is confirmed from the snapshot and queued.
    a.context.set_offline(True)
    lunch.get_by_role("button", name="确认发放 午餐券").click()
    expect(lunch).to_have_attribute("data-handed", "1")
    expect(a.locator("#handover-msg")).to_have_text("已发放：午餐券 · 离线记录，联网后上传")
    expect(a.locator("#door-banner-text")).to_have_text("离线 · 1 条待上传")
    a.screenshot(path="var/door-handover-offline-phone.png")
    # Scanned again offline, both read as received.
    scan(a, person["ticket_token"], "already_checked_in")
    expect(a.locator('#handover li[data-handed="1"]')).to_have_count(2)

    a.context.set_offline(False)
    expect(a.locator("#door-banner")).to_be_hidden(timeout=20_000)
    boss.reload()
    assert (handed_count(boss, "bag"), handed_count(boss, "lunch")) == (bags_before + 1, lunches_before + 1)
    boss.screenshot(path="var/door-handover-dashboard-desk.png", full_page=True)
    axe(boss, "dashboard with hand-over counts")


def test_check_in_by_hand_cut_off_mid_way_keeps_its_reason(server, phone):
    forgot = register_by_api(server, "吴忘机", category="delegate")
    page = phone
    login(page, "checkin")
    page.goto(f"/staff/e/{SLUG}/checkin/dashboard")
    manual_before = int(page.locator("#total-manual").inner_text().split()[-1])
    open_scanner(page)

    page.fill("#search-input", "吴忘机")
    page.locator("#search-form button[type=submit]").click()
    hit = page.locator("#search-results li.hit").filter(has_text="吴忘机")
    expect(hit).to_have_count(1)
    page.select_option("#manual-reason", "手机没电")
    page.context.set_offline(True)  # the hall's Wi-Fi drops as staff tap 签到
    hit.get_by_role("button", name="签到").click()
    expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    expect(page.locator("#verdict")).to_have_attribute("data-offline", "1")
    expect(page.locator("#door-banner-text")).to_have_text("离线 · 1 条待上传")
    expect(page.locator("#recent li").first).to_contain_text(forgot["code"])

    page.context.set_offline(False)
    expect(page.locator("#door-banner")).to_be_hidden(timeout=20_000)
    page.goto(f"/staff/e/{SLUG}/checkin/dashboard")
    assert int(page.locator("#total-manual").inner_text().split()[-1]) == manual_before + 1
