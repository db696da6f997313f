import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from events.enums import RegistrationStatus as S
from events.models import Admission, Registration, StaffAccessLog
from events.privacy.purge import ANONYMISED_NAME, purge_due_editions
from events.registration import services
from tests.factories import make_category, make_edition, make_point, make_user, register, token_for

pytestmark = pytest.mark.django_db


def ended_edition(**fields):
    edition = make_edition(starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28), **fields)
    make_category(edition, capacity=10)
    return edition


def test_purge_anonymises_people_and_keeps_counts_and_checkins():
    edition = ended_edition()
    point = make_point(edition)
    kept = register(edition, name="周海", title="主任", phone="13800000000")
    register(edition)
    Admission.objects.create(
        registration=kept.registration, point=point, first_at=kept.registration.created_at
    )
    call_command("purge_personal_data", edition.slug)
    regs = list(Registration.objects.filter(edition=edition))
    assert len(regs) == 2
    assert {(r.name, r.email, r.phone, r.title, r.organization_id) for r in regs} == {
        (ANONYMISED_NAME, "", "", "", None)
    }
    assert [r.status for r in regs] == [S.CONFIRMED, S.CONFIRMED]
    assert Admission.objects.filter(point=point).count() == 1
    edition.refresh_from_db()
    assert edition.personal_data_purged_at is not None


def test_purge_makes_manage_link_404(client):
    edition = ended_edition()
    token = register(edition).manage_token
    assert client.get(f"/api/v1/registrations/{token}").status_code == 200
    call_command("purge_personal_data", edition.slug)
    assert client.get(f"/api/v1/registrations/{token}").status_code == 404
    assert client.get(f"/r/{token}").status_code == 404
    assert client.get(f"/api/v1/registrations/{token}/export").status_code == 404


def test_purge_refuses_an_edition_that_has_not_ended():
    edition = make_edition(starts_on=dt.date(2099, 1, 1), ends_on=dt.date(2099, 1, 2))
    make_category(edition)
    register(edition, name="未来")
    with pytest.raises(CommandError, match="has not ended"):
        call_command("purge_personal_data", edition.slug)
    assert Registration.objects.get(edition=edition).name == "未来"


def test_purge_unknown_edition_is_a_clear_cli_error():
    with pytest.raises(CommandError, match="No edition 'nope'"):
        call_command("purge_personal_data", "nope")


def test_purge_due_only_takes_editions_past_retention():
    past = ended_edition(retention_until=dt.date(2024, 1, 1))
    kept = ended_edition(retention_until=dt.date(2099, 1, 1))
    register(past)
    register(kept, name="保留")
    assert purge_due_editions(today=dt.date(2025, 1, 1)) == {past.slug: 1}
    assert Registration.objects.get(edition=kept).name == "保留"


def test_export_contains_everything_held_about_the_person(client):
    edition = make_edition()
    make_category(edition)
    token = register(edition, name="李宁", email="lining@example.com", phone="13900000000").manage_token
    data = client.get(f"/api/v1/registrations/{token}/export").json()
    assert (data["registration"]["name"], data["registration"]["email"], data["registration"]["phone"]) == (
        "李宁",
        "lining@example.com",
        "13900000000",
    )
    assert data["consent"]["notice_version"] == "1.0"
    assert data["consent"]["consented_at"] is not None


def test_staff_listing_personal_data_is_logged(client):
    edition = make_edition()
    make_category(edition)
    register(edition)
    token = token_for("auditor", "viewer")
    client.get(f"/api/v1/events/{edition.slug}/registrations?q=张", HTTP_AUTHORIZATION=f"Bearer {token}")
    user = make_user("pageviewer", "viewer")
    client.force_login(user)
    client.get(f"/staff/e/{edition.slug}/?status=confirmed")
    logs = list(StaffAccessLog.objects.order_by("id").values_list("username", "action"))
    assert logs == [("auditor", "api_list_registrations"), ("pageviewer", "view_registrations")]


def test_consent_notice_version_is_recorded_per_registration():
    from events.models import ConsentNotice

    edition = make_edition()
    make_category(edition)
    first = register(edition).registration
    ConsentNotice.objects.create(edition=edition, version="2.0", text="新版", text_en="new")
    second = register(edition).registration
    assert (first.consent_notice.version, second.consent_notice.version) == ("1.0", "2.0")


def test_api_and_page_reject_registration_without_consent_and_store_nothing(client):
    edition = make_edition()
    make_category(edition)
    body = {
        "category": "delegate",
        "name": "王",
        "organization": "x",
        "email": "w@example.com",
        "consent": False,
    }
    response = client.post(
        f"/api/v1/events/{edition.slug}/registrations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert Registration.objects.count() == 0
    assert services.current_consent_notice(edition).version == "1.0"
