"""An attendee prints their ticket: from the ticket page, an A4 and a phone-sized PDF with their QR code."""

from tests.journeys.people import qr_codes_in_pdf, register_by_api


def test_attendee_prints_the_ticket_from_the_ticket_page(server, phone, axe):
    me = register_by_api(server, "周打印", category="delegate")
    page = phone
    page.goto(me["manage_url"])
    axe(page, "ticket page with print links")
    for label, size in (("打印电子票 (A4 PDF)", "a4"), ("手机版 PDF", "phone")):
        link = page.get_by_role("link", name=label)
        href = link.get_attribute("href")
        assert href.endswith(f"/ticket.pdf?size={size}")
        response = page.request.get(href)
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert qr_codes_in_pdf(response.body()) == [me["ticket_token"]]
