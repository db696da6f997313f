"""A field's limit is written once, in the model: the API's schema (its OpenAPI `maxLength` and its 422),
the registration page's form and the service's own check all refuse one character past it, and take it."""

import json

import pytest

from config.api import api
from events.exceptions import InvalidInput
from events.limits import max_len
from events.models import Category, Organization, Registration
from events.registration import services
from events.registration.forms import EditForm, RegistrationForm
from seating.models import SeatingPlan
from tests.factories import make_category, make_edition, register, token_for

pytestmark = pytest.mark.django_db

# (the body's field, the model and its field that holds the value)
REGISTRATION_FIELDS = [
    ("name", Registration, "name"),
    ("name_en", Registration, "name_en"),
    ("organization", Organization, "name"),
    ("title", Registration, "title"),
    ("phone", Registration, "phone"),
    ("email", Registration, "email"),
]


def body(**changes):
    return {
        "category": "delegate",
        "name": "李四",
        "organization": "大足区经信委",
        "email": "li@example.com",
        "consent": True,
        **changes,
    }


def value_of_length(field: str, n: int) -> str:
    if field == "email":
        return "a" * (n - len("@example.com")) + "@example.com"
    if field == "phone":
        return "1" * n
    return "名" * n


@pytest.mark.parametrize(("schema", "required"), [("RegistrationIn", True), ("RegistrationPatch", False)])
def test_the_openapi_document_shows_the_models_limits(schema, required):
    properties = api.get_openapi_schema()["components"]["schemas"][schema]["properties"]

    def max_length(prop):
        options = prop.get("anyOf", [prop])
        return next(o["maxLength"] for o in options if "maxLength" in o)

    shown = {field: max_length(properties[field]) for field, _, _ in REGISTRATION_FIELDS}
    assert shown == {field: max_len(model, name) for field, model, name in REGISTRATION_FIELDS}
    if required:
        assert max_length(properties["category"]) == max_len(Category, "code") == 40


# A phone number's own rule (the digits of a number) is stricter than its column: not a test of the limit.
@pytest.mark.parametrize(("field", "model", "name"), [f for f in REGISTRATION_FIELDS if f[0] != "phone"])
def test_the_api_takes_the_models_limit_and_answers_422_one_past_it(client, field, model, name):
    edition = make_edition()
    make_category(edition)
    limit = max_len(model, name)
    url = f"/api/v1/events/{edition.slug}/registrations"

    too_long = client.post(
        url, json.dumps(body(**{field: value_of_length(field, limit + 1)})), "application/json"
    )
    at_limit = client.post(
        url, json.dumps(body(**{field: value_of_length(field, limit)})), "application/json"
    )

    assert too_long.status_code == 422
    assert [e["field"] for e in too_long.json()["detail"]] == [field]
    assert at_limit.status_code == 202
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(("field", "model", "name"), REGISTRATION_FIELDS)
def test_the_forms_take_the_models_limit_and_refuse_one_past_it(field, model, name):
    edition = make_edition()
    category = make_category(edition)
    limit = max_len(model, name)
    base = {**body(), "language": "zh-hans"}
    for form_class, kwargs in ((RegistrationForm, {"categories": [category]}), (EditForm, {})):
        too_long = form_class({**base, field: value_of_length(field, limit + 1)}, **kwargs)
        at_limit = form_class({**base, field: value_of_length(field, limit)}, **kwargs)

        assert too_long.is_valid() is False
        assert [e.code for e in too_long.errors.as_data()[field]] == ["max_length"]
        assert at_limit.is_valid() is True, at_limit.errors


def test_the_page_answers_422_with_the_field_marked_one_past_the_models_limit(client):
    edition = make_edition()
    make_category(edition)
    name = "名" * (max_len(Registration, "name") + 1)

    response = client.post(f"/e/{edition.slug}/register", {**body(name=name), "language": "zh-hans"})

    assert response.status_code == 422
    assert 'id="id_name"' in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_service_refuses_one_past_the_models_limit_with_its_message():
    edition = make_edition()
    make_category(edition)
    limit = max_len(Registration, "title")
    reg = register(edition).registration

    with pytest.raises(InvalidInput) as refused:
        services.update_registration(registration=reg, changes={"title": "职" * (limit + 1)})
    taken = services.update_registration(registration=reg, changes={"title": "职" * limit})

    assert (refused.value.field, str(refused.value)) == (
        "title",
        f"最多 {limit} 个字符。",
    )
    assert taken.title == "职" * limit


def _schema_max_length(schema, field: str) -> int:
    prop = schema.model_json_schema()["properties"][field]
    return next(o["maxLength"] for o in prop.get("anyOf", [prop]) if "maxLength" in o)


def _other_apps_fields():
    from agenda.models import Person, Release, Room, Session
    from agenda.schemas import AgendaPersonIn, ReleaseIn, RoomIn, SessionIn
    from events.checkin.offline_api import SyncIn, SyncScanIn
    from events.checkin.schemas import CheckInIn, HandoverIn
    from events.models import CheckInPoint, Handover, HandoverItem, Scan
    from events.units.models import ReplyForm, Unit
    from events.units.schemas import ReplyIn, UnitIn
    from seating.models import SeatingPlan
    from seating.schemas import PlanIn
    from signing.models import AwardTitle, SigningParty, SigningProject
    from signing.schemas import AwardIn, PartyIn, ProjectIn

    return [
        (SessionIn, "title", Session, "title"),
        (SessionIn, "title_en", Session, "title_en"),
        (ReleaseIn, "comment", Release, "comment"),
        (RoomIn, "name", Room, "name"),
        (AgendaPersonIn, "title", Person, "title"),
        (ProjectIn, "name_en", SigningProject, "name_en"),
        (PartyIn, "signatory_title", SigningParty, "signatory_title"),
        (AwardIn, "title", AwardTitle, "code"),
        (PlanIn, "name", SeatingPlan, "name"),
        (CheckInIn, "manual_reason", Scan, "manual_reason"),
        (CheckInIn, "point", CheckInPoint, "code"),
        (HandoverIn, "item", HandoverItem, "code"),
        (HandoverIn, "nonce", Handover, "nonce"),
        (SyncScanIn, "nonce", Scan, "nonce"),
        (SyncIn, "device", Scan, "device"),
        (UnitIn, "contact_phone", Unit, "contact_phone"),
        (ReplyIn, "remarks", ReplyForm, "remarks"),
    ]


def test_the_other_apps_schemas_take_their_limits_from_the_models():
    fields = _other_apps_fields()
    shown = {(s.__name__, f): _schema_max_length(s, f) for s, f, _, _ in fields}
    assert shown == {(s.__name__, f): max_len(m, n) for s, f, m, n in fields}


def test_a_seating_plans_name_one_past_its_column_is_422_not_a_database_error(client):
    edition = make_edition()
    limit = max_len(SeatingPlan, "name")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for('organiser', 'admin')}"}
    url = f"/api/v1/events/{edition.slug}/seating-plans"

    def create(name):
        plan = {"name": name, "kind": "floor", "rows": [5]}
        return client.post(url, json.dumps(plan), "application/json", **headers)

    too_long, at_limit = create("图" * (limit + 1)), create("图" * limit)

    assert too_long.status_code == 422
    assert [e["field"] for e in too_long.json()["detail"]] == ["name"]
    assert at_limit.status_code == 201
