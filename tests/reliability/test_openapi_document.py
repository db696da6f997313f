"""The OpenAPI document says what the server does: one schema per name, closed sets as enums, a media type
for every file answer, a schema for every JSON 200, minLength where empty is refused."""

import json

import pytest

from config.api import api

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document():
    return api.get_openapi_schema()


def our_schema_classes():
    from ninja import Schema

    seen, stack = [], list(Schema.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in {"events", "agenda", "signing", "seating", "config"}:
            seen.append(cls)
    return seen


def test_no_two_schemas_share_a_name():
    # ninja files components by class name: two classes of one name would describe each other's bodies.
    names = {}
    for cls in our_schema_classes():
        names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: mods for name, mods in names.items() if len(mods) > 1} == {}


def test_every_200_says_what_comes_back(document):
    missing = [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        for status, answer in operation["responses"].items()
        if str(status).startswith("2") and str(status) != "204" and not answer.get("content")
    ]
    assert sorted(missing) == []


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/api/v1/events/{slug}/documents/programme.pdf", "application/pdf"),
        ("/api/v1/events/{slug}/agenda.ics", "text/calendar"),
        (
            "/api/v1/events/{slug}/agenda.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("/api/v1/events/{slug}/documents/ceremony.zip", "application/zip"),
    ],
)
def test_file_answers_carry_their_media_type(document, path, media_type):
    assert document["paths"][path]["get"]["responses"][200]["content"] == {
        media_type: {"schema": {"type": "string", "format": "binary"}}
    }


def test_public_agenda_has_a_response_schema(document):
    answer = document["paths"]["/api/v1/events/{slug}/agenda"]["get"]["responses"][200]
    assert answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PublicAgendaOut"}


def enum_of(document, schema):
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for option in schema.get("anyOf", [schema]):
        if "enum" in option:
            return option["enum"]
        if "const" in option:
            return [option["const"]]
    return None


def body(document, name):
    return document["components"]["schemas"][name]["properties"]


def query(document, path, name):
    parameters = document["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name)


def test_closed_sets_are_enums(document):
    assert enum_of(document, body(document, "RegistrationIn")["language"]) == ["zh-hans", "en"]
    assert enum_of(document, body(document, "ProjectIn")["status"]) == [
        "planned",
        "confirmed",
        "signed",
        "cancelled",
    ]
    assert enum_of(document, body(document, "ProjectIn")["currency"]) == ["CNY", "USD", "EUR", "HKD"]
    assert enum_of(document, body(document, "SessionIn")["kind"])[:3] == ["opening", "speech", "keynote"]
    badge_job = document["paths"]["/api/v1/events/{slug}/badge-jobs"]["post"]["requestBody"]
    assert enum_of(document, badge_job["content"]["application/json"]["schema"]["properties"]["size"]) == [
        "a6",
        "card",
        "a4x4",
    ]
    assert enum_of(document, query(document, "/api/v1/events/{slug}/documents/placards.pdf", "lang")) == [
        "zh",
        "en",
        "both",
    ]
    assert enum_of(
        document, query(document, "/api/v1/events/{slug}/registrations/{code}/badge.pdf", "size")
    ) == [
        "a6",
        "card",
        "a4x4",
    ]


def test_consent_is_a_boolean_and_required_text_has_a_minimum_length(document):
    registration = document["components"]["schemas"]["RegistrationIn"]
    assert registration["properties"]["consent"]["type"] == "boolean"
    assert {registration["properties"][f].get("minLength") for f in ("name", "organization", "category")} == {
        1
    }
    session = body(document, "SessionIn")
    assert (session["title"]["minLength"], session["title"]["maxLength"]) == (1, 200)


def _refuse_duplicates(pairs):
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicated == [], f"duplicated mapping key {duplicated}"
    return dict(pairs)


def test_openapi_json_declares_each_status_once(client):
    # Swagger UI's parser refuses a document with a key twice ("Parser error: duplicated mapping key").
    raw = client.get("/api/v1/openapi.json").content.decode()
    document = json.loads(raw, object_pairs_hook=_refuse_duplicates)
    handover = document["paths"]["/api/v1/events/{slug}/checkin/handover"]["post"]["responses"]
    units_import = document["paths"]["/api/v1/events/{slug}/units/import"]["post"]["responses"]
    assert handover["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HandoverOut"
    }
    assert units_import["422"]["content"]["application/json"]["schema"] == {
        "oneOf": [{"$ref": "#/components/schemas/UnitsImportOut"}, {"$ref": "#/components/schemas/Error"}]
    }
