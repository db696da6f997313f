"""A clone carries last year's privacy notice as a new version to be confirmed: the settings page says so and
confirms it, the API confirms it (`settings`), and publishing is refused (409, on the page and in the API)
until it is confirmed."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from events import cloning
from events.models import ConsentNotice, Edition
from tests.factories import make_category, make_edition, make_user, token_for

pytestmark = pytest.mark.django_db


def cloned():
    source = make_edition(slug="dazu-2023", name="2023大足大会", starts_on=dt.date(2023, 6, 28))
    source.consent_notices.all().delete()
    ConsentNotice.objects.create(
        edition=source, version="2023.1", text="2023年信息仅用于会务。", text_en="2023 only."
    )
    make_category(source, "delegate")
    return cloning.clone_edition(source=source, slug="dazu-2024", starts_on=dt.date(2024, 6, 26))


def call(client, method, path, body, token):
    return getattr(client, method)(
        path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_clone_notice_waits_and_publishing_is_refused_until_confirmed_through_the_api(client):
    new = cloned()
    token = token_for("boss", "organiser")
    notice = new.consent_notices.get()
    assert (notice.version, notice.text, notice.confirmed_at) == ("2024.1", "2024年信息仅用于会务。", None)
    renamed = call(client, "patch", "/api/v1/events/dazu-2024", {"name": "2024大足大会"}, token)
    assert (renamed.status_code, renamed.json()["consent_confirmed"]) == (200, False)

    refused = call(client, "patch", "/api/v1/events/dazu-2024", {"published": True}, token)
    assert refused.status_code == 409
    assert refused.json()["field"] == "consent"
    assert "version 2024.1" in refused.json()["detail"]
    assert "confirm it" in refused.json()["detail"]
    assert Edition.objects.get(slug="dazu-2024").published is False

    stale = call(client, "post", "/api/v1/events/dazu-2024/consent/confirm", {"version": "2023.1"}, token)
    assert (stale.status_code, stale.json()["field"]) == (409, "version")
    confirmed = call(client, "post", "/api/v1/events/dazu-2024/consent/confirm", {"version": "2024.1"}, token)
    assert confirmed.status_code == 200
    assert confirmed.json()["version"] == "2024.1"
    assert confirmed.json()["confirmed_at"] is not None

    published = call(client, "patch", "/api/v1/events/dazu-2024", {"published": True}, token)
    assert published.status_code == 200
    assert (published.json()["published"], published.json()["consent_confirmed"]) == (True, True)


def test_confirming_needs_the_settings_flag(client):
    cloned()
    door = token_for("door", "checkin")
    assert call(client, "post", "/api/v1/events/dazu-2024/consent/confirm", {}, door).status_code == 403
    assert ConsentNotice.objects.get(edition__slug="dazu-2024").confirmed_at is None


def test_notices_written_by_staff_are_confirmed_and_old_ones_stay_publishable(client):
    edition = make_edition(slug="own-2031", published=False)
    token = token_for("boss", "organiser")
    assert edition.consent_notices.get().confirmed_at is not None
    assert call(client, "patch", "/api/v1/events/own-2031", {"published": True}, token).status_code == 200


def test_settings_page_shows_the_notice_to_be_confirmed_and_confirms_it(client):
    cloned()
    client.force_login(make_user("boss", "organiser"))
    client.cookies["django_language"] = "en"
    page = client.get("/staff/e/dazu-2024/settings").content.decode()
    assert "To be confirmed" in page
    assert "Confirm version 2024.1" in page
    assert "Before publishing: confirm the privacy notice carried over from last year" in page

    refused = client.post("/staff/e/dazu-2024/settings/publish", {"published": "1"})
    assert refused.status_code == 409
    assert (
        "was carried over from last year&#39;s edition and is not confirmed yet" in refused.content.decode()
    )
    assert Edition.objects.get(slug="dazu-2024").published is False

    done = client.post("/staff/e/dazu-2024/settings/consent/confirm", {"version": "2024.1"}, follow=True)
    assert "Privacy notice 2024.1 confirmed." in done.content.decode()
    assert "To be confirmed" not in done.content.decode()
    client.post("/staff/e/dazu-2024/settings/publish", {"published": "1"})
    assert Edition.objects.get(slug="dazu-2024").published is True


def test_settings_page_in_chinese_says_what_to_do(client):
    cloned()
    client.force_login(make_user("boss", "organiser"))
    client.cookies["django_language"] = "zh-hans"
    refused = client.post("/staff/e/dazu-2024/settings/publish", {"published": "1"})
    assert refused.status_code == 409
    assert "尚未确认：请在“设置 › 个人信息处理说明”中阅读并确认" in refused.content.decode()


def test_the_clone_command_publishes_only_once_the_carried_notice_is_confirmed():
    cloned()  # dazu-2023 with its notice, and a first clone
    with pytest.raises(CommandError, match="2025.1"):
        call_command("clone_edition", "dazu-2023", "dazu-2025", "--starts-on", "2025-06-26", "--publish")
    assert not Edition.objects.filter(slug="dazu-2025").exists()  # refused whole: no draft left behind

    call_command(
        "clone_edition",
        "dazu-2023",
        "dazu-2026",
        "--starts-on",
        "2026-06-26",
        "--confirm-notice",
        "--publish",
    )
    published = Edition.objects.get(slug="dazu-2026")
    assert published.published and published.consent_notices.get().confirmed_at is not None
