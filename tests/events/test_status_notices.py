"""People who lose or gain a place are told, in their language, through the one notification channel."""

import pytest
from django.core import mail

from events.registration import services
from events.units import services as unit_services
from tests.factories import make_category, make_edition, make_user, register

from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_own_cancellation_is_confirmed_in_their_language(django_capture_on_commit_callbacks):
    edition = make_edition()
    make_category(edition)
    reg = register(edition, email="own@example.com", language="en").registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=reg)
    [notice] = _to("own@example.com")
    assert notice.subject == f"[{edition.name_en}] Your registration has been cancelled, as you asked."
    assert "no longer admits you" in notice.body


def test_staff_cancellation_promotes_the_first_waitlisted_and_tells_both(
    client, django_capture_on_commit_callbacks
):
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    first = register(edition, email="first@example.com").registration
    waiting = register(edition, email="waiting@example.com", language="en").registration
    make_user("org", "organiser")
    client.login(username="org", password="pw-123456")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/e/{edition.slug}/registrations/{first.code}/cancel")
    [cancelled] = _to("first@example.com")
    assert cancelled.subject == f"[{edition.name}] 主办方已取消您的报名。"
    assert "如有疑问，请联系会议组委会。" in cancelled.body
    [promoted] = _to("waiting@example.com")
    assert "A place has become free: you are moved up from the waiting list." in promoted.body
    assert "Your registration is confirmed." in promoted.body
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_rejection_by_staff_is_told(django_capture_on_commit_callbacks):
    edition = make_edition()
    make_category(edition, requires_approval=True)
    reg = register(edition, email="pending@example.com").registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_registration(registration=reg)
    [notice] = _to("pending@example.com")
    assert "很抱歉，您的报名未获通过。" in notice.body


def test_person_replaced_by_their_unit_is_told(django_capture_on_commit_callbacks):
    edition = unit_edition()
    unit, _token = make_unit(edition, quotas={"delegate": 2})
    old = unit_services.add_person(
        unit=unit, data=person(1, email="old@example.com"), consent=True
    ).registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unit_services.substitute_person(
            unit=unit, code=old.code, data=person(2, email="new@example.com"), consent=True
        )
    [notice] = _to("old@example.com")
    assert notice.subject == f"[{edition.name}] 大足石刻文创园已安排李2代替您参会（换人）。"
    assert "您在" in notice.body and "的参会凭证已失效。" in notice.body
    assert len(_to("new@example.com")) == 1
