"""Awards from the staff signing page: issue, revoke with a reason, add and edit titles (Django's client; the
browser journey is tests/journeys/test_awards_page.py)."""

import pytest

from signing.models import Award, AwardTitle

from ..factories import make_edition, make_user
from .factories import make_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client):
    make_user("org", "organiser")
    client.login(username="org", password="pw-123456")
    return client


def test_issue_form_awards_the_title_with_document_number(organiser):
    edition = make_edition()
    make_title()
    page = organiser.get(f"/staff/e/{edition.slug}/signing").content.decode()
    assert 'id="issue-award"' in page
    response = organiser.post(
        f"/staff/e/{edition.slug}/signing/awards",
        {
            "title": "design-base",
            "recipient": "天府设计产业园",
            "document_number": "渝经信发〔2023〕12号",
            "issued_on": "2023-06-26",
            "valid_until": "",
        },
    )
    award = Award.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/e/{edition.slug}/signing#award-{award.serial}"
    assert (award.recipient.name, award.document_number, award.edition) == (
        "天府设计产业园",
        "渝经信发〔2023〕12号",
        edition,
    )
    page = organiser.get(f"/staff/e/{edition.slug}/signing").content.decode()
    assert f'id="award-{award.serial}"' in page


def test_issue_form_refused_keeps_the_values_and_says_why(organiser):
    edition = make_edition()
    make_title()
    form = {"title": "design-base", "recipient": "天府设计产业园", "issued_on": "2023-06-26"}
    organiser.post(f"/staff/e/{edition.slug}/signing/awards", form)
    again = organiser.post(f"/staff/e/{edition.slug}/signing/awards", form, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 409
    text = again.content.decode()
    assert "天府设计产业园 already holds this title" in text
    assert 'value="天府设计产业园"' in text
    assert Award.objects.count() == 1


def test_revoke_form_needs_a_reason_then_revokes(organiser):
    edition = make_edition()
    make_title()
    organiser.post(
        f"/staff/e/{edition.slug}/signing/awards", {"title": "design-base", "recipient": "天府设计产业园"}
    )
    serial = Award.objects.get().serial
    url = f"/staff/e/{edition.slug}/signing/awards/{serial}/revoke"
    assert organiser.post(url, {"reason": " "}).status_code == 422
    assert organiser.post(url, {"reason": "资质复核未通过"}).status_code == 302
    award = Award.objects.get()
    assert award.revoked_reason == "资质复核未通过"
    assert 'data-status="revoked"' in organiser.get(f"/verify/{serial}").content.decode()


def test_title_form_adds_and_edits_but_keeps_an_awarded_name(organiser):
    edition = make_edition()
    url = f"/staff/e/{edition.slug}/signing/titles"
    added = organiser.post(
        url,
        {
            "code": "smart-factory",
            "name": "智能工厂",
            "batch": "2023年",
            "validity_years": "3",
            "issuers": "甲\n乙",
        },
    )
    assert added.status_code == 302
    title = AwardTitle.objects.get(code="smart-factory")
    assert (title.name, title.validity_years, title.issuers) == ("智能工厂", 3, ["甲", "乙"])
    organiser.post(
        f"/staff/e/{edition.slug}/signing/awards", {"title": "smart-factory", "recipient": "某公司"}
    )
    edit = {"editing": "smart-factory", "code": "smart-factory", "name": "智能工厂", "batch": "2024年"}
    assert organiser.post(url, edit).status_code == 302
    assert AwardTitle.objects.get(code="smart-factory").batch == "2024年"
    renamed = organiser.post(url, {**edit, "name": "数字工厂"}, HTTP_ACCEPT_LANGUAGE="en")
    assert renamed.status_code == 409
    assert "signed into those certificates" in renamed.content.decode()
    bad = organiser.post(url, {"code": "x y", "name": "X", "validity_years": "3"})
    assert bad.status_code == 422


def test_viewer_sees_no_award_forms_and_cannot_post(client):
    edition = make_edition()
    make_title()
    make_user("v", "viewer")
    client.login(username="v", password="pw-123456")
    page = client.get(f"/staff/e/{edition.slug}/signing").content.decode()
    assert 'id="issue-award"' not in page
    response = client.post(
        f"/staff/e/{edition.slug}/signing/awards", {"title": "design-base", "recipient": "某公司"}
    )
    assert response.status_code == 403
    assert Award.objects.count() == 0
