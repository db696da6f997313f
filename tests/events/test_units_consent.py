"""Consent a unit's contact attests per person: the template's column (已征得本人同意), the checkbox on the add
and substitute forms, `consent` in the substitute body; the attestation is stored with who made it and
when, and the person's own link shows the privacy notice on their first visit."""

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook

from events.enums import RegistrationStatus as S
from events.models import Registration
from events.units import services as unit_services
from events.units.models import ConsentAttestation

from ..factories import register
from .unit_helpers import filled_template, make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def api(client, path, body):
    return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")


def upload(client, token, rows, dry_run):
    blank = client.get(f"/api/v1/units/{token}/template.xlsx").content
    return client.post(
        f"/api/v1/units/{token}/import?dry_run={'true' if dry_run else 'false'}",
        {"file": BytesIO(filled_template(blank, rows))},
    )


def attested(code: str) -> tuple:
    a = ConsentAttestation.objects.select_related("unit__organization").get(registration__code=code)
    return (a.unit.organization.name, a.contact_name, a.via, a.at is not None)


@pytest.fixture
def unit():
    edition = unit_edition()
    return make_unit(edition, quotas={"delegate": 3}, contact_name="王联络")


def test_the_template_asks_for_consent_per_person(client, unit):
    _unit, token = unit
    ws = load_workbook(BytesIO(client.get(f"/api/v1/units/{token}/template.xlsx").content)).worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[-1] == "已征得本人同意 Consent obtained"
    assert ws.cell(row=1, column=len(header)).comment.text.startswith("必填")
    assert ws.cell(row=2, column=len(header)).value == "是"  # the example row


def test_an_import_row_without_consent_is_refused_and_nothing_is_written(client, unit):
    the_unit, token = unit
    rows = [person(1), person(2, consent="否"), person(3, consent="")]
    body = upload(client, token, rows, dry_run=False).json()
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(4, "consent"), (5, "consent")]
    assert "是" in body["errors"][0]["message"]
    assert Registration.objects.filter(unit=the_unit).count() == 0


def test_an_imported_person_carries_the_contacts_attestation(client, unit):
    _unit, token = unit
    body = upload(client, token, [person(1, consent="是"), person(2, consent="Yes")], dry_run=False).json()
    assert body["created"] == 2
    codes = Registration.objects.order_by("name").values_list("code", flat=True)
    assert [attested(c) for c in codes] == [("大足石刻文创园", "王联络", "import", True)] * 2


def test_a_file_without_the_consent_column_is_refused(client, unit):
    _unit, token = unit
    blank = load_workbook(BytesIO(client.get(f"/api/v1/units/{token}/template.xlsx").content))
    ws = blank.worksheets[0]
    ws.delete_cols(ws.max_column)
    out = BytesIO()
    blank.save(out)
    response = client.post(f"/api/v1/units/{token}/import?dry_run=true", {"file": BytesIO(out.getvalue())})
    assert response.status_code == 422
    assert response.json()["field"] == "file"
    assert "已征得本人同意" in response.json()["detail"]


@pytest.mark.parametrize("consent", [None, False, "yes"])
def test_a_substitution_without_consent_is_422_and_changes_nothing(client, unit, consent):
    the_unit, token = unit
    old = unit_services.add_person(unit=the_unit, data=person(1), consent=True).registration
    body = {"name": "赵新", "email": "zhao@example.com", "phone": "13900000009"}
    if consent is not None:
        body["consent"] = consent
    response = api(client, f"/units/{token}/people/{old.code}/substitute", body)
    assert response.status_code == 422
    assert response.json()["field"] == "consent"
    old.refresh_from_db()
    assert (old.status, Registration.objects.filter(unit=the_unit).count()) == (S.CONFIRMED, 1)


def test_a_substitute_and_an_added_person_are_attested(client, unit):
    the_unit, token = unit
    added = api(
        client, f"/units/{token}/people", {**person(1), "language": "zh-hans", "consent": True}
    ).json()
    body = {"name": "赵新", "email": "zhao@example.com", "phone": "13900000009", "consent": True}
    new = api(client, f"/units/{token}/people/{added['code']}/substitute", body).json()
    assert attested(added["code"]) == ("大足石刻文创园", "王联络", "api", True)
    assert attested(new["code"]) == ("大足石刻文创园", "王联络", "substitution", True)


def test_the_forms_need_the_checkbox(client, unit):
    the_unit, token = unit
    values = {k: v for k, v in person(1).items() if k != "language"}
    refused = client.post(f"/u/{token}", values, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert "Confirm that this person agreed to the privacy notice." in refused.content.decode()
    assert client.post(f"/u/{token}", {**values, "consent": "on"}).status_code == 302
    old = Registration.objects.get(unit=the_unit)
    swap = {"name": "赵新", "phone": "13900000009", "email": "zhao@example.com"}
    refused = client.post(f"/u/{token}/p/{old.code}/substitute", swap, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert "Confirm that this person agreed to the privacy notice." in refused.content.decode()
    assert client.post(f"/u/{token}/p/{old.code}/substitute", {**swap, "consent": "on"}).status_code == 302
    assert attested(old.code)[2] == "form"
    assert attested(Registration.objects.get(unit=the_unit, status=S.CONFIRMED).code)[2] == "substitution"


def test_the_persons_own_link_shows_the_notice_on_the_first_visit_only(client, unit):
    the_unit, _token = unit
    result = unit_services.add_person(unit=the_unit, data=person(1), consent=True)
    first = client.get(f"/r/{result.manage_token}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="privacy-notice"' in first
    assert "Your unit registered you and confirmed that you agreed to this notice." in first
    assert "I agree" in first  # the notice's text (tests/factories.py)
    again = client.get(f"/r/{result.manage_token}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="privacy-notice"' not in again
    assert ConsentAttestation.objects.get(registration=result.registration).notice_shown_at is not None


def test_a_person_who_accepted_the_notice_themselves_is_not_shown_it_again(client):
    result = register(unit_edition())
    page = client.get(f"/r/{result.manage_token}").content.decode()
    assert 'id="privacy-notice"' not in page
