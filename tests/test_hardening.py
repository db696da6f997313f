import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from documents.pipeline import render_string
from tests.factories import make_category, make_edition, make_user

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def run_manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTEST_VERSION", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret(tmp_path):
    # A var/ without the secret_key file `make run` writes (the checkout's own var/ may hold one).
    result = run_manage("check", HUIWU_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k3Yq8vR0cT5nW2xZ7bL9mP4sD6fH1jG0aQeUoIyTrEwXcVbNm-_zA",
        DJANGO_SECURE="1",
        DJANGO_ALLOWED_HOSTS="huiwu.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


RATES = {"register": "3/m", "manage": "3/m", "verify": "3/m", "login": "3/m"}


@override_settings(HUIWU_THROTTLE_RATES=RATES)
def test_registration_flood_gets_429_not_5xx(client):
    from django.core.cache import cache

    cache.clear()
    edition = make_edition()
    make_category(edition)
    codes = []
    for i in range(6):
        body = {
            "category": "delegate",
            "name": "刷",
            "organization": "x",
            "email": f"f{i}@example.com",
            "consent": True,
        }
        r = client.post(
            f"/api/v1/events/{edition.slug}/registrations", json.dumps(body), content_type="application/json"
        )
        codes.append(r.status_code)
    assert codes == [202, 202, 202, 429, 429, 429]


@override_settings(HUIWU_THROTTLE_RATES=RATES)
def test_manage_link_guessing_is_throttled(client):
    from django.core.cache import cache

    cache.clear()
    codes = [client.get("/api/v1/registrations/" + f"guess{i}" * 8).status_code for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]


@override_settings(HUIWU_THROTTLE_RATES=RATES)
def test_staff_login_attempts_are_limited(client):
    from django.core.cache import cache

    cache.clear()
    make_user("organizer", "organiser", password="right-password-1")
    codes = [
        client.post("/staff/login", {"username": "organizer", "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    # Even the right password waits until the window passes.
    assert (
        client.post("/staff/login", {"username": "organizer", "password": "right-password-1"}).status_code
        == 429
    )


def test_pages_carry_a_content_security_policy(client):
    edition = make_edition()
    make_category(edition)
    response = client.get(f"/e/{edition.slug}/register")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_manage_page_keeps_its_link_from_other_sites(client):
    from tests.factories import register

    edition = make_edition()
    make_category(edition)
    token = register(edition).manage_token
    response = client.get(f"/r/{token}")
    # same-origin: other sites get no Referer; our own forms still carry an Origin (no-referrer made
    # Chromium send `Origin: null`, which Django's CSRF check refuses).
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


SSTI_PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ request.application.__globals__ }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ lipsum.__globals__['os'].system('id') }}",
]


@pytest.mark.parametrize("payload", SSTI_PAYLOADS)
def test_organiser_editable_templates_are_sandboxed(payload):
    from jinja2.exceptions import SecurityError, UndefinedError

    with pytest.raises((SecurityError, UndefinedError)):
        render_string(payload, {"name": "张三"})


def test_sandboxed_template_still_renders_plain_fields():
    assert render_string(
        "{{ name }} · {{ amount | yuan }}", {"name": "<b>张三</b>", "amount": 150000000}
    ) == ("&lt;b&gt;张三&lt;/b&gt; · 1.5亿元")


def test_openapi_document_describes_error_answers(client):
    document = client.get("/api/v1/openapi.json").json()
    register = document["paths"]["/api/v1/events/{slug}/registrations"]["post"]["responses"]
    scan = document["paths"]["/api/v1/events/{slug}/checkin"]["post"]["responses"]
    error = {"$ref": "#/components/schemas/Error"}
    assert register["422"]["content"]["application/json"]["schema"] == error
    assert register["409"]["content"]["application/json"]["schema"] == error
    assert "401" not in register  # credentials are optional there: a bad token reads as none
    assert register["403"]["content"]["application/json"]["schema"] == error
    assert scan["401"]["content"]["application/json"]["schema"] == error
    assert scan["403"]["content"]["application/json"]["schema"] == error
    assert document["components"]["schemas"]["Error"]["required"] == ["detail"]
