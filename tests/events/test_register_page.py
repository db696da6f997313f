"""The registration page as a person meets it: sensible defaults, and a failed attempt that says so at the
top, in the page's one language, with the fields marked."""

import re

import pytest

from tests.factories import make_category, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True, order=0)
    make_category(edition, "delegate", name="代表", name_en="Delegate", order=1)
    return edition


def test_form_preselects_a_category_that_needs_no_approval(client, edition):
    html = client.get(f"/e/{edition.slug}/register").content.decode()
    assert re.findall(r'<option value="(\w+)" selected>', html) == ["delegate"]


def test_failed_registration_shows_a_summary_and_marks_the_fields(client, edition):
    response = client.post(
        f"/e/{edition.slug}/register",
        {
            "category": "delegate",
            "name": "",
            "organization": "",
            "email": "not-an-address",
            "language": "zh-hans",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    start = html.index(">", html.index('id="error-summary"')) + 1
    summary = html[start : html.index("</div>", start)]
    assert "提交未成功，请修改以下 4 处" in summary
    assert re.findall(r'<a href="#(id_\w+)">', summary) == [
        "id_name",
        "id_organization",
        "id_email",
        "id_consent",
    ]
    assert sorted(re.findall(r'id="(id_\w+)"[^>]*aria-invalid="true"', html)) == [
        "id_consent",
        "id_email",
        "id_name",
        "id_organization",
    ]
    # One language per page: no English sentence on the Chinese page.
    text = re.sub(r"<[^>]+>", " ", summary)
    assert re.findall(r"[A-Za-z]{3,}", text) == []


def test_failed_registration_in_english_speaks_english_only(client, edition):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(
        f"/e/{edition.slug}/register",
        {
            "category": "delegate",
            "name": "Li",
            "organization": "X",
            "email": "li@example.com",
            "language": "en",
        },
    )
    html = response.content.decode()
    start = html.index(">", html.index('id="error-summary"')) + 1
    summary = html[start : html.index("</div>", start)]
    assert "Not sent yet: please fix 1 thing(s):" in summary
    assert re.search(r"[\u4e00-\u9fff]", summary) is None
