"""The registration hot path never lets a rule go stale: the seats are counted by the database when the
registration is decided; the window, purge, category settings and consent notice come from the configuration
cache (events/cache.py), whose version every edit bumps (a save anywhere, the purge), so the next
registration sees them. tests/events/test_config_cache.py makes the edit in a second process."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from events.enums import RegistrationStatus as S
from events.models import Category, ConsentNotice, Edition, Organization, Registration
from events.privacy.purge import anonymise_edition
from events.registration import services
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


def post(client, slug, email, category="delegate", organization="大足区经信委"):
    body = {
        "category": category,
        "name": "李四",
        "organization": organization,
        "email": email,
        "consent": True,
    }
    return client.post(
        f"/api/v1/events/{slug}/registrations", json.dumps(body), content_type="application/json"
    )


def test_capacity_raised_by_organiser_applies_to_the_next_registration(client):
    edition = make_edition()
    category = make_category(edition, capacity=1)
    assert post(client, edition.slug, "a@example.com").status_code == 202
    assert post(client, edition.slug, "b@example.com").status_code == 409

    services.update_category(category=category, changes={"capacity": 2})

    assert post(client, edition.slug, "b@example.com").status_code == 202
    assert Registration.objects.get(email="b@example.com").status == S.CONFIRMED


def test_capacity_lowered_elsewhere_applies_at_once(client):
    # .update() sends no signal: as if another process (the admin on another worker) had changed it.
    edition = make_edition()
    category = make_category(edition, capacity=5)
    assert post(client, edition.slug, "a@example.com").status_code == 202
    Category.objects.filter(pk=category.pk).update(capacity=1)

    response = post(client, edition.slug, "b@example.com")

    assert response.status_code == 409
    assert response.json()["field"] == "category"


def test_new_consent_version_is_recorded_from_the_next_registration(client):
    edition = make_edition()
    make_category(edition)
    assert post(client, edition.slug, "a@example.com").status_code == 202
    ConsentNotice.objects.create(edition=edition, version="2.0", text="新版", text_en="New")

    assert post(client, edition.slug, "b@example.com").status_code == 202

    versions = dict(
        Registration.objects.filter(edition=edition).values_list("email", "consent_notice__version")
    )
    assert versions == {"a@example.com": "1.0", "b@example.com": "2.0"}


def test_window_closed_elsewhere_refuses_at_once(client):
    edition = make_edition()
    make_category(edition)
    assert post(client, edition.slug, "a@example.com").status_code == 202  # the edition is now cached
    elsewhere = Edition.objects.get(pk=edition.pk)  # another copy of the row, as the admin's worker edits it
    elsewhere.registration_closes_at = timezone.now() - dt.timedelta(hours=1)
    elsewhere.save()

    response = post(client, edition.slug, "b@example.com")

    assert response.status_code == 409
    assert response.json()["detail"] == "报名已截止。"
    assert not Registration.objects.filter(email="b@example.com").exists()


def test_purged_edition_refuses_registration_at_once(client):
    edition = make_edition()
    make_category(edition)
    assert post(client, edition.slug, "a@example.com").status_code == 202
    anonymise_edition(edition=Edition.objects.get(pk=edition.pk), force=True)  # (an update: it bumps by hand)

    response = post(client, edition.slug, "b@example.com")

    assert response.status_code == 409
    assert response.json()["detail"] == "本届报名已结束。"


def test_edited_edition_name_is_used_at_once_in_this_process(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    edition = make_edition()
    make_category(edition)
    assert post(client, edition.slug, "a@example.com").status_code == 202
    edition.name = "第二届测试大会"
    edition.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, edition.slug, "b@example.com").status_code == 202

    assert mailoutbox[-1].subject.startswith("[第二届测试大会]")


def test_deleted_edition_is_404(client):
    edition = make_edition()
    make_category(edition)
    assert post(client, edition.slug, "a@example.com").status_code == 202
    Registration.objects.filter(edition=edition).delete()
    edition.delete()

    assert post(client, edition.slug, "b@example.com").status_code == 404


def test_hidden_category_is_422_for_the_public():
    edition = make_edition()
    make_category(edition, "vip", public=False)
    with pytest.raises(services.InvalidInput) as exc:
        register(edition, "vip")
    assert exc.value.field == "category"
    assert register(edition, "vip", staff_override=True).registration.status == S.CONFIRMED


def test_organisation_is_matched_by_english_name_or_created_once():
    org = Organization.objects.create(name="大足区经信委", name_en="Dazu Economy Bureau")
    edition = make_edition()
    make_category(edition)

    by_english = register(edition, organization="dazu economy bureau").registration
    new_one = register(edition, organization="新单位").registration
    again = register(edition, organization="新单位").registration

    by_english.refresh_from_db()
    new_one.refresh_from_db()
    again.refresh_from_db()
    assert by_english.organization_id == org.pk
    assert new_one.organization.name == "新单位"
    assert again.organization_id == new_one.organization_id


def test_returned_registration_matches_the_stored_row():
    edition = make_edition()
    make_category(edition)
    result = register(edition, name="王五", email="wang@example.com")

    stored = Registration.objects.get(pk=result.registration.pk)

    fields = ("code", "status", "name", "email", "organization_id", "consent_notice_id", "created_at")
    assert [getattr(result.registration, f) for f in fields] == [getattr(stored, f) for f in fields]
    assert result.ticket_token.startswith(f"{edition.slug}.{stored.code}.1.")


def test_closed_edition_with_unknown_category_says_closed(client):
    edition = make_edition(registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    make_category(edition)

    response = post(client, edition.slug, "a@example.com", category="nope")

    assert response.status_code == 409
    assert response.json()["detail"] == "报名已截止。"


@pytest.mark.parametrize("field", ["name", "name_en", "organization", "title"])
def test_nul_character_in_a_text_field_is_422_naming_it(client, field):
    edition = make_edition()
    make_category(edition)
    body = {
        "category": "delegate",
        "name": "李四",
        "organization": "单位",
        "email": "a@example.com",
        "consent": True,
    }
    body[field] = "李\x00四"

    response = client.post(
        f"/api/v1/events/{edition.slug}/registrations", json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Registration.objects.filter(edition=edition).exists()


def test_nul_character_in_the_category_is_422(client):
    edition = make_edition()
    make_category(edition)

    response = post(client, edition.slug, "a@example.com", category="dele\x00gate")

    assert response.status_code == 422
    assert response.json()["field"] == "category"
