"""Organisers' registration work on the staff pages and the XLSX export."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from events.enums import RegistrationStatus as S
from events.models import Registration, StaffAccessLog
from tests.factories import make_category, make_edition, make_user, register, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True, capacity=5)
    make_category(edition, "delegate", name="代表", name_en="Delegate")
    make_category(edition, "vip", name="贵宾", name_en="VIP", public=False)
    return edition


def test_registrations_xlsx_one_row_per_person_bilingual_headers_real_dates(client, edition):
    register(edition, "guest", name="李明", email="li@example.com", organization="=HYPERLINK(1)")
    register(edition, "delegate", name="王芳", email="wang@example.com")
    token = token_for("v", "viewer")
    response = client.get(
        f"/api/v1/events/{edition.slug}/registrations.xlsx?status=pending",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("报名编号 Code", "姓名 Name", "英文名 Name in Latin letters")
    assert len(rows) == 2  # the filter: only the pending guest
    assert rows[1][1] == "李明"
    assert rows[1][3] == "=HYPERLINK(1)"
    assert ws.cell(2, 4).data_type == "s"
    assert rows[1][8] == "待审核 Awaiting approval"
    assert isinstance(rows[1][9], dt.datetime)
    assert StaffAccessLog.objects.filter(action="export_registrations").count() == 1


def test_registrations_xlsx_needs_a_staff_role(client, edition):
    assert client.get(f"/api/v1/events/{edition.slug}/registrations.xlsx").status_code == 401


def test_organiser_adds_a_registration_in_an_invitation_only_category(client, edition):
    client.force_login(make_user("boss", "organiser"))
    response = client.post(
        f"/staff/e/{edition.slug}/registrations/new",
        {
            "category": "vip",
            "name": "贵宾甲",
            "organization": "大足区政府",
            "email": "vip@example.com",
            "language": "zh-hans",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    reg = Registration.objects.get(email="vip@example.com")
    assert (reg.category.code, reg.status) == ("vip", S.CONFIRMED)


def test_organiser_edits_a_registration(client, edition):
    reg = register(edition, "delegate", name="王芳").registration
    client.force_login(make_user("boss", "organiser"))
    response = client.post(
        f"/staff/e/{edition.slug}/registrations/{reg.code}/edit",
        {"name": "王芳芳", "organization": "重庆设计院", "email": reg.email, "language": "zh-hans"},
    )
    assert response.status_code == 302
    reg.refresh_from_db()
    assert (reg.name, reg.organization.name, reg.ticket_version) == ("王芳芳", "重庆设计院", 2)


def test_bulk_approve(client, edition):
    a = register(edition, "guest", name="甲").registration
    b = register(edition, "guest", name="乙").registration
    client.force_login(make_user("boss", "organiser"))
    client.post(f"/staff/e/{edition.slug}/registrations/approve", {"code": [a.code, b.code]})
    assert sorted(Registration.objects.values_list("status", flat=True)) == [S.CONFIRMED, S.CONFIRMED]


def test_confirmed_registration_is_cancelled_not_rejected(client, edition):
    reg = register(edition, "delegate").registration
    client.force_login(make_user("boss", "organiser"))
    client.post(f"/staff/e/{edition.slug}/registrations/{reg.code}/reject")
    reg.refresh_from_db()
    assert reg.status == S.CONFIRMED
    html = client.get(f"/staff/e/{edition.slug}/").content.decode()
    assert "已确认的报名只能取消，不能拒绝" in html
    assert f"/registrations/{reg.code}/reject" not in html
    assert f'/registrations/{reg.code}/cancel" class="inline" data-confirm=' in html
    client.post(f"/staff/e/{edition.slug}/registrations/{reg.code}/cancel")
    reg.refresh_from_db()
    assert reg.status == S.CANCELLED


def test_reject_asks_for_confirmation_on_the_page(client, edition):
    reg = register(edition, "guest", name="甲").registration
    client.force_login(make_user("boss", "organiser"))
    html = client.get(f"/staff/e/{edition.slug}/").content.decode()
    assert (
        f'/registrations/{reg.code}/reject" class="inline" data-confirm="确定拒绝 {reg.code} 甲 的报名吗？'
        in html
    )
