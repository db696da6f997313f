"""schemathesis over the OpenAPI document, in-process against the WSGI app, as an organiser (so staff
operations are exercised past their auth): no server errors and no response outside the schema.

Each operation gets a few generated cases with its path parameters pointing at real rows (an edition, a
registration, a job) and a few with anything at all, so both the 404 paths and the real work are reached.
Failures are collected for the whole operation (not shrunk) and reported with the request that caused
them and, for a 500, the server's traceback."""

import traceback

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

from config.wsgi import application


def load_schema():
    # The document as served: it lists the error answers itself (config/api.py), so an error is held to the
    # Error schema, and anything else (a 500, an HTML page, a status nobody promised) is outside it.
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


SCHEMA = load_schema()
OPERATIONS = {op.ok().label: op.ok() for op in SCHEMA.get_all_operations()}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    # Schema-invalid input is refused (4xx), schema-valid input is not refused as malformed (no 400/422
    # for what the document allows, except a business rule: see accepted_by_rule), auth is enforced.
    checks.negative_data_rejection,
    checks.positive_data_acceptance,
    checks.missing_required_header,
    checks.unsupported_method,
]
# (Who may call what is checked exhaustively by test_authorisation_matrix.py, so ignored_auth is not re-run.)
# Rendering a PDF costs about a second on the shared machine; fewer cases keep the suite under 2 minutes.
EXAMPLES = 8
PDF_EXAMPLES = 2


def examples_for(label: str) -> int:
    return PDF_EXAMPLES if label.endswith((".pdf", ".xlsx", "badge-jobs")) else EXAMPLES


def refused_by_a_rule(response) -> bool:
    """A 422 from a business rule: the request fits the document, but names something that does not exist
    here (a category, a room, a check-in point, a title code) or breaks a rule between fields (ends before
    it starts). The services answer those with one message and the field at fault; the schema validator's
    answers (a list of field errors) are never this, so a schema-valid request refused by the schema is
    still reported."""
    if response.status_code != 422:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body.get("detail"), str) and bool(body.get("field"))


def checks_for(case, response) -> list:
    if case.meta and case.meta.generation.mode.is_positive and refused_by_a_rule(response):
        return [c for c in CHECKS if c is not checks.positive_data_acceptance]
    return CHECKS


def fuzz(operation, world) -> list[str]:
    real = {
        p.name: world.path_params()[p.name]
        for p in operation.path_parameters
        if p.name in world.path_params()
    }
    strategy = st.one_of(
        *(
            operation.as_strategy(mode, path_parameters=parameters)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            for parameters in (real, None)
        )
    )
    # identity: called straight through WSGI, a gzip answer (the check-in snapshot) is not decoded as an HTTP
    # client decodes it, and would be read as the JSON it holds.
    headers = {"Authorization": f"Bearer {world.tokens['admin']}", "Accept-Encoding": "identity"}
    problems: list[str] = []
    crashes: list[str] = []

    def on_exception(sender, request=None, **kwargs):
        crashes.append(traceback.format_exc())

    @settings(
        max_examples=examples_for(operation.label),
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        crashes.clear()
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=checks_for(case, response), headers=headers)
        except Exception as exc:  # noqa: BLE001 - every failure is reported below, not just the first
            detail = str(exc).strip()
            if crashes:
                detail += "\n" + crashes[-1]
            problems.append(detail)

    got_request_exception.connect(on_exception)
    try:
        run()
    finally:
        got_request_exception.disconnect(on_exception)
    return problems


@pytest.fixture
def in_process():
    """The app is called straight through WSGI: keep the test's database connection (and transaction)
    open across requests, as django.test.Client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_openapi_operation_answers_within_its_schema(world, in_process, label):
    problems = fuzz(OPERATIONS[label], world)

    assert problems == [], "\n\n".join(dict.fromkeys(problems))


def test_openapi_schema_names_are_unique_across_apps():
    """ninja names components after the class: two `PersonOut`s in two apps silently share one schema, so
    one endpoint's document describes the other's answer."""
    import inspect

    from ninja import Schema

    import config.api  # noqa: F401  (imports every app's router and schemas)

    seen: dict[str, str] = {}
    clashes = []
    for cls in _all_subclasses(Schema):
        module = inspect.getmodule(cls).__name__
        if module.split(".")[0] in {"ninja", "tests"}:  # every app of the project is held to it
            continue
        other = seen.setdefault(cls.__name__, module)
        if other != module:
            clashes.append((cls.__name__, other, module))
    assert clashes == []


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)
