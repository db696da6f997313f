"""Printed sign-in sheets (签到表): one section per unit, read back by pdftotext."""

import pytest

from tests.events.badge_helpers import page_count, pdf_text
from tests.events.unit_helpers import make_unit
from tests.factories import make_category, make_edition, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition(venue="大足宾馆")
    make_category(edition, "delegate", name="代表")
    make_category(edition, "guest", name="嘉宾", requires_approval=True)
    make_unit(edition, "重庆市文旅委")
    make_unit(edition, "大足区人民政府")
    register(edition, name="王小明", organization="大足区人民政府", title="副区长")
    register(edition, name="陈一", organization="大足区人民政府", title="秘书")
    register(edition, name="李四", organization="重庆市文旅委", title="处长")
    register(edition, name="赵六", organization="四川美术学院", title="教授")
    register(edition, "guest", name="待审核", organization="重庆市文旅委")  # pending: not on a sheet
    cancelled = register(edition, name="已取消", organization="重庆市文旅委")
    from events.registration import services

    services.cancel_registration(registration=cancelled.registration)
    return edition


def get(client, edition, role="checkin", query=""):
    token = token_for(f"u-{role}", role)
    return client.get(
        f"/api/v1/events/{edition.slug}/checkin/sign-in-sheets.pdf{query}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_one_section_per_unit_with_name_unit_title_and_a_box_to_sign(client, edition):
    response = get(client, edition)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert page_count(pdf) == 3
    pages = pdf_text(pdf).split("\f")[:3]
    # Units in the order they were added, then other organisations.
    assert "重庆市文旅委" in pages[0] and "李四" in pages[0] and "处长" in pages[0]
    assert "王小明" not in pages[0]
    assert (
        "大足区人民政府" in pages[1] and "王小明" in pages[1] and "副区长" in pages[1] and "陈一" in pages[1]
    )
    assert "四川美术学院" in pages[2] and "赵六" in pages[2] and "教授" in pages[2]
    for page in pages:
        assert "签到表" in page and "签名" in page
    assert "本单位应到 2 人" in pages[1]
    whole = "".join(pages)
    assert "待审核" not in whole
    assert "已取消" not in whole


def test_sheets_can_be_limited_to_a_category(client, edition):
    text = pdf_text(get(client, edition, query="?category=guest").content)
    assert "暂无已确认的参会人员" in text


def test_sign_in_sheets_need_the_check_in_role(client, edition):
    assert client.get(f"/api/v1/events/{edition.slug}/checkin/sign-in-sheets.pdf").status_code == 401
    assert get(client, edition, role="viewer").status_code == 403
    assert get(client, edition, role="organiser").status_code == 200


def test_arrivals_dashboard_links_to_the_sheets(client, edition):
    from tests.factories import make_user

    client.force_login(make_user("door-staff", "checkin"))
    html = client.get(f"/staff/e/{edition.slug}/checkin/dashboard").content.decode()
    assert f'href="/api/v1/events/{edition.slug}/checkin/sign-in-sheets.pdf"' in html
    pdf = client.get(f"/api/v1/events/{edition.slug}/checkin/sign-in-sheets.pdf").content
    assert page_count(pdf) == 3
