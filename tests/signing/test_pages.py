import pytest

from events.models import Organization
from signing import services
from signing.models import Award
from tests.factories import make_category, make_edition, make_user, register
from tests.signing.factories import make_project, make_title

pytestmark = pytest.mark.django_db


def test_verify_page_shows_award_in_both_languages(client):
    make_title()
    Organization.objects.create(name="天府设计产业园", name_en="Tianfu Design Industry Park, Chengdu")
    award = services.issue_award(title="design-base", recipient="天府设计产业园")
    response = client.get(f"/verify/{award.serial}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "成渝地区双城经济圈工业设计赋能基地" in html
    assert "Industrial Design Empowerment Base of the Chengdu-Chongqing Economic Circle" in html
    assert "Tianfu Design Industry Park, Chengdu" in html
    assert 'data-status="active"' in html
    assert 'data-signature="valid"' in html


def test_verify_page_of_tampered_award_warns(client):
    make_title()
    award = services.issue_award(title="design-base", recipient="天府设计产业园")
    Award.objects.filter(pk=award.pk).update(document_number="伪造〔2023〕1号")
    html = client.get(f"/verify/{award.serial}").content.decode()
    assert 'data-signature="invalid"' in html
    assert "do not rely on it" in html


def test_verify_page_unknown_serial_is_404_revealing_nothing(client):
    make_title()
    services.issue_award(title="design-base", recipient="天府设计产业园")
    response = client.get("/verify/2023-ZZZZ-ZZZZ")
    assert response.status_code == 404
    assert "天府" not in response.content.decode()
    # It repeats only the number the visitor typed, to say plainly that no such certificate was issued.
    assert "本系统未签发编号为 2023-ZZZZ-ZZZZ 的证书。" in response.content.decode()


def test_staff_signing_page_lists_projects_awards_and_document_links(client):
    edition = make_edition()
    make_project(edition, name="达索系统数字化设计创新中心项目")
    make_title()
    award = services.issue_award(title="design-base", recipient="大足石刻文创园", edition=edition)
    client.force_login(make_user("org", "admin"))
    html = client.get(f"/staff/e/{edition.slug}/signing").content.decode()
    assert "达索系统数字化设计创新中心项目" in html
    assert award.serial in html
    assert f"/api/v1/events/{edition.slug}/documents/placards.pdf" in html
    assert f"/api/v1/events/{edition.slug}/documents/ceremony.zip?lang=both" in html


def test_staff_signing_page_needs_login(client):
    edition = make_edition()
    response = client.get(f"/staff/e/{edition.slug}/signing")
    assert response.status_code == 302
    assert "/staff/login" in response["Location"]


def test_staff_signing_page_for_viewer_has_no_print_links(client):
    edition = make_edition()
    client.force_login(make_user("viewer", "view"))
    response = client.get(f"/staff/e/{edition.slug}/signing")
    assert response.status_code == 200
    assert "documents/placards.pdf" not in response.content.decode()
    assert "documents/ceremony.zip" not in response.content.decode()


def test_organisation_page_shows_registrations_signings_and_awards_across_editions(client):
    first, second = make_edition(), make_edition()
    make_category(first)
    register(first, name="王小明", organization="大足石刻文创园")
    make_project(
        second,
        name="石雕产业设计服务平台项目",
        parties=[{"organization": "大足石刻文创园", "signatory": "何芳"}],
    )
    make_title()
    award = services.issue_award(title="design-base", recipient="大足石刻文创园", edition=first)
    org = Organization.objects.get(name="大足石刻文创园")
    client.force_login(make_user("organiser", "admin"))
    html = client.get(f"/staff/organizations/{org.pk}").content.decode()
    assert "王小明" in html
    assert "石雕产业设计服务平台项目" in html
    assert award.serial in html
    assert first.slug in html and second.slug in html


def test_organisation_page_unknown_is_404(client):
    client.force_login(make_user("viewer", "view"))
    assert client.get("/staff/organizations/99999").status_code == 404
