"""The door with the network cut: the scanner decides from its signed snapshot, queues, uploads by itself when
the network returns, and shows a ticket let in by two offline devices on both scanners and the dashboard."""

import pytest
from playwright.sync_api import expect

from events import services
from events.enums import EntryRule, Role
from events.models import Admission, Scan
from tests.e2e.conftest import PHONE
from tests.factories import make_category, make_edition, make_point, make_user, register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(f"{base}/staff/login")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-123456")
    with page.expect_navigation():
        page.press("#id_password", "Enter")


def open_scanner(page, base, slug):
    page.goto(f"{base}/staff/e/{slug}/checkin")
    expect(page.locator("#checkin")).to_have_attribute("data-ready", "1")
    expect(page.locator("#door-snapshot")).to_contain_text("离线名单更新于")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def scan(page, text):
    before = page.locator("#recent li").count()
    page.locator("#scan-input").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator("#recent li")).to_have_count(before + 1)


def forge(token: str) -> str:
    """The same ticket with one byte of its signature changed (still canonical base64)."""
    body, sig = token.rsplit(".", 1)
    i = 20
    return f"{body}.{sig[:i]}{'B' if sig[i] != 'B' else 'C'}{sig[i + 1 :]}"


def test_offline_door_decides_queues_uploads_and_reports_conflicts(live_server, browser):
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest")
    make_point(edition, "main-hall", [delegate, guest], is_default=True)
    make_point(edition, "dinner", [guest], name="欢迎晚宴", name_en="Welcome dinner", entry=EntryRule.MANY)
    make_user("door", Role.CHECKIN)
    make_user("boss", Role.ORGANISER)
    good = register(edition, name="王小明")
    twice = register(edition, name="李雨桐")
    inside = register(edition, name="赵already")
    gone = register(edition, name="钱cancel")
    diner = register(edition, category="guest", name="孙嘉宾")
    services.cancel_registration(registration=gone.registration)
    from events import checkin

    checkin.check_in(slug=edition.slug, token=inside.ticket_token, device="gate-0")
    base = live_server.url

    ctx_a = browser.new_context(**PHONE, locale="zh-CN")
    a = ctx_a.new_page()
    login(a, base, "door")
    open_scanner(a, base, edition.slug)
    device_a = a.locator("#door-device").inner_text()
    ctx_b = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    b = ctx_b.new_page()
    login(b, base, "door")
    open_scanner(b, base, edition.slug)
    device_b = b.locator("#door-device").inner_text()
    assert device_a != device_b

    ctx_a.set_offline(True)
    ctx_b.set_offline(True)
    verdict = a.locator("#verdict")

    scan(a, good.ticket_token)
    expect(verdict).to_have_attribute("data-result", "ok")
    expect(verdict).to_have_attribute("data-offline", "1")
    expect(verdict).to_have_class("verdict verdict-good")
    assert a.locator("#v-name").inner_text() == "王小明"
    expect(a.locator("#door-banner")).to_be_visible()
    expect(a.locator("#door-banner-text")).to_have_text("离线 · 1 条待上传")
    a.screenshot(path="var/door-offline-phone-ok.png")

    scan(a, forge(good.ticket_token))
    expect(verdict).to_have_attribute("data-result", "unknown")
    expect(a.locator("#verdict-reason")).to_have_text("签名无效（伪造或其他系统的票）")

    scan(a, gone.ticket_token)
    expect(verdict).to_have_attribute("data-result", "cancelled")
    expect(verdict).to_have_class("verdict verdict-bad")

    scan(a, inside.ticket_token)
    expect(verdict).to_have_attribute("data-result", "already_checked_in")
    expect(verdict).to_have_class("verdict verdict-warn")

    scan(a, good.ticket_token)  # the same QR again, decided from this device's own queue
    expect(verdict).to_have_attribute("data-result", "already_checked_in")

    a.select_option("#point", "dinner")
    scan(a, diner.ticket_token)
    expect(verdict).to_have_attribute("data-result", "ok")
    scan(a, diner.ticket_token)
    expect(verdict).to_have_attribute("data-result", "ok")
    expect(a.locator("#verdict-reason")).to_contain_text("再次入场 · 首次 ")
    a.screenshot(path="var/door-offline-phone-reentry.png")
    a.select_option("#point", "main-hall")

    # One ticket let in on both offline devices.
    scan(a, twice.ticket_token)
    expect(verdict).to_have_attribute("data-result", "ok")
    scan(b, twice.ticket_token)
    expect(b.locator("#verdict")).to_have_attribute("data-result", "ok")
    expect(a.locator("#door-banner-text")).to_have_text("离线 · 8 条待上传")
    expect(b.locator("#door-banner-text")).to_have_text("离线 · 1 条待上传")

    assert Scan.objects.filter(edition=edition).count() == 1  # nothing reached the server yet

    ctx_a.set_offline(False)
    expect(a.locator("#door-banner")).to_be_hidden(timeout=15000)
    expect(a.locator("#count-in")).to_have_text("3")  # 王小明, 李雨桐 and the one already in
    expect(a.locator("#count-confirmed")).to_have_text("4")
    ctx_b.set_offline(False)
    expect(b.locator("#door-banner")).to_be_hidden(timeout=15000)
    conflict_b = b.locator(f'#conflicts-list li[data-code="{twice.registration.code}"]')
    expect(conflict_b).to_be_visible()
    expect(conflict_b).to_contain_text(device_a)
    expect(conflict_b).to_contain_text(device_b)
    expect(b.locator("#count-in")).to_have_text("3")
    b.screenshot(path="var/door-conflict-desk.png", full_page=True)

    a.click("#door-refresh")
    expect(a.locator(f'#conflicts-list li[data-code="{twice.registration.code}"]')).to_be_visible()
    a.screenshot(path="var/door-conflict-phone.png", full_page=True)

    assert Scan.objects.filter(edition=edition).count() == 1 + 8 + 1
    assert Admission.objects.filter(registration=twice.registration).count() == 1
    assert sorted(
        Scan.objects.filter(registration=twice.registration).values_list("device", "verdict")
    ) == sorted([(device_a, "ok"), (device_b, "already_checked_in")])

    ctx_boss = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    boss = ctx_boss.new_page()
    login(boss, base, "boss")
    boss.goto(f"{base}/staff/e/{edition.slug}/checkin/dashboard")
    expect(boss.locator(f'#conflicts-list li[data-code="{twice.registration.code}"]')).to_contain_text(
        "李雨桐"
    )
    # The scanner page is kept on the device by its service worker and opens with the network cut.
    scanner_path = f"/staff/e/{edition.slug}/checkin"
    assert a.evaluate(f"caches.match({scanner_path!r}).then(r => !!r && r.ok)") is True
    ctx_a.set_offline(True)
    a.reload()
    expect(a.locator("#checkin")).to_have_attribute("data-ready", "1")
    expect(a.locator("#door-snapshot")).to_contain_text("离线名单更新于")
    for ctx in (ctx_a, ctx_b, ctx_boss):
        ctx.close()
