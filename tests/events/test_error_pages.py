"""Error pages say what happened and what to do, in the site's layout and the visitor's language."""

import pytest

from events.units import services as unit_services

from .unit_helpers import make_unit, unit_edition

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_unknown_address_is_a_404_page_in_the_layout_and_language(client):
    zh = client.get("/no-such-page")
    en = client.get("/no-such-page", **EN)
    assert (zh.status_code, en.status_code) == (404, 404)
    assert 'class="topbar"' in zh.content.decode() and "页面不存在" in zh.content.decode()
    assert "Page not found" in en.content.decode() and '<html lang="en">' in en.content.decode()


def test_unknown_api_address_stays_json(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_unknown_certificate_number_says_none_was_issued(client):
    page = client.get("/verify/HW-2023-9999", **EN)
    assert page.status_code == 404
    text = page.content.decode()
    assert "No certificate with the number HW-2023-9999 was issued here." in text
    assert "not issued by this organiser" in text
    assert "未签发编号为 HW-2023-9999 的证书" in client.get("/verify/HW-2023-9999").content.decode()


def test_replaced_unit_link_is_410_and_says_whom_to_ask(client):
    edition = unit_edition()
    unit, old = make_unit(edition)
    new = unit_services.new_unit_link(unit=unit)
    assert client.get(f"/u/{new}").status_code == 200
    page = client.get(f"/u/{old}", **EN)
    assert page.status_code == 410
    text = page.content.decode()
    assert "This link has been replaced" in text
    assert f"Ask the organising committee of {edition.name_en or edition.name}" in text
    api = client.get(f"/api/v1/units/{old}", **EN)
    assert api.status_code == 410
    assert (
        api.json()["detail"] == "This link was replaced by a new one; ask the organiser for the current link."
    )


def test_unknown_unit_and_registration_links_explain(client):
    unit_page = client.get("/u/" + "x" * 43)
    manage_page = client.get("/r/" + "y" * 43, **EN)
    assert unit_page.status_code == manage_page.status_code == 404
    assert "此链接打不开单位页面" in unit_page.content.decode()
    assert "the newest e-mail holds your current link" in manage_page.content.decode()


def test_too_many_requests_is_a_page(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.HUIWU_THROTTLE_RATES = {"verify": "3/m"}
    codes = [client.get("/verify/HW-2023-0000", **EN).status_code for _ in range(3)]
    page = client.get("/verify/HW-2023-0000", **EN)
    assert codes == [404, 404, 404] and page.status_code == 429
    assert "Too many requests" in page.content.decode() and 'class="topbar"' in page.content.decode()
