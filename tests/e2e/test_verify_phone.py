import pytest

from events.models import Organization
from signing import services
from signing.award_titles import define_award_title

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_verify_page_on_a_phone_shows_title_recipient_and_status(live_server, phone_page, tmp_path):
    define_award_title(
        code="design-base",
        name="成渝地区双城经济圈工业设计赋能基地",
        name_en="Industrial Design Empowerment Base of the Chengdu-Chongqing Economic Circle",
        issuers=["重庆市经济和信息化委员会"],
        validity_years=5,
    )
    Organization.objects.create(name="大足石刻文创园", name_en="Shike Cultural and Creative Park, Dazu")
    award = services.issue_award(title="design-base", recipient="大足石刻文创园")
    page = phone_page
    page.goto(f"{live_server.url}/verify/{award.serial}")
    assert page.locator(".verify-card h1").inner_text() == "成渝地区双城经济圈工业设计赋能基地"
    assert page.locator(".verdict").inner_text().startswith("✓")
    assert "Shike Cultural and Creative Park, Dazu" in page.locator(".recipient").inner_text()
    assert page.locator(".serial").inner_text() == award.serial
    # Nothing overflows sideways on a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "verify-phone.png"), full_page=True)
    services.revoke_award(award=award, reason="材料不实")
    page.reload()
    assert page.locator(".verdict").inner_text().startswith("✗")
    assert "已撤销" in page.locator(".status-text").inner_text()
