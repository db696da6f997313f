"""Substitution at the door: the old ticket stops, the new one checks in, the seat is kept."""

import pytest

from events.checkin import scanning
from events.enums import RegistrationStatus as S
from events.models import Registration
from events.units import services as unit_services
from events.units.models import Substitution

from ..factories import register
from .unit_client import api
from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def test_substitution_end_to_end_old_ticket_unknown_revoked_new_ticket_checks_in(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 1})
    added = api(
        client, "post", f"/units/{token}/people", {**person(1), "language": "zh-hans", "consent": True}
    ).json()
    old_ticket = added["ticket_token"]
    body = {
        "name": "赵新",
        "email": "zhao@example.com",
        "phone": "13900000009",
        "title": "主任",
        "consent": True,
    }
    response = api(client, "post", f"/units/{token}/people/{added['code']}/substitute", body)
    assert response.status_code == 201
    new = response.json()
    assert new["status"] == "confirmed" and new["code"] != added["code"]
    assert new["manage_url"] != added["manage_url"]

    old_scan = scanning.check_in(slug=edition.slug, token=old_ticket)
    assert (old_scan["result"], old_scan["reason"]) == ("unknown", "revoked")
    new_scan = scanning.check_in(slug=edition.slug, token=new["ticket_token"])
    assert new_scan["result"] == "ok"
    assert new_scan["registration"]["name"] == "赵新"

    old = Registration.objects.get(code=added["code"])
    replacement = Registration.objects.get(code=new["code"])
    assert (old.status, replacement.category_id, replacement.unit_id) == (
        S.CANCELLED,
        old.category_id,
        unit.pk,
    )
    log = Substitution.objects.get()
    assert (log.old_id, log.new_id, log.old_name, log.new_name) == (old.pk, replacement.pk, "李1", "赵新")
    # The seat stayed: the quota of one is still full, not free for another person.
    assert (
        api(
            client, "post", f"/units/{token}/people", {**person(2), "language": "zh-hans", "consent": True}
        ).status_code
        == 409
    )
    detail = api(client, "get", f"/units/{token}").json()
    assert [(s["old_name"], s["new_name"]) for s in detail["substitutions"]] == [("李1", "赵新")]


def test_substitution_of_someone_outside_the_unit_is_404(client):

    edition = unit_edition()
    stranger = register(edition).registration
    _unit, token = make_unit(edition)
    body = {"name": "赵新", "email": "zhao@example.com", "phone": "13900000009", "consent": True}
    assert api(client, "post", f"/units/{token}/people/{stranger.code}/substitute", body).status_code == 404


def test_substitution_full_category_keeps_the_seat():
    edition = unit_edition()
    cat = edition.categories.get(code="delegate")
    cat.capacity = 1
    cat.save()
    unit, _token = make_unit(edition, quotas={"delegate": 1})
    first = unit_services.add_person(unit=unit, data=person(1), consent=True).registration
    result = unit_services.substitute_person(unit=unit, code=first.code, data=person(2), consent=True)
    assert result.registration.status == S.CONFIRMED
    assert Registration.objects.filter(category=cat, status=S.CONFIRMED).count() == 1
    cat.refresh_from_db()
    assert cat.confirmed_count == 1  # the seat changed hands: the category's counter did not move


# --- the reply form -----------------------------------------------------------------------------------
