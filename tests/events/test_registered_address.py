"""Registering an address that already holds a registration tells the stranger nothing about it (no code,
no name, no "already registered"), and the holder of the address gets an e-mail with a working link."""

import json
import re

import pytest
from django.core import mail

from events.models import Registration
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition()
    make_category(edition)
    return edition


def post(client, edition, **over):
    body = {"category": "delegate", "name": "冒名者", "organization": "某单位", "email": "holder@example.com"}
    body.update(consent=True, **over)
    return client.post(
        f"/api/v1/events/{edition.slug}/registrations", json.dumps(body), content_type="application/json"
    )


def test_api_answers_check_email_and_reveals_nothing(client, edition):
    held = register(edition, name="周海", email="Holder@Example.com").registration
    mail.outbox.clear()
    response = post(client, edition)
    assert response.status_code == 202
    assert response.json() == {
        "status": "check_email",
        "detail": "Thank you. We have sent an e-mail to this address: follow the link in it to see or change "
        "your registration. 已向该邮箱发送邮件，请通过邮件中的链接查看或修改报名。",
    }
    text = response.content.decode()
    assert held.code not in text and "周海" not in text and "already" not in text
    assert Registration.objects.filter(edition=edition).count() == 1


def test_holder_gets_a_new_link_that_opens_their_registration(
    client, edition, django_capture_on_commit_callbacks
):
    held = register(edition, name="周海", email="holder@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, edition, email=" HOLDER@example.com ")
    assert [m.to for m in mail.outbox] == [["holder@example.com"]]
    link = re.search(r"/r/([A-Za-z0-9_-]{43})", mail.outbox[0].body).group(1)
    assert held.registration.code in mail.outbox[0].body
    mine = client.get(f"/api/v1/registrations/{link}")
    assert (mine.status_code, mine.json()["code"]) == (200, held.registration.code)
    # The new link replaces the old one (only a hash of one secret is kept).
    assert client.get(f"/api/v1/registrations/{held.manage_token}").status_code == 404


def test_a_cancelled_registration_does_not_block_registering_again(client, edition):
    held = register(edition, email="holder@example.com")
    client.delete(f"/api/v1/registrations/{held.manage_token}")
    response = post(client, edition)
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"


def test_registration_page_says_the_same_neutral_thing(client, edition, django_capture_on_commit_callbacks):
    held = register(edition, name="周海", email="holder@example.com").registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/e/{edition.slug}/register",
            {
                "category": "delegate",
                "name": "冒名者",
                "organization": "某单位",
                "email": "holder@example.com",
            }
            | {"consent": "on", "language": "zh-hans"},
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="check-email"' in html
    assert "已向该邮箱发送邮件" in html
    assert held.code not in html and "周海" not in html and "已报名" not in html
    assert len(mail.outbox) == 1


def test_openapi_documents_the_check_email_answer(client):
    document = client.get("/api/v1/openapi.json").json()
    answers = document["paths"]["/api/v1/events/{slug}/registrations"]["post"]["responses"]
    schema = answers["202"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/CheckEmailOut"}
    assert document["components"]["schemas"]["CheckEmailOut"]["properties"]["status"] == {
        "const": "check_email",
        "title": "Status",
        "type": "string",
    }
