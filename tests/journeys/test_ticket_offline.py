"""An attendee opens their ticket page once at the hotel; in the concrete hall the phone has no network, and
the page (/r/<their link>) still opens from the copy its service worker kept on the phone, with a QR code
that decodes to their ticket. Back online, a cancellation shows at once (the kept copy is not preferred)."""

import io

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.journeys.people import api, register_by_api


def test_ticket_page_opens_offline_after_a_first_visit_with_its_qr(server, phone, axe):
    me = register_by_api(server, "郑离线", category="delegate")
    page = phone
    link = f"/r/{me['manage_token']}"

    page.goto(link)
    expect(page.locator(".ticket-name")).to_have_text("郑离线")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(f"caches.match('{link}', {{ignoreVary: true}}).then(r => !!r && r.ok)")
    expect(page.locator("#ticket-offline")).to_be_hidden()

    page.context.set_offline(True)
    page.reload()
    expect(page.locator(".ticket-name")).to_have_text("郑离线")
    expect(page.locator("#ticket-offline")).to_be_visible()
    expect(page.locator("#ticket-offline")).to_have_text(
        "当前离线：这是保存在本机上的电子票，入场时照常出示。"
    )
    qr = page.locator(".qr")
    expect(qr).to_be_visible()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
    assert decoded == [me["ticket_token"]]
    page.screenshot(path="var/ticket-offline-phone.png", full_page=True)
    axe(page, "ticket page offline, phone")

    # Another link was never opened on this phone: nothing is kept for it.
    stranger = register_by_api(server, "冯未开")
    assert (
        page.evaluate(f"caches.match('/r/{stranger['manage_token']}', {{ignoreVary: true}}).then(r => !!r)")
        is False
    )

    # Online again: the page comes from the server, so a cancellation made elsewhere shows at once.
    assert api(server, "DELETE", f"/registrations/{me['manage_token']}")[0] == 200
    page.context.set_offline(False)
    page.reload()
    expect(page.locator(".status-label")).to_have_attribute("data-status", "cancelled")
    expect(page.locator(".qr")).to_have_count(0)
