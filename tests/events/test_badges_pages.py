"""The staff documents page: organisers only; starting a badge job in the browser shows its progress
and the download link."""

import pytest

from events.enums import Role
from tests.e2e import conftest as e2e
from tests.factories import make_category, make_edition, make_user, register

# The Playwright fixtures live in tests/e2e/conftest.py; this file sits beside the other badge tests.
browser = e2e.browser
desk_page = e2e.desk_page


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def edition_with_guests(n=3):
    edition = make_edition(name="2030成渝工业设计赋能大会")
    make_category(edition, "guest", name="嘉宾", name_en="Guest")
    make_category(edition, "media", name="媒体", name_en="Media")
    for i in range(n):
        register(edition, "guest", name=f"王{i}")
    return edition


@pytest.mark.django_db
def test_documents_page_for_organiser_lists_badges_and_other_documents(client):
    edition = edition_with_guests()
    client.force_login(make_user("org", Role.ORGANISER))
    response = client.get(f"/staff/e/{edition.slug}/documents")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="badges"' in html
    for kind in ("programme", "run-of-show", "signing-list", "placards", "certificates"):
        assert f"/api/v1/events/{edition.slug}/documents/{kind}.pdf" in html


@pytest.mark.django_db
def test_documents_page_is_403_for_checkin_staff_and_redirects_anonymous(client):
    edition = edition_with_guests()
    assert client.get(f"/staff/e/{edition.slug}/documents").status_code == 302
    client.force_login(make_user("door", Role.CHECKIN))
    assert client.get(f"/staff/e/{edition.slug}/documents").status_code == 403


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_badge_job_from_documents_page_shows_progress_and_download(live_server, desk_page):
    edition = edition_with_guests(3)
    make_user("org", Role.ORGANISER, password="pw-123456")
    page = desk_page
    page.goto(f"{live_server.url}/staff/login?next=/staff/e/{edition.slug}/documents")
    page.fill("input[name=username]", "org")
    page.fill("input[name=password]", "pw-123456")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#badges")
    page.select_option("select[name=category]", "guest")
    page.click("form.badge-job button[type=submit]")
    link = page.locator(".job a", has_text="下载 PDF")
    link.wait_for(timeout=15000)
    assert page.locator(".job .job-state").first.inner_text() == "3/3 已完成"
    assert page.locator(".job progress").first.get_attribute("value") == "3"
    page.screenshot(path="/tmp/documents-page.png", full_page=True)
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert (response.status, response.body()[:5]) == (200, b"%PDF-")
