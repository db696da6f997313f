"""The public: verify a certificate from the QR code printed on it."""

from tests.journeys.people import SLUG, login, qr_codes_in_pdf


def test_certificate_qr_opens_its_verification_page(server, desk, new_page, axe):
    login(desk, "organizer")
    desk.goto(f"/staff/e/{SLUG}/signing")
    # The demo also holds revoked awards: take the first certificate whose award is in force.
    hrefs = [a.get_attribute("href") for a in desk.get_by_role("link", name="Certificate", exact=True).all()]
    serials = [h.split("/awards/")[1].split("/")[0] for h in hrefs]
    serial = next(s for s in serials if 'data-status="active"' in server.get(f"/verify/{s}")[2].decode())
    href = hrefs[serials.index(serial)]
    response = desk.request.get(href)
    assert response.status == 200
    codes = qr_codes_in_pdf(response.body())
    # The QR follows the address actually served (no HUIWU_SITE_URL set), so a phone can open it.
    assert codes == [f"{server}/verify/{serial}"]

    phone = new_page("phone")
    phone.goto(codes[0])
    card = phone.locator(".verify-card")
    assert card.get_attribute("data-signature") == "valid"
    assert "有效 · 签名已验证" in card.locator(".verdict").inner_text()
    axe(phone, "certificate verification")
