"""The ticket page's service worker: served for a link's page scope, the same for every link (no lookup)."""

import pytest
from django.test import Client

from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


def test_ticket_worker_is_scoped_to_the_ticket_page_and_reveals_nothing():
    edition = make_edition()
    make_category(edition)
    token = register(edition).manage_token
    client = Client()

    mine = client.get(f"/r/{token}/sw.js")
    made_up = client.get(f"/r/{'x' * 43}/sw.js")

    assert mine.status_code == 200
    assert mine["Content-Type"] == "text/javascript; charset=utf-8"
    assert mine["Service-Worker-Allowed"] == f"/r/{token}"
    assert mine["Cache-Control"] == "no-cache"
    assert token not in mine.content.decode()
    assert made_up.status_code == 200
    assert made_up.content == mine.content
    assert client.get("/r/short/sw.js").status_code == 404


def test_ticket_page_with_a_qr_registers_the_worker_for_itself_only():
    edition = make_edition()
    make_category(edition)
    result = register(edition)

    html = Client().get(f"/r/{result.manage_token}").content.decode()

    assert f'data-sw="/r/{result.manage_token}/sw.js" data-sw-scope="/r/{result.manage_token}"' in html
    assert "js/ticket-offline.js" in html
