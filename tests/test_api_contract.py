"""The API contract as a client sees it: 401 for a staff write without valid credentials (not a CSRF 403),
and UTF-8 JSON (Chinese as written, not \\u escapes)."""

import re

import pytest
from django.test import Client

from config.api import api
from events.models import ApiToken
from tests.factories import make_category, make_edition, make_user, token_for

pytestmark = pytest.mark.django_db


def _staff_writes() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    ops = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if (
                method in ("post", "patch", "put", "delete")
                and op.get("security")
                and {} not in op["security"]
            ):
                ops.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    return ops


STAFF_WRITES = _staff_writes()


def test_there_are_staff_writes_to_check():
    assert len(STAFF_WRITES) >= 18


@pytest.mark.parametrize("method,path", STAFF_WRITES)
def test_staff_write_without_credentials_is_401(method, path):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(
        path, data="{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 401, response.content
    assert response.json() == {
        "detail": "Authentication required: send 'Authorization: Bearer <token>' or log in."
    }
    chinese = getattr(client, method)(path, data="{}", content_type="application/json")
    assert chinese.json() == {"detail": "需要登录：请发送 “Authorization: Bearer <令牌>” 或先登录。"}


@pytest.mark.parametrize("method,path", STAFF_WRITES[:3])
def test_staff_write_with_a_revoked_token_is_401(method, path):
    token = token_for("org", "admin")
    ApiToken.objects.all().delete()
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(
        path, data="{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 401, response.content


def test_logged_in_session_without_csrf_token_is_still_refused():
    make_user("org", "admin")
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="org", password="pw-123456")
    method, path = STAFF_WRITES[0]
    response = getattr(client, method)(path, data="{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check Failed"}


def test_api_answers_utf8_json_not_escapes():
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾")
    response = Client().get(f"/api/v1/events/{edition.slug}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "嘉宾".encode() in response.content
    assert b"\\u" not in response.content


def test_utf8_renderer_escapes_only_what_utf8_cannot_carry():
    from config.api import UTF8JSONRenderer

    renderer = UTF8JSONRenderer()
    assert renderer.render(None, {"name": "李明"}, response_status=200) == '{"name": "李明"}'
    text = renderer.render(None, {"name": "李\ud800"}, response_status=200)
    assert text == '{"name": "\\u674e\\ud800"}'
    text.encode("utf-8")
