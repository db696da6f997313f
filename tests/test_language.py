"""The language is decided in one place (events/language.py: `is_en`, `localized`), and the door's verdicts
and the statuses have one wording each, translated by the catalogs: the scanner page says them as the enums
do, in Chinese and in English."""

import ast
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from events.enums import RegistrationStatus, ScanVerdict, status_label, verdict_label
from events.language import is_en, localized
from tests.factories import make_edition, make_point, make_user

ROOT = Path(__file__).resolve().parent.parent
CODE = (
    "config",
    "events",
    "agenda",
    "signing",
    "seating",
    "documents",
    "organizers",
    "audit",
    "accounts",
    "reception",
    "followup",
    "reports",
)
# A localised name picked by hand: `x.name_en or x.name) if en`, `x.name_en if is_en() and x.name_en else`.
HAND_PICKED = re.compile(r"_en or [\w.]+\)? if (en|is_en\(\))\b|_en if (en|is_en\(\)) and ")


def python_files():
    for package in CODE:
        yield from (p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def test_the_language_is_decided_in_one_module():
    defined = [
        f"{path.relative_to(ROOT)}:{node.name}"
        for path in python_files()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name in ("is_en", "_en", "_is_en", "en")
    ]
    assert defined == ["events/language.py:is_en"]


def test_no_name_is_picked_by_hand_for_a_language():
    pages = (ROOT / "templates").rglob("*.html")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in [*python_files(), *pages]
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if HAND_PICKED.search(line)
    ]
    assert found == []


def test_a_person_and_a_request_have_a_language_and_an_object_its_name():
    row = {"name": "主会场", "name_en": "Main hall"}
    with translation.override("en"):
        assert (is_en(), localized(row), localized({"name": "主会场", "name_en": ""})) == (
            True,
            "Main hall",
            "主会场",
        )
        assert is_en(type("P", (), {"language": "zh-hans"})()) is False
    with translation.override("zh-hans"):
        assert (is_en(), localized(row), localized(row, en=True)) == (False, "主会场", "Main hall")


@pytest.mark.parametrize(
    ("language", "ok", "pending"),
    [("zh-hans", "签到成功", "待审核"), ("en", "Checked in", "Awaiting approval")],
)
def test_verdicts_and_statuses_have_one_wording_each_translated(language, ok, pending):
    with translation.override(language):
        assert (verdict_label("ok"), status_label("pending")) == (ok, pending)
        words = [verdict_label(v) for v in ScanVerdict.values]
    assert len(set(words)) == len(words)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_scanner_page_says_the_verdicts_and_statuses_as_the_enums_do(language):
    edition = make_edition()
    make_point(edition, is_default=True)
    client = Client()
    client.force_login(make_user("door", "checkin"))
    page = client.get(f"/staff/e/{edition.slug}/checkin", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    texts = json.loads(
        re.search(r'<script type="application/json" id="checkin-text">(.*?)</script>', page, re.S)[1]
    )
    with translation.override(language):
        assert {v: texts[v] for v in ScanVerdict.values} == {v: verdict_label(v) for v in ScanVerdict.values}
        assert {s: texts[f"status_{s}"] for s in RegistrationStatus.values} == {
            s: status_label(s) for s in RegistrationStatus.values
        }
