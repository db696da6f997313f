"""Door staff with the network cut, against the server as `make run` starts it (the demo edition): the
scanner decides from its signed snapshot, queues, uploads by itself when the network returns, and a ticket
let in by two offline devices at a once-only point shows on both scanners and on the organiser's dashboard.
"""

import json
import urllib.request
import uuid

from playwright.sync_api import expect

from tests.journeys.people import organiser_token

SLUG = "dazu-2023"
PASSWORD = "huiwu-demo"


def call(server, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server + "/api/v1" + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def person(server, name, category="delegate", organiser=None):
    """Registers through the API as the organiser (the public answer carries no link: it goes by e-mail),
    who also approves a guest; returns (code, ticket, manage token)."""
    organiser = organiser or organiser_token(server)
    created = call(
        server,
        "POST",
        f"/events/{SLUG}/registrations",
        {
            "category": category,
            "name": name,
            "organization": "大足区文化旅游委员会",
            "email": f"{uuid.uuid4().hex[:10]}@example.com",
            "consent": True,
        },
        organiser,
    )
    manage = created["manage_url"].rsplit("/", 1)[1]
    if created["status"] == "pending":
        call(server, "POST", f"/events/{SLUG}/registrations/{created['code']}/approve", {}, organiser)
    return created["code"], call(server, "GET", f"/registrations/{manage}")["ticket_token"], manage


def forge(token: str) -> str:
    """The same ticket with one byte of its signature changed (still canonical base64)."""
    body, sig = token.rsplit(".", 1)
    return f"{body}.{sig[:20]}{'B' if sig[20] != 'B' else 'C'}{sig[21:]}"


def login(page, username):
    page.goto("/staff/login")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")


def open_scanner(page, point):
    page.goto(f"/staff/e/{SLUG}/checkin?point={point}")
    expect(page.locator("#checkin")).to_have_attribute("data-ready", "1")
    expect(page.locator("#door-snapshot")).not_to_be_empty()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def scan(page, text):
    before = page.locator("#recent li").count()
    page.locator("#scan-input").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator("#recent li")).to_have_count(before + 1)


def test_offline_door_decides_queues_uploads_and_shows_conflicts(server, new_page, axe):
    organiser = server.manage("create_token", "organizer").strip()
    door = server.manage("create_token", "checkin").strip()
    good, good_ticket, _ = person(server, "离线甲")
    gone, gone_ticket, gone_manage = person(server, "离线乙")
    call(server, "DELETE", f"/registrations/{gone_manage}")
    inside, inside_ticket, _ = person(server, "离线丙", "guest", organiser)
    twice, twice_ticket, _ = person(server, "离线丁", "guest", organiser)
    first = call(server, "POST", f"/events/{SLUG}/checkin", {"token": inside_ticket, "point": "dinner"}, door)
    assert first["result"] == "ok"
    dinner_before = call(server, "GET", f"/events/{SLUG}/checkin/counts?point=dinner", token=door)

    a = new_page("phone")
    login(a, "checkin")
    open_scanner(a, "main-hall")
    b = new_page("desk")
    login(b, "checkin")
    open_scanner(b, "dinner")
    device_a, device_b = a.locator("#door-device").inner_text(), b.locator("#door-device").inner_text()
    assert device_a != device_b
    a.context.set_offline(True)
    b.context.set_offline(True)
    verdict = a.locator("#verdict")

    scan(a, good_ticket)
    expect(verdict).to_have_attribute("data-result", "ok")
    expect(verdict).to_have_attribute("data-offline", "1")
    expect(verdict).to_have_class("verdict verdict-good")
    assert a.locator("#v-name").inner_text() == "离线甲"
    expect(a.locator("#door-banner-text")).to_have_text("离线 · 1 条待上传")

    scan(a, good_ticket)  # the main entrance admits once: this device's own queue says so
    expect(verdict).to_have_attribute("data-result", "already_checked_in")
    expect(verdict).to_have_class("verdict verdict-warn")

    scan(a, forge(good_ticket))
    expect(verdict).to_have_attribute("data-result", "unknown")
    expect(a.locator("#verdict-reason")).to_have_text("签名无效（伪造或其他系统的票）")
    expect(verdict).to_have_class("verdict verdict-bad")

    scan(a, gone_ticket)
    expect(verdict).to_have_attribute("data-result", "cancelled")

    a.select_option("#point", "signing-hall")  # admits many times: a re-entry shows the first time
    scan(a, inside_ticket)
    expect(verdict).to_have_attribute("data-result", "ok")
    scan(a, inside_ticket)
    expect(verdict).to_have_attribute("data-result", "ok")
    expect(a.locator("#verdict-reason")).to_contain_text("再次入场 · 首次 ")
    a.screenshot(path="var/door-offline-phone-reentry.png")

    a.select_option("#point", "dinner")  # once only
    scan(a, inside_ticket)
    expect(verdict).to_have_attribute("data-result", "already_checked_in")
    expect(verdict).to_have_class("verdict verdict-warn")
    scan(a, twice_ticket)
    expect(verdict).to_have_attribute("data-result", "ok")
    a.screenshot(path="var/door-offline-phone-ok.png")
    scan(b, twice_ticket)  # the same ticket at the other offline scanner
    expect(b.locator("#verdict")).to_have_attribute("data-result", "ok")
    expect(b.locator("#door-banner-text")).to_have_text("Offline · 1 scans waiting")
    expect(a.locator("#door-banner-text")).to_have_text("离线 · 8 条待上传")
    axe(a, "offline scanner, phone")

    a.context.set_offline(False)
    expect(a.locator("#door-banner")).to_be_hidden(timeout=20_000)
    b.context.set_offline(False)
    expect(b.locator("#door-banner")).to_be_hidden(timeout=20_000)
    conflict_b = b.locator(f'#conflicts-list li[data-code="{twice}"]')
    expect(conflict_b).to_contain_text(device_a)
    expect(conflict_b).to_contain_text(device_b)
    dinner_after = call(server, "GET", f"/events/{SLUG}/checkin/counts?point=dinner", token=door)
    assert dinner_after["checked_in"] == dinner_before["checked_in"] + 1  # 离线丁 once, not twice
    expect(b.locator("#count-in")).to_have_text(str(dinner_after["checked_in"]))
    b.screenshot(path="var/door-conflict-desk.png", full_page=True)

    a.click("#door-refresh")
    expect(a.locator(f'#conflicts-list li[data-code="{twice}"]')).to_contain_text("离线丁")
    expect(a.locator("#count-in")).to_have_text(str(dinner_after["checked_in"]))
    a.screenshot(path="var/door-conflict-phone.png", full_page=True)
    axe(a, "scanner with a conflict, phone")
    axe(b, "scanner with a conflict, desk")

    boss = new_page("desk")
    login(boss, "organizer")
    boss.goto(f"/staff/e/{SLUG}/checkin/dashboard")
    expect(boss.locator(f'#conflicts-list li[data-code="{twice}"]')).to_contain_text("离线丁")

    # The scanner page is kept on the device by its service worker and opens with the network cut.
    assert a.evaluate(f"caches.match('/staff/e/{SLUG}/checkin').then(r => !!r && r.ok)") is True
    a.context.set_offline(True)
    a.reload()
    expect(a.locator("#checkin")).to_have_attribute("data-ready", "1")
    expect(a.locator("#scan-input")).to_be_visible()


def test_hall_screen_shows_an_arrival_within_three_seconds(server, desk, axe):
    door = server.manage("create_token", "checkin").strip()
    code, ticket, _ = person(server, "大屏甲")
    login(desk, "checkin")
    desk.goto(f"/staff/e/{SLUG}/hall")
    arrived = int(desk.locator("#hall-arrived").inner_text())
    absent = int(desk.locator("#hall-absent").inner_text())
    assert (
        call(server, "POST", f"/events/{SLUG}/checkin", {"token": ticket, "point": "main-hall"}, door)[
            "result"
        ]
        == "ok"
    )
    expect(desk.locator("#hall-arrived")).to_have_text(str(arrived + 1), timeout=3000)
    expect(desk.locator("#hall-absent")).to_have_text(str(absent - 1))
    expect(desk.locator("#hall-last li").first).to_contain_text("大屏甲")
    desk.screenshot(path="var/hall-desk.png")
    axe(desk, "hall screen")
