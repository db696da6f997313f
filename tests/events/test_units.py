"""Units: creating them with their quotas and private link, adding people within the quota, the overview."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from events.checkin import scanning
from events.enums import RegistrationStatus as S
from events.models import Registration
from events.units.models import Unit

from ..factories import token_for
from .unit_client import api, confirmed
from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def test_create_unit_api_gives_private_link_stored_hashed(client):
    edition = unit_edition()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    body = {
        "organization": "天府设计产业园",
        "quotas": {"delegate": 5, "guest": 1},
        "contact_name": "王联络",
        "contact_email": "wang@example.com",
        "contact_phone": "13912345678",
    }
    response = api(client, "post", f"/events/{edition.slug}/units", body, **auth)
    assert response.status_code == 201
    url = response.json()["invite_url"]
    token = url.rsplit("/u/", 1)[1]
    assert len(token) >= 43  # 256 bits, urlsafe base64
    unit = Unit.objects.get(pk=response.json()["id"])
    assert token not in unit.token_hash and len(unit.token_hash) == 64
    detail = api(client, "get", f"/units/{token}").json()
    assert detail["organization"] == "天府设计产业园"
    assert [(q["category"], q["quota"], q["used"]) for q in detail["quotas"]] == [
        ("delegate", 5, 0),
        ("guest", 1, 0),
    ]
    listed = api(client, "get", f"/events/{edition.slug}/units", **auth).json()
    assert [(u["organization"], u["quotas"], u["registered"], u["replied"]) for u in listed] == [
        ("天府设计产业园", {"delegate": 5, "guest": 1}, 0, False)
    ]


def test_create_unit_unknown_category_or_negative_quota_is_422(client):
    edition = unit_edition()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    for quotas in ({"nobody": 2}, {"delegate": -1}, {}):
        body = {"organization": "天府设计产业园", "quotas": quotas}
        response = api(client, "post", f"/events/{edition.slug}/units", body, **auth)
        assert response.status_code == 422, quotas
    assert Unit.objects.count() == 0


def test_units_endpoints_need_their_role(client):
    edition = unit_edition()
    body = {"organization": "天府设计产业园", "quotas": {"delegate": 1}}
    assert api(client, "post", f"/events/{edition.slug}/units", body).status_code == 401
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    assert api(client, "post", f"/events/{edition.slug}/units", body, **viewer).status_code == 403
    assert api(client, "get", f"/events/{edition.slug}/units", **viewer).status_code == 200


def test_unit_link_wrong_token_is_404(client):
    unit_edition()
    assert api(client, "get", "/units/not-a-real-token").status_code == 404


def test_add_person_within_quota_then_409_over_quota(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 2})
    codes = []
    for n in range(3):
        body = {**person(n), "language": "zh-hans", "consent": True}
        codes.append(api(client, "post", f"/units/{token}/people", body).status_code)
    assert codes == [201, 201, 409]
    people = Registration.objects.filter(unit=unit)
    assert sorted(p.status for p in people) == [S.CONFIRMED, S.CONFIRMED]
    assert {p.organization.name for p in people} == {"大足石刻文创园"}


def test_add_person_guest_category_needing_approval_is_confirmed_for_the_unit(client):
    edition = unit_edition()
    _unit, token = make_unit(edition, quotas={"guest": 1})
    body = {**person(1, "guest"), "language": "zh-hans", "consent": True}
    response = api(client, "post", f"/units/{token}/people", body)
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    assert response.json()["ticket_token"].startswith(f"{edition.slug}.")


def test_add_person_bad_mobile_is_422_with_field(client):
    edition = unit_edition()
    _unit, token = make_unit(edition)
    body = {**person(1, phone="12345"), "language": "zh-hans", "consent": True}
    response = api(client, "post", f"/units/{token}/people", body)
    assert response.status_code == 422
    assert response.json()["field"] == "phone"


# --- the template and the import ------------------------------------------------------------------------


def test_units_overview_counts_quota_registered_confirmed_checked_in(client):
    edition = unit_edition()
    park, _ = make_unit(edition, organization="天府设计产业园", quotas={"delegate": 4, "guest": 1})
    make_unit(edition, organization="大足石刻文创园", quotas={"delegate": 2})
    one = confirmed(edition, park, 1)
    confirmed(edition, park, 2)
    scanning.check_in(slug=edition.slug, token=one.ticket_token)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    rows = api(client, "get", f"/events/{edition.slug}/units", **auth).json()
    assert [
        (r["organization"], r["quota"], r["registered"], r["confirmed"], r["checked_in"], r["replied"])
        for r in rows
    ] == [
        ("天府设计产业园", 5, 2, 2, 1, True),
        ("大足石刻文创园", 2, 0, 0, 0, False),
    ]
    export = client.get(f"/api/v1/events/{edition.slug}/units.xlsx", **auth)
    ws = load_workbook(BytesIO(export.content)).active
    headers = [c.value for c in ws[1]]
    first = dict(zip(headers, [c.value for c in ws[2]], strict=True))
    assert (
        first["应到 Quota"],
        first["已报名 Registered"],
        first["已确认 Confirmed"],
        first["实到 Checked in"],
    ) == (5, 2, 2, 1)
