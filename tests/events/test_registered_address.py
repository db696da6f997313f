"""The public registration answers the same for a new address and for one that already holds a registration
(status, body, page), so a stranger cannot tell who attends. The link goes by e-mail only: a new registrant
gets the confirmation carrying it, the holder of an address registered again a new one. Organisers
(authenticated) still get 201 with the details."""

import json
import re

import pytest
from django.core import mail
from django.test import override_settings

from events.models import Registration
from events.registration.schemas import CheckEmailOut
from tests.factories import make_category, make_edition, register, token_for

pytestmark = pytest.mark.django_db
LINK = re.compile(r"/r/([A-Za-z0-9_-]{43})")


@pytest.fixture
def edition():
    edition = make_edition()
    make_category(edition)
    return edition


def post(client, edition, token=None, **over):
    body = {"category": "delegate", "name": "冒名者", "organization": "某单位", "email": "holder@example.com"}
    body.update(consent=True, **over)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        f"/api/v1/events/{edition.slug}/registrations",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


CHECK_EMAIL = {
    "status": "check_email",
    "detail": "已向该邮箱发送邮件，请通过邮件中的链接查看或修改报名。",  # no Accept-Language: the site's Chinese
}


def test_api_answers_a_new_and_a_held_address_alike(client, edition):
    held = register(edition, name="周海", email="Holder@Example.com").registration
    again = post(client, edition)
    new = post(client, edition, name="王五", email="new@example.com")
    assert (again.status_code, again.json()) == (202, CHECK_EMAIL)
    assert (new.status_code, new.json()) == (202, CHECK_EMAIL)
    assert again.content == new.content
    # The answer is written without ninja's validation (events/registration/api.py): it must still be CheckEmailOut's shape.
    assert CheckEmailOut.model_validate(new.json()).model_dump() == CHECK_EMAIL
    assert new["Content-Type"] == "application/json; charset=utf-8"
    text = again.content.decode()
    assert held.code not in text and "周海" not in text and "already" not in text
    assert sorted(Registration.objects.filter(edition=edition).values_list("email", flat=True)) == [
        "holder@example.com",
        "new@example.com",
    ]


def test_a_new_registrant_gets_their_link_by_email(client, edition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, edition, email="new@example.com").status_code == 202
    reg = Registration.objects.get(edition=edition, email="new@example.com")
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    link = LINK.search(mail.outbox[0].body).group(1)
    mine = client.get(f"/api/v1/registrations/{link}")
    assert (mine.status_code, mine.json()["code"], mine.json()["status"]) == (200, reg.code, "confirmed")


def test_holder_gets_a_new_link_that_opens_their_registration(
    client, edition, django_capture_on_commit_callbacks
):
    held = register(edition, name="周海", email="holder@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, edition, email=" HOLDER@example.com ")
    assert [m.to for m in mail.outbox] == [["holder@example.com"]]
    link = LINK.search(mail.outbox[0].body).group(1)
    assert held.registration.code in mail.outbox[0].body
    mine = client.get(f"/api/v1/registrations/{link}")
    assert (mine.status_code, mine.json()["code"]) == (200, held.registration.code)
    # The new link replaces the old one (only a hash of one secret is kept).
    assert client.get(f"/api/v1/registrations/{held.manage_token}").status_code == 404


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_the_request_only_records_the_email_and_the_worker_sends_it(
    client, edition, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, edition, email="new@example.com").status_code == 202
    assert mail.outbox == []
    reg = Registration.objects.get(edition=edition, email="new@example.com")
    queued = DBTaskResult.objects.get()
    # Only the registration's id is queued: the raw private link is never stored.
    assert queued.args_kwargs == {"args": [], "kwargs": {"registration_id": reg.pk, "again": False}}
    # What the worker runs for it (its command closes the test's database connection, so it runs here).
    queued.task.call(*queued.task_result.args, **queued.task_result.kwargs)
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    link = LINK.search(mail.outbox[0].body).group(1)
    assert client.get(f"/api/v1/registrations/{link}").json()["code"] == reg.code


def test_an_organiser_gets_the_details_and_is_told_of_a_held_address(client, edition):
    token = token_for("organiser", "admin")
    created = post(client, edition, token=token, email="staff-made@example.com")
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "confirmed"
    assert body["code"] == Registration.objects.get(email="staff-made@example.com").code
    manage = body["manage_url"].rsplit("/r/", 1)[1]
    assert client.get(f"/api/v1/registrations/{manage}").json()["code"] == body["code"]
    again = post(client, edition, token=token, email="staff-made@example.com")
    assert again.status_code == 409
    assert again.json()["field"] == "email"


def test_a_token_without_the_organiser_role_is_refused(client, edition):
    response = post(client, edition, token=token_for("door", "checkin"), email="door@example.com")
    assert response.status_code == 403
    assert not Registration.objects.filter(email="door@example.com").exists()


def test_a_cancelled_registration_does_not_block_registering_again(
    client, edition, django_capture_on_commit_callbacks
):
    held = register(edition, email="holder@example.com")
    client.delete(f"/api/v1/registrations/{held.manage_token}")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, edition).status_code == 202
    regs = Registration.objects.filter(edition=edition, email="holder@example.com")
    assert sorted(regs.values_list("status", flat=True)) == ["cancelled", "confirmed"]
    assert "已确认" in mail.outbox[0].subject or "confirmed" in mail.outbox[0].subject


def page_post(client, edition, email):
    return client.post(
        f"/e/{edition.slug}/register",
        {"category": "delegate", "name": "冒名者", "organization": "某单位", "email": email}
        | {"consent": "on", "language": "zh-hans"},
    )


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_registration_page_says_the_same_for_a_new_and_a_held_address(
    client, edition, django_capture_on_commit_callbacks
):
    held = register(edition, name="周海", email="holder@example.com").registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = page_post(client, edition, "holder@example.com")
        new = page_post(client, edition, "holder2@example.com")
    assert (again.status_code, new.status_code) == (200, 200)
    assert main_of(again) == main_of(new).replace("holder2@example.com", "holder@example.com")
    html = main_of(again)
    assert 'data-state="check-email"' in html
    assert "已向该邮箱发送邮件" in html and "holder@example.com" in html
    assert held.code not in html and "周海" not in html and "已报名" not in html
    assert sorted(m.to[0] for m in mail.outbox) == ["holder2@example.com", "holder@example.com"]


def test_openapi_documents_the_check_email_answer_and_optional_credentials(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/events/{slug}/registrations"]["post"]
    schema = operation["responses"]["202"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/CheckEmailOut"}
    assert document["components"]["schemas"]["CheckEmailOut"]["properties"]["status"] == {
        "const": "check_email",
        "title": "Status",
        "type": "string",
    }
    assert operation["security"] == [{"BearerAuth": []}, {"SessionAuth": []}, {}]
