import datetime as dt
import json

import pytest
from django.utils import timezone

from events.models import Organization
from signing import services
from signing.models import Award
from tests.factories import make_edition, token_for
from tests.signing.factories import make_title

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_award(client, token, **body):
    data = {"title": "design-base", "recipient": "大足石刻文创园"}
    data.update(body)
    # An API client that reads the English messages asks for them.
    return client.post(
        "/api/v1/awards",
        json.dumps(data),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **auth(token),
    )


def issue(edition=None, recipient="大足石刻文创园", **fields) -> Award:
    return services.issue_award(title="design-base", recipient=recipient, edition=edition, **fields)


def test_award_titles_are_public(client):
    make_title()
    response = client.get("/api/v1/award-titles")
    assert response.status_code == 200
    assert [(t["code"], t["issuer"], t["validity_years"]) for t in response.json()] == [
        ("design-base", "四川省经济和信息化厅、重庆市经济和信息化委员会", 3)
    ]


def test_create_award_returns_serial_and_urls(client, settings):
    settings.SITE_URL = "https://huiwu.example.org"
    edition = make_edition(starts_on=dt.date(2030, 6, 28), ends_on=dt.date(2030, 6, 28))
    make_title()
    token = token_for("org", "admin")
    response = post_award(client, token, edition=edition.slug, document_number="渝经信〔2030〕1号")
    assert response.status_code == 201
    serial = response.json()["serial"]
    assert response.json()["verify_url"] == f"https://huiwu.example.org/verify/{serial}"
    assert (
        response.json()["certificate_url"]
        == f"https://huiwu.example.org/api/v1/awards/{serial}/certificate.pdf"
    )
    award = Award.objects.get(serial=serial)
    assert (award.issued_on, award.valid_until) == (dt.date(2030, 6, 28), dt.date(2033, 6, 27))
    assert award.recipient.name == "大足石刻文创园"


def test_create_award_unknown_title_is_422_naming_title(client):
    make_title()
    token = token_for("org", "admin")
    response = post_award(client, token, title="no-such-title")
    assert response.status_code == 422
    assert response.json()["field"] == "title"
    assert "no award title with code 'no-such-title'" in response.json()["detail"]


def test_create_award_unknown_edition_is_422(client):
    make_title()
    token = token_for("org", "admin")
    response = post_award(client, token, edition="nope")
    assert response.status_code == 422
    assert response.json()["field"] == "edition"


def test_create_award_twice_to_the_same_recipient_is_409(client):
    make_title()
    token = token_for("org", "admin")
    first = post_award(client, token)
    response = post_award(client, token)
    assert response.status_code == 409
    assert response.json()["serial"] == first.json()["serial"]


def test_create_award_needs_organiser(client):
    make_title()
    assert post_award(client, "").status_code == 401
    assert post_award(client, token_for("door", "checkin")).status_code == 403


def test_public_record_of_fresh_award_is_active_and_signature_valid(client):
    make_title()
    award = issue(issued_on=timezone.localdate())
    data = client.get(f"/api/v1/awards/{award.serial}").json()
    assert (data["serial"], data["title"], data["recipient"], data["status"], data["signature_valid"]) == (
        award.serial,
        "成渝地区双城经济圈工业设计赋能基地",
        "大足石刻文创园",
        "active",
        True,
    )


def test_award_past_valid_until_reads_expired(client):
    make_title()
    award = issue(issued_on=dt.date(2020, 1, 1))
    assert client.get(f"/api/v1/awards/{award.serial}").json()["status"] == "expired"


def test_tampered_recipient_reads_signature_invalid(client):
    make_title()
    award = issue()
    other = Organization.objects.create(name="冒名单位")
    Award.objects.filter(pk=award.pk).update(recipient=other)
    data = client.get(f"/api/v1/awards/{award.serial}").json()
    assert data["recipient"] == "冒名单位"
    assert data["signature_valid"] is False


def test_tampered_valid_until_reads_signature_invalid(client):
    make_title()
    award = issue()
    Award.objects.filter(pk=award.pk).update(valid_until=dt.date(2099, 1, 1))
    assert client.get(f"/api/v1/awards/{award.serial}").json()["signature_valid"] is False


def test_revoke_award_reads_revoked_with_reason(client):
    make_title()
    award = issue()
    token = token_for("org", "admin")
    response = client.post(
        f"/api/v1/awards/{award.serial}/revoke",
        json.dumps({"reason": "材料不实"}),
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200
    public = client.get(f"/api/v1/awards/{award.serial}").json()
    assert (public["status"], public["revoked_reason"], public["signature_valid"]) == (
        "revoked",
        "材料不实",
        True,
    )


def test_revoke_twice_is_409(client):
    make_title()
    award = issue()
    token = token_for("org", "admin")
    url = f"/api/v1/awards/{award.serial}/revoke"
    client.post(url, json.dumps({"reason": "材料不实"}), content_type="application/json", **auth(token))
    response = client.post(
        url,
        json.dumps({"reason": "again"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **auth(token),
    )
    assert response.status_code == 409
    assert "already revoked" in response.json()["detail"]


def test_revoke_without_reason_is_422(client):
    make_title()
    award = issue()
    token = token_for("org", "admin")
    response = client.post(
        f"/api/v1/awards/{award.serial}/revoke",
        json.dumps({}),
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "reason"


def test_unknown_serial_is_404(client):
    assert client.get("/api/v1/awards/2023-0000-0000").status_code == 404


def test_edition_awards_lists_that_editions_awards_for_organisers(client):
    edition = make_edition()
    make_title()
    award = issue(edition=edition)
    issue(recipient="天府设计产业园")  # presented at no edition
    token = token_for("org", "admin")
    response = client.get(f"/api/v1/events/{edition.slug}/awards", **auth(token))
    assert [a["serial"] for a in response.json()] == [award.serial]
    assert client.get(f"/api/v1/events/{edition.slug}/awards").status_code == 401
