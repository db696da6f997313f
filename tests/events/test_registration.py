import json
import re

import pytest
from django.core import mail

from events.auth import hash_secret
from events.enums import RegistrationStatus as S
from events.exceptions import AlreadyRegistered, CategoryFull, InvalidInput, RegistrationClosed
from events.models import Registration
from events.registration import links as registration_links
from events.registration import services
from tests.factories import make_category, make_edition, register, token_for

pytestmark = pytest.mark.django_db


def post_registration(client, slug, token=None, **body):
    """The public registration; with an organiser's `token`, the staff one (201 with the details)."""
    data = {
        "category": "delegate",
        "name": "李四",
        "organization": "大足区经信委",
        "email": "li@example.com",
        "consent": True,
    }
    data.update(body)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        f"/api/v1/events/{slug}/registrations", json.dumps(data), content_type="application/json", **headers
    )


def test_register_open_category_with_seat_is_confirmed_with_ticket():
    edition = make_edition()
    make_category(edition, capacity=2)
    result = register(edition)
    assert result.registration.status == S.CONFIRMED
    assert result.ticket_token.startswith(f"{edition.slug}.{result.registration.code}.1.")


def test_register_approval_category_is_pending_without_ticket():
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=10)
    result = register(edition, "guest")
    assert result.registration.status == S.PENDING
    assert result.ticket_token is None


def test_register_full_with_waitlist_is_waitlisted():
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    register(edition)
    assert register(edition).registration.status == S.WAITLISTED


def test_register_full_without_waitlist_raises_category_full():
    edition = make_edition()
    make_category(edition, capacity=1)
    register(edition)
    with pytest.raises(CategoryFull):
        register(edition)
    assert Registration.objects.filter(edition=edition).count() == 1


def test_register_same_email_twice_is_refused():
    edition = make_edition()
    make_category(edition)
    register(edition, email="Same@Example.com")
    with pytest.raises(AlreadyRegistered):
        register(edition, email="same@example.com")


def test_register_without_consent_is_refused():
    edition = make_edition()
    make_category(edition)
    with pytest.raises(InvalidInput) as err:
        register(edition, consent=False)
    assert err.value.field == "consent"


def test_register_after_window_closes_is_refused():
    from django.utils import timezone

    edition = make_edition(registration_closes_at=timezone.now())
    make_category(edition)
    with pytest.raises(RegistrationClosed):
        register(edition)


def test_register_records_consent_version_and_time():
    edition = make_edition()
    make_category(edition)
    reg = register(edition).registration
    assert reg.consent_notice.version == "1.0"
    assert reg.consented_at is not None


def test_manage_token_is_stored_hashed_and_long():
    edition = make_edition()
    make_category(edition)
    result = register(edition)
    assert len(result.manage_token) >= 43  # 32 random bytes, urlsafe base64
    assert result.registration.manage_token_hash == hash_secret(result.manage_token)
    assert not Registration.objects.filter(manage_token_hash=result.manage_token).exists()


def test_cancel_promotes_first_waitlisted():
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    first = register(edition).registration
    second = register(edition).registration
    third = register(edition).registration
    services.cancel_registration(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (S.CONFIRMED, S.WAITLISTED)


def test_reject_confirmed_promotes_waitlisted():
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    first = register(edition).registration
    second = register(edition).registration
    services.reject_registration(registration=first)
    second.refresh_from_db()
    assert second.status == S.CONFIRMED


def test_raising_capacity_promotes_in_order():
    edition = make_edition()
    cat = make_category(edition, capacity=1, waitlist=True)
    register(edition)
    waiting = [register(edition).registration for _ in range(3)]
    services.update_category(category=cat, changes={"capacity": 3})
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
    ]


def test_approve_when_full_without_waitlist_is_conflict():
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=1)
    a = register(edition, "guest").registration
    b = register(edition, "guest").registration
    services.approve_registration(registration=a)
    with pytest.raises(CategoryFull):
        services.approve_registration(registration=b)
    b.refresh_from_db()
    assert b.status == S.PENDING


def test_name_change_reissues_ticket():
    edition = make_edition()
    make_category(edition)
    result = register(edition)
    old = result.ticket_token
    reg = services.update_registration(registration=result.registration, changes={"name": "王五"})
    assert reg.ticket_version == 2
    assert registration_links.ticket_token_for(reg) != old


def test_api_register_answers_202_and_mails_the_private_link(client, django_capture_on_commit_callbacks):
    edition = make_edition()
    make_category(edition, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, edition.slug)
    assert response.status_code == 202
    assert response.json()["status"] == "check_email"
    reg = Registration.objects.get()
    assert reg.status == "confirmed"
    assert len(mail.outbox) == 1
    token = re.search(r"/r/([A-Za-z0-9_-]{43})", mail.outbox[0].body).group(1)
    assert client.get(f"/api/v1/registrations/{token}").json()["code"] == reg.code


def test_api_register_by_an_organiser_returns_201_with_code_status_token_and_manage_url(
    client, django_capture_on_commit_callbacks
):
    edition = make_edition()
    make_category(edition, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, edition.slug, token=token_for("org", "admin"))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["ticket_token"].startswith(edition.slug)
    assert "/r/" in body["manage_url"]
    assert len(mail.outbox) == 1
    assert body["manage_url"].rsplit("/", 1)[1] in mail.outbox[0].body


def test_api_register_full_without_waitlist_is_409(client):
    edition = make_edition()
    make_category(edition, capacity=0)
    response = post_registration(client, edition.slug)
    assert response.status_code == 409
    assert response.json()["detail"] == "参会代表名额已满。"


def test_api_register_bad_input_is_422_naming_the_field(client):
    edition = make_edition()
    make_category(edition)
    response = post_registration(client, edition.slug, email="not-an-email")
    assert response.status_code == 422
    assert response.json()["field"] == "email"
    response = post_registration(client, edition.slug, consent=False)
    assert (response.status_code, response.json()["field"]) == (422, "consent")
    response = post_registration(client, edition.slug, name="")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "name"
    assert Registration.objects.count() == 0


def test_api_register_body_not_an_object_is_4xx(client):
    edition = make_edition()
    make_category(edition)
    for body in ["[1, 2]", "not json", '"text"']:
        response = client.post(
            f"/api/v1/events/{edition.slug}/registrations", body, content_type="application/json"
        )
        assert response.status_code in (400, 422)
        assert "detail" in response.json()


def test_api_unknown_edition_is_404(client):
    response = post_registration(client, "no-such-edition")
    assert response.status_code == 404


def test_api_unknown_category_is_422(client):
    edition = make_edition()
    make_category(edition)
    response = post_registration(client, edition.slug, category="vip")
    assert (response.status_code, response.json()["field"]) == (422, "category")


def test_api_manage_read_edit_export_cancel(client):
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    staff = token_for("org", "admin")
    token = post_registration(client, edition.slug, token=staff).json()["manage_url"].rsplit("/", 1)[1]
    waiting = post_registration(client, edition.slug, token=staff, email="w@example.com").json()
    assert waiting["status"] == "waitlisted"
    assert client.get(f"/api/v1/registrations/{token}").json()["name"] == "李四"
    patched = client.patch(
        f"/api/v1/registrations/{token}", json.dumps({"title": "处长"}), content_type="application/json"
    )
    assert patched.json()["title"] == "处长"
    export = client.get(f"/api/v1/registrations/{token}/export").json()
    assert export["registration"]["email"] == "li@example.com"
    assert export["consent"]["notice_version"] == "1.0"
    cancelled = client.delete(f"/api/v1/registrations/{token}")
    assert cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(code=waiting["code"]).status == S.CONFIRMED


def test_api_manage_wrong_token_is_404(client):
    assert client.get("/api/v1/registrations/" + "x" * 43).status_code == 404


def test_api_event_detail_lists_categories_with_remaining(client):
    edition = make_edition()
    make_category(edition, capacity=3)
    register(edition)
    body = client.get(f"/api/v1/events/{edition.slug}").json()
    assert body["categories"][0]["remaining"] == 2
    assert body["categories"][0]["code"] == "delegate"


def test_api_approve_requires_organiser(client):
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=5)
    code = register(edition, "guest").registration.code
    url = f"/api/v1/events/{edition.slug}/registrations/{code}/approve"
    assert client.post(url).status_code == 401
    checkin = token_for("door", "checkin")
    assert client.post(url, HTTP_AUTHORIZATION=f"Bearer {checkin}").status_code == 403
    organiser = token_for("boss", "organiser")
    response = client.post(url, HTTP_AUTHORIZATION=f"Bearer {organiser}")
    assert (response.status_code, response.json()["status"]) == (200, "confirmed")


def test_api_patch_category_raises_capacity_and_promotes(client):
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    register(edition)
    waiting = register(edition).registration
    organiser = token_for("boss", "organiser")
    response = client.patch(
        f"/api/v1/events/{edition.slug}/categories/delegate",
        json.dumps({"capacity": 2}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {organiser}",
    )
    assert (response.status_code, response.json()["remaining"]) == (200, 0)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED


def test_api_patch_category_below_confirmed_is_409(client):
    edition = make_edition()
    make_category(edition, capacity=3)
    register(edition)
    register(edition)
    organiser = token_for("boss", "organiser")
    response = client.patch(
        f"/api/v1/events/{edition.slug}/categories/delegate",
        json.dumps({"capacity": 1}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {organiser}",
    )
    assert response.status_code == 409
