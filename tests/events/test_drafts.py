"""A new or cloned edition is a draft until published: not listed, public pages and API 404, no registration;
staff prepare it and publish it with one PATCH."""

import datetime as dt
import json

import pytest

from events.models import Edition
from tests.factories import make_category, make_edition, make_user, token_for

pytestmark = pytest.mark.django_db


def draft():
    edition = make_edition(slug="draft-2031", name="草稿大会", published=False)
    make_category(edition, "delegate")
    return edition


def patch(client, slug, body, token):
    return client.patch(
        f"/api/v1/events/{slug}",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_draft_is_not_listed_on_home_series_or_api(client):
    draft()
    make_edition(slug="public-2031", name="公开大会")
    assert "草稿大会" not in client.get("/").content.decode()
    assert "公开大会" in client.get("/").content.decode()
    assert "草稿大会" not in client.get("/s/test-series/").content.decode()
    assert [e["slug"] for e in client.get("/api/v1/events").json()] == ["public-2031"]


@pytest.mark.parametrize(
    "path",
    [
        "/e/draft-2031/",
        "/e/draft-2031/register",
        "/e/draft-2031/agenda",
        "/api/v1/events/draft-2031",
        "/api/v1/events/draft-2031/agenda",
        "/api/v1/events/draft-2031/agenda.ics",
        "/api/v1/events/draft-2031/agenda/releases",
        "/api/v1/events/draft-2031/ticket-key",
    ],
)
def test_draft_public_pages_and_api_answer_404(client, path):
    draft()
    assert client.get(path).status_code == 404


def test_draft_takes_no_public_registration(client):
    draft()
    body = {
        "category": "delegate",
        "name": "张三",
        "organization": "大足区经信委",
        "email": "zhang@example.com",
        "consent": True,
    }
    response = client.post("/api/v1/events/draft-2031/registrations", body, content_type="application/json")
    assert response.status_code == 404
    assert client.post("/e/draft-2031/register", {"name": "张三"}).status_code == 404
    assert Edition.objects.get(slug="draft-2031").registrations.count() == 0


def test_staff_preview_a_draft_page(client):
    draft()
    make_user("boss", "organiser", password="pw-123456")
    client.login(username="boss", password="pw-123456")
    assert client.get("/e/draft-2031/").status_code == 200


def test_publish_with_patch_lists_it_and_opens_registration(client):
    draft()
    token = token_for("boss", "organiser")
    response = patch(client, "draft-2031", {"published": True}, token)
    assert response.status_code == 200
    assert response.json()["published"] is True
    assert client.get("/api/v1/events/draft-2031").status_code == 200
    assert "草稿大会" in client.get("/").content.decode()
    body = {
        "category": "delegate",
        "name": "张三",
        "organization": "大足区经信委",
        "email": "zhang@example.com",
        "consent": True,
    }
    response = client.post("/api/v1/events/draft-2031/registrations", body, content_type="application/json")
    assert response.status_code == 202


def test_publish_needs_settings_flag(client):
    draft()
    assert patch(client, "draft-2031", {"published": True}, token_for("door", "checkin")).status_code == 403
    assert client.patch("/api/v1/events/draft-2031", "{}", content_type="application/json").status_code == 401
    assert Edition.objects.get(slug="draft-2031").published is False


def test_patch_refuses_end_before_start_and_writes_nothing(client):
    draft()
    token = token_for("boss", "organiser")
    response = patch(client, "draft-2031", {"published": True, "ends_on": "2030-01-01"}, token)
    assert response.status_code == 422
    assert response.json()["field"] == "ends_on"
    assert Edition.objects.get(slug="draft-2031").published is False


def test_patch_refuses_unknown_time_zone_in_client_language(client):
    draft()
    token = token_for("boss", "organiser")
    response = client.patch(
        "/api/v1/events/draft-2031",
        json.dumps({"timezone": "Mars/Olympus"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "未知的时区“Mars/Olympus”（例如 Asia/Shanghai）。",
        "field": "timezone",
    }


def test_clone_is_a_draft_with_the_names_given(client):
    make_edition(
        slug="dazu-2023", name="2023大会", starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28)
    )
    token = token_for("boss", "organiser")
    response = client.post(
        "/api/v1/events/dazu-2023/clone",
        json.dumps({"slug": "dazu-2024", "starts_on": "2024-06-26", "name": "第二届大会", "name_en": "2nd"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201
    assert (response.json()["name"], response.json()["name_en"]) == ("第二届大会", "2nd")
    assert Edition.objects.get(slug="dazu-2024").published is False
    assert client.get("/e/dazu-2024/").status_code == 404


def test_clone_without_names_moves_the_year():
    from events.cloning import clone_edition

    source = make_edition(
        slug="dazu-2023", name="2023大会", starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28)
    )
    new = clone_edition(source=source, slug="dazu-2024", starts_on=dt.date(2024, 6, 26))
    assert (new.name, new.published) == ("2024大会", False)


def test_demo_edition_is_published():
    from events import demo

    assert demo.load().published is True
