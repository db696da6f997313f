"""The staff documents page: organisers only; starting a badge job in the browser shows its progress
and the download link."""

import pytest

from tests.factories import make_category, make_edition, make_user, register


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
    client.force_login(make_user("org", "admin"))
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
    client.force_login(make_user("door", "checkin"))
    assert client.get(f"/staff/e/{edition.slug}/documents").status_code == 403


@pytest.mark.django_db
def test_documents_page_speaks_one_language_after_a_reload(client, django_capture_on_commit_callbacks):
    from events.badges import jobs

    edition = edition_with_guests()
    user = make_user("org", "organiser")
    client.force_login(user)
    jobs.start_badge_job(edition=edition, user=user)
    jobs.start_badge_job(edition=edition, user=user, category="guest", size="card")
    html = client.get(f"/staff/e/{edition.slug}/documents").content.decode()
    assert "<title>文档与胸卡 · " in html  # as the staff home names it
    assert "全部类别 · A6 (105×148 mm)" in html and "嘉宾 · 卡片 (90×54 mm)" in html
    assert "*" not in html.split('class="jobs"')[1].split("</ul>")[0]
    assert " queued<" not in html and " done<" not in html
    assert "/api/v1/events/" + edition.slug + "/registrations/" not in html
