"""The authorisation matrix, built from the URL configuration itself: every staff operation of the one
NinjaAPI and every page under /staff/ is found by walking the routers and URL patterns, so an endpoint
added tomorrow is covered without anyone remembering to add it here.

Auth is checked before anything else: without credentials 401, with a token of a team whose flags do not
satisfy the operation 403 (every other flag, one team each), whatever the path parameters point at (a 404
is only acceptable once the caller is allowed in); `admin` implies every flag."""

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from events.auth import BearerAuth, Public
from organizers.permissions import FLAGS

API_ROOT = "/api/v1"
PARAM = re.compile(r"{(?:\w+:)?(\w+)}")
PAGE_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def staff_operations() -> list[tuple[str, str, str]]:
    """(method, path template, flags: any of them, "a/b") for every API operation that requires a flag."""
    found = []
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            for operation in view.operations:
                if any(isinstance(cb, Public) for cb in operation.auth_callbacks):
                    continue  # open to everyone, staff get another answer (tests/events/test_registered_address.py)
                roles = {"/".join(cb.roles) for cb in operation.auth_callbacks if isinstance(cb, BearerAuth)}
                if roles == {""}:
                    continue  # events.auth.signed_in(): the caller acts on themselves (tests/accounts)
                if operation.auth_callbacks and not roles:
                    raise AssertionError(f"{path}: auth that is not events.auth.staff(); extend this matrix")
                for method in operation.methods:
                    for role in roles:
                        found.append((method, bound.prefix + path, str(role)))
    return sorted(set(found))


STAFF_OPERATIONS = staff_operations()


def wrong_roles(required: str) -> list[str]:
    """Flags (and 'none': a user in no team) whose token must be refused with 403."""
    needed = set(required.split("/"))
    refused = [f for f in FLAGS if f not in needed and f != "admin"]
    return [*refused, "none"]


def fill(template: str, values: dict) -> str:
    return API_ROOT + PARAM.sub(lambda m: str(values.get(m.group(1), "x")), template)


def call(method: str, url: str, token: str | None = None):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method in WRITE_METHODS:
        return client.generic(method, url, json.dumps({}), content_type="application/json", **headers)
    return client.generic(method, url, **headers)


def op_id(op) -> str:
    return f"{op[0]} {op[1]} [{op[2]}]"


def test_matrix_covers_the_contract_staff_endpoints():
    paths = {(m, p) for m, p, _ in STAFF_OPERATIONS}
    assert ("PATCH", "/events/{slug}/categories/{code}") in paths
    assert ("POST", "/events/{slug}/registrations/{code}/approve") in paths
    assert ("POST", "/events/{slug}/registrations/{code}/reject") in paths
    assert ("GET", "/events/{slug}/registrations") in paths


@pytest.mark.parametrize("op", STAFF_OPERATIONS, ids=op_id)
def test_staff_endpoint_without_credentials_is_401(world, op):
    method, template, _role = op
    url = fill(template, world.path_params())

    anonymous = call(method, url)
    forged = call(method, url, token="hw_" + "A" * 43)

    assert anonymous.status_code == 401, anonymous.content[:300]
    assert forged.status_code == 401, forged.content[:300]


@pytest.mark.parametrize("op", STAFF_OPERATIONS, ids=op_id)
def test_staff_endpoint_with_wrong_role_is_403(world, op):
    method, template, role = op
    url = fill(template, world.path_params())

    statuses = {wrong: call(method, url, world.tokens[wrong]).status_code for wrong in wrong_roles(role)}

    assert statuses == {wrong: 403 for wrong in wrong_roles(role)}


# Operations whose object decides among their flags: the world's job is a badge run (`documents`; a letters
# job also lets `units` in).
OBJECT_FLAGS = {"/jobs/{job_id}": ["documents"], "/jobs/{job_id}/result.pdf": ["documents"]}


@pytest.mark.parametrize("op", STAFF_OPERATIONS, ids=op_id)
def test_staff_endpoint_with_right_role_gets_past_auth(world, op):
    method, template, role = op
    url = fill(template, world.path_params())

    for flag in [*OBJECT_FLAGS.get(template, role.split("/")), "admin"]:
        response = call(method, url, world.tokens[flag])

        assert response.status_code not in (401, 403), (flag, response.content[:300])
        assert response.status_code < 500, (flag, response.content[:300])


def _walk(patterns, prefix=""):
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def staff_pages() -> list[str]:
    routes = {r for r in _walk(get_resolver().url_patterns) if r.startswith("staff/")}
    # The scanner's web-app manifest and service worker hold no data and must load without a session: a
    # browser fetches a manifest without cookies, and the worker script before any page is open.
    # The set-password page is opened from its one-time link, before the user has a password.
    public = {
        "staff/e/<slug:slug>/checkin/manifest.webmanifest",
        "staff/e/<slug:slug>/checkin/sw.js",
        "staff/set-password/<str:uidb64>/<str:token>",
    }
    # Signing in: the code step sends a stranger back to the login page; the OpenID Connect hand-over to the
    # organisation's provider (accounts/oidc.py) is how a stranger signs in.
    sign_in = {r for r in routes if r.startswith("staff/oidc/")}
    return sorted(routes - {"staff/login", "staff/logout"} - public - sign_in)


STAFF_PAGES = staff_pages()


def fill_page(route: str, values: dict) -> str:
    def one(m):
        converter, name = m.group(1), m.group(2)
        if name in values:
            return str(values[name])
        return "1" if converter == "int" else "x"

    return "/" + PAGE_PARAM.sub(one, route)


@pytest.mark.parametrize("route", STAFF_PAGES)
def test_staff_page_anonymous_redirects_to_login(world, route):
    url = fill_page(route, {**world.path_params(), "action": "approve"})
    client = Client()

    responses = [client.get(url), client.post(url)]

    statuses = [r.status_code for r in responses]
    assert 302 in statuses, (url, statuses)
    for r in responses:
        assert r.status_code in (302, 405), (url, r.status_code)
        if r.status_code == 302:
            assert r["Location"].startswith("/staff/login"), r["Location"]


def test_staff_pages_are_found():
    assert "staff/" in STAFF_PAGES
    assert "staff/e/<slug:slug>/" in STAFF_PAGES
