"""The staff documents page in Chromium: a badge job shows its progress and the download link."""

import pytest

from tests.events.test_badges_pages import edition_with_guests
from tests.factories import make_user


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_badge_job_from_documents_page_shows_progress_and_download(live_server, desk_page, tmp_path):
    edition = edition_with_guests(3)
    make_user("org", "admin", password="pw-123456")
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
    page.screenshot(path=str(tmp_path / "documents-page.png"), full_page=True)
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert (response.status, response.body()[:5]) == (200, b"%PDF-")
