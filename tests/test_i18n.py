"""Django's own i18n: every text has its Chinese in the catalog, and each client is answered in its language.

Messages are English msgids with the Chinese in locale/zh_Hans/LC_MESSAGES/django.po (compiled by set-up).
An API client chooses with Accept-Language; a page with the language switch (the django_language cookie);
with neither, the site's language, Chinese.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import timezone, translation

from events.enums import RegistrationStatus, status_label
from tests.factories import make_category, make_edition, register

ROOT = Path(settings.BASE_DIR)
KEYWORDS = {**DEFAULT_KEYWORDS, "gettext_lazy": None, "pgettext_lazy": ((1, "c"), 2), "ngettext_lazy": (1, 2)}
SOURCES = ["config", "events", "agenda", "signing", "seating", "documents", "templates"]
METHODS = [("documents/**.html", "ignore"), ("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]


def _catalog(locale: str):
    with (ROOT / "locale" / locale / "LC_MESSAGES" / "django.po").open("rb") as f:
        return read_po(f, locale=locale)


def _used_messages():
    for folder in SOURCES:
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map=METHODS, keywords=KEYWORDS
        ):
            yield (
                f"{folder}/{filename}:{lineno}",
                message if isinstance(message, str) else message[0],
                context,
            )


def test_every_text_of_the_code_and_pages_has_its_chinese():
    catalog = _catalog("zh_Hans")
    used = list(_used_messages())
    assert len(used) > 700  # the pages and messages are read, not an empty walk
    missing = []
    for where, msgid, context in used:
        entry = catalog.get(msgid, context=context)
        text = (
            entry.string[0]
            if entry is not None and isinstance(entry.string, tuple)
            else (entry and entry.string)
        )
        if not text:
            missing.append(f"{where}: {msgid!r}")
    assert missing == [], "run `make messages` and write the Chinese in locale/zh_Hans/LC_MESSAGES/django.po"


def test_the_english_catalog_holds_the_same_messages():
    zh = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in _catalog("zh_Hans") if m.id}
    en = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in _catalog("en") if m.id}
    assert zh == en


def test_no_page_picks_its_language_by_hand():
    """Pages say `_('English')`; the old inline pairs t('中文', 'English') are gone from every page."""
    pages = [p for p in (ROOT / "templates").rglob("*.html") if "documents" not in p.parts]
    assert len(pages) > 30
    assert [str(p) for p in pages if "{{ t(" in p.read_text() or " t('" in p.read_text()] == []


def test_the_compiled_catalog_is_what_the_site_speaks():
    with translation.override("zh-hans"):
        assert translation.gettext("Registration is closed.") == "报名已截止。"
        assert status_label(RegistrationStatus.WAITLISTED) == "候补中"
    with translation.override("en"):
        assert translation.gettext("Registration is closed.") == "Registration is closed."
        assert status_label(RegistrationStatus.WAITLISTED) == "On the waiting list"


def _register(client, slug, *, language=None, **over):
    body = {"category": "delegate", "name": "李四", "organization": "大足区经信委", "email": "a@example.com"}
    body.update(consent=True, **over)
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return client.post(
        f"/api/v1/events/{slug}/registrations", json.dumps(body), content_type="application/json", **headers
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Registration is closed."),
        ("en-GB,en;q=0.9", "Registration is closed."),
        ("zh-CN,zh;q=0.9", "报名已截止。"),
        (None, "报名已截止。"),
    ],
)
def test_an_api_error_is_in_the_language_the_client_asks_for(client, language, expected):
    edition = make_edition(registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    make_category(edition)
    response = _register(client, edition.slug, language=language)
    assert (response.status_code, response.json()) == (409, {"detail": expected})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "too_long", "missing"),
    [
        ("en", "At most 100 characters.", "This field is required."),
        ("zh-hans", "最多 100 个字符。", "此项必填。"),
    ],
)
def test_a_schema_error_is_in_the_language_the_client_asks_for(client, language, too_long, missing):
    """pydantic's own English ("String should have at most 100 characters") is said in the client's language."""
    edition = make_edition()
    make_category(edition)
    long_name = _register(client, edition.slug, language=language, name="名" * 101).json()
    assert [(e["field"], e["msg"]) for e in long_name["detail"]] == [("name", too_long)]
    body = {"category": "delegate", "organization": "x", "email": "a@example.com", "consent": True}
    no_name = client.post(
        f"/api/v1/events/{edition.slug}/registrations",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    ).json()
    assert [(e["field"], e["msg"]) for e in no_name["detail"]] == [("name", missing)]


@pytest.mark.django_db
def test_a_page_speaks_the_language_chosen_with_the_switch(client):
    edition = make_edition()
    make_category(edition)
    chinese = client.get(f"/e/{edition.slug}/register").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/e/{edition.slug}/register").content.decode()
    assert "Register" in english and "报名" not in english.split("<main", 1)[1].split("</main>")[0]
    assert "报名" in chinese


@pytest.mark.django_db
def test_a_status_on_the_attendees_page_is_in_its_language(client):
    edition = make_edition()
    make_category(edition, requires_approval=True)
    result = register(edition)
    page = f"/r/{result.manage_token}"
    assert "待审核" in client.get(page).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(page).content.decode()
    assert "Awaiting approval" in text and "待审核" not in text
