"""Room and pickup notices: e-mail through the events channel, SMS by template id and parameters, every
notice recorded, and a re-send only to those whose details changed."""

import pytest
from django.core import mail
from django.test import override_settings

from events.models import Registration
from reception.models import Notice
from reception.services import assignment

from .factories import guest, hotel_with_rooms, post, reception_edition, staff_token

pytestmark = pytest.mark.django_db

SENT = []


class RecordingSms:
    def send(self, phone, template, params):
        SENT.append((phone, template, params))


@override_settings(
    HUIWU_SMS_TEMPLATE_BACKEND="tests.reception.test_notices.RecordingSms",
    HUIWU_SMS_TEMPLATES={"room": "SMS_123"},
)
def test_room_notices_go_once_and_again_only_to_the_changed(client, django_capture_on_commit_callbacks):
    SENT.clear()
    edition = reception_edition()
    hotel_with_rooms(edition, twins=3, singles=0)
    a, b = guest(edition, "王芳"), guest(edition, "李娜")
    Registration.objects.filter(pk=a.pk).update(email="x@example.com")
    Registration.objects.filter(pk=b.pk).update(email="y@example.com", language="en")
    assignment.assign_rooms(edition=edition)
    token = staff_token()
    url = f"/api/v1/events/{edition.slug}/reception/notify"
    with django_capture_on_commit_callbacks(execute=True):
        r = post(client, url, token, {"kind": "room"})
    assert (r.status_code, r.json()) == (202, {"queued": 2})
    assert sorted(m.to[0] for m in mail.outbox) == ["x@example.com", "y@example.com"]
    english = next(m for m in mail.outbox if m.to == ["y@example.com"])
    assert "Room 8101" in english.body and "Sharing with: 王芳." in english.body
    assert [(s[1], s[2]["room"], s[2]["hotel"]) for s in SENT] == [("SMS_123", "8101", "大足宾馆")] * 2
    assert Notice.objects.filter(kind="room").count() == 2
    # Nothing changed: nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, url, token, {"kind": "room"}).json() == {"queued": 0}
    # b moves: b, and a whose roommate changed, are told.
    assignment.move(edition=edition, code=b.code, hotel="大足宾馆", number="8103")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, url, token, {"kind": "room"}).json() == {"queued": 2}
    assert len(mail.outbox) == 2
    assert Notice.objects.filter(kind="room").count() == 4


def test_notify_refuses_an_unknown_kind(client):
    edition = reception_edition()
    r = post(client, f"/api/v1/events/{edition.slug}/reception/notify", staff_token(), {"kind": "meal"})
    assert (r.status_code, r.json()["field"]) == (422, "kind")
