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
from tests.factories import make_category, make_edition, register

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
        f"At most {limit} characters. 最多 {limit} 个字符。",
    )
    assert taken.title == "职" * limit
