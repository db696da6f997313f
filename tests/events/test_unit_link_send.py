"""A unit's link survives "send": the current link is mailed unchanged; only when it is not kept does the
page ask before making a new one. The units page edits quotas and contacts in place."""

import pytest
from django.core import mail

from events.units.models import Unit

from ..factories import make_user
from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client):
    make_user("org", "organiser")
    client.login(username="org", password="pw-123456")
    return client


def test_send_mails_the_current_link_which_keeps_working(organiser, django_capture_on_commit_callbacks):
    edition = unit_edition()
    unit, token = make_unit(edition, contact_email="lian@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        page = organiser.post(
            f"/staff/e/{edition.slug}/units", {"action": "send", "unit": unit.pk}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert page.status_code == 200
    [sent] = mail.outbox
    assert sent.to == ["lian@example.com"] and f"/u/{token}" in sent.body
    assert organiser.get(f"/u/{token}").status_code == 200
    text = page.content.decode()
    assert "the link you copied still works" in text
    assert "Link sent to lian@example.com at " in text


def test_send_without_a_kept_link_asks_before_a_new_one(organiser, django_capture_on_commit_callbacks):
    edition = unit_edition()
    unit, token = make_unit(edition, contact_email="lian@example.com")
    Unit.objects.filter(pk=unit.pk).update(link_sealed="")  # a unit made before links were kept
    url = f"/staff/e/{edition.slug}/units"
    with django_capture_on_commit_callbacks(execute=True):
        asked = organiser.post(url, {"action": "send", "unit": unit.pk})
    assert asked.status_code == 409
    assert 'value="send_new"' in asked.content.decode()
    assert mail.outbox == [] and organiser.get(f"/u/{token}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        organiser.post(url, {"action": "send_new", "unit": unit.pk})
    [sent] = mail.outbox
    new = sent.body.split("/u/")[1].split()[0]
    assert new != token
    assert organiser.get(f"/u/{new}").status_code == 200
    assert organiser.get(f"/u/{token}").status_code == 410


def test_units_page_edits_quotas_and_contact_in_place(organiser):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 2})
    url = f"/staff/e/{edition.slug}/units"
    saved = organiser.post(
        url,
        {
            "action": "edit",
            "unit": unit.pk,
            "quota_delegate": "5",
            "quota_guest": "1",
            "contact_name": "新联络",
            "contact_email": "new@example.com",
            "contact_phone": "13900001111",
        },
    )
    assert saved.status_code == 200
    unit.refresh_from_db()
    quotas = {q.category.code: q.quota for q in unit.quotas.all()}
    assert quotas == {"delegate": 5, "guest": 1}
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "新联络",
        "new@example.com",
        "13900001111",
    )


def test_in_place_edit_refuses_a_quota_below_the_people_and_writes_nothing(organiser):
    from events.units import services

    edition = unit_edition()
    unit, _token = make_unit(edition, quotas={"delegate": 2}, contact_name="老联络")
    services.add_person(unit=unit, data=person(1), consent=True)
    services.add_person(unit=unit, data=person(2), consent=True)
    refused = organiser.post(
        f"/staff/e/{edition.slug}/units",
        {"action": "edit", "unit": unit.pk, "quota_delegate": "1", "contact_name": "新联络"},
    )
    assert refused.status_code == 409
    unit.refresh_from_db()
    assert unit.contact_name == "老联络"
    assert unit.quotas.get().quota == 2
