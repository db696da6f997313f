"""The printable ticket: read back by pdftotext, zxing-cpp (the QR) and pypdf (the page size)."""

import pytest

from events import hooks
from tests.events.badge_helpers import decode_qr_codes, page_count, page_size_mm, pdf_text
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition(venue="重庆市大足区香霏路", venue_en="Xiangfei Road, Dazu, Chongqing")
    make_category(edition, "delegate", name="代表", name_en="Delegate")
    make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True)
    return edition


@pytest.fixture
def main_stage_seat():
    def provider(edition_id, codes):
        return {code: [{"plan": "主会场", "label": "第3排 12号"}] for code in codes}

    hooks.register_seat_provider(provider)
    yield
    hooks._seat_providers.remove(provider)


def test_a4_ticket_prints_name_unit_venue_and_a_qr_that_decodes_to_the_ticket(client, edition):
    result = register(edition, name="王小明", organization="大足区文旅委", title="主任")
    response = client.get(f"/r/{result.manage_token}/ticket.pdf?size=a4")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Referrer-Policy"] == "same-origin"
    pdf = response.content
    assert page_count(pdf) == 1
    assert page_size_mm(pdf) == (210, 297)
    text = pdf_text(pdf)
    for expected in (
        "王小明",
        "大足区文旅委",
        "主任",
        "代表",
        "重庆市大足区香霏路",
        result.registration.code,
    ):
        assert expected in text
    assert edition.starts_on.strftime("%Y-%m-%d") in text
    assert "座位" not in text
    assert decode_qr_codes(pdf) == [result.ticket_token]


def test_phone_ticket_is_90_by_160_mm_and_shows_the_seat(client, edition, main_stage_seat):
    result = register(edition, name="李四")
    pdf = client.get(f"/r/{result.manage_token}/ticket.pdf?size=phone").content
    assert page_count(pdf) == 1
    assert page_size_mm(pdf) == (90, 160)
    text = pdf_text(pdf)
    assert "李四" in text
    assert "主会场：第3排 12号" in text
    assert decode_qr_codes(pdf, dpi=300) == [result.ticket_token]


def test_api_ticket_pdf_speaks_the_holders_language(client, edition):
    result = register(edition, name="Zhang San", language="en")
    response = client.get(f"/api/v1/registrations/{result.manage_token}/ticket.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Delegate" in text
    assert "Xiangfei Road, Dazu, Chongqing" in text
    assert decode_qr_codes(response.content) == [result.ticket_token]


def test_no_ticket_before_approval_and_a_bad_size_is_refused(client, edition):
    pending = register(edition, "guest", name="赵六")
    response = client.get(f"/r/{pending.manage_token}/ticket.pdf")
    assert response.status_code == 409
    assert response.content.decode() == "只有已确认的报名才有电子票。"
    api = client.get(f"/api/v1/registrations/{pending.manage_token}/ticket.pdf")
    assert api.status_code == 409
    confirmed = register(edition, name="王五")
    bad = client.get(f"/r/{confirmed.manage_token}/ticket.pdf?size=a3")
    assert bad.status_code == 422
    assert bad.content.decode() == "纸张大小只能是 a4 或 phone。"
    assert client.get("/r/not-a-token/ticket.pdf").status_code == 404


def test_ticket_page_links_to_both_pdfs(client, edition):
    result = register(edition, name="王小明")
    html = client.get(f"/r/{result.manage_token}").content.decode()
    assert f'href="/r/{result.manage_token}/ticket.pdf?size=a4"' in html
    assert f'href="/r/{result.manage_token}/ticket.pdf?size=phone"' in html
