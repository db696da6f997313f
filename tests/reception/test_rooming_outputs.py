"""Where a room shows: the hotel's rooming list (XLSX, read back with openpyxl), the desk's 分房表 (PDF, read
back with pdftotext), the check-in verdict, the offline snapshot and the ticket page."""

import datetime as dt
import json
import subprocess
from io import BytesIO

import pytest
from openpyxl import load_workbook

from events.checkin import offline as checkin_offline
from events.models import ReplyForm
from reception.models import Stay
from reception.services import assignment
from tests.factories import make_point, register, token_for

from .factories import N1, N2, auth, guest, hotel_with_rooms, reception_edition, staff_token

pytestmark = pytest.mark.django_db


def placed_edition():
    edition = reception_edition()
    hotel = hotel_with_rooms(edition, twins=2, singles=1)
    a = guest(edition, "王芳", unit="大足区经信委")
    b = guest(edition, "李娜", unit="大足区经信委", arrival=N2)
    c = guest(edition, "张伟", gender="m", room_type="single", sharing=False, unit="双桥园区")
    assignment.assign_rooms(edition=edition)
    return edition, hotel, (a, b, c)


def test_rooming_list_xlsx_has_a_sheet_per_night(client):
    edition, hotel, (a, b, c) = placed_edition()
    r = client.get(
        f"/api/v1/events/{edition.slug}/hotels/{hotel.pk}/rooming-list.xlsx", **auth(staff_token())
    )
    assert r.status_code == 200
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wb = load_workbook(BytesIO(r.content))
    assert wb.sheetnames == [N1, N2]
    rows = [[c.value for c in row] for row in wb[N1].iter_rows()]
    assert rows[0][:4] == ["房号 Room", "房型 Type", "姓名 Name", "性别 Gender"]
    assert [(r[0], r[2], r[9]) for r in rows[1:]] == [("8101", "王芳", None), ("8201", "张伟", None)]
    night2 = [[c.value for c in row] for row in wb[N2].iter_rows(min_row=2)]
    assert [(r[0], r[2], r[6], r[7], r[8], r[9]) for r in night2] == [
        ("8101", "王芳", dt.datetime(2030, 6, 27), dt.datetime(2030, 6, 29), 2, "李娜"),
        ("8101", "李娜", dt.datetime(2030, 6, 28), dt.datetime(2030, 6, 29), 1, "王芳"),
        ("8201", "张伟", dt.datetime(2030, 6, 27), dt.datetime(2030, 6, 29), 2, None),
    ]


def test_rooming_list_for_one_night_and_a_bad_night(client):
    edition, hotel, _ = placed_edition()
    url = f"/api/v1/events/{edition.slug}/hotels/{hotel.pk}/rooming-list.xlsx"
    wb = load_workbook(BytesIO(client.get(f"{url}?night={N1}", **auth(staff_token())).content))
    assert wb.sheetnames == [N1]
    bad = client.get(f"{url}?night=tomorrow", HTTP_ACCEPT_LANGUAGE="en", **auth(staff_token("x")))
    assert (bad.status_code, bad.json()["field"]) == (422, "night")


def test_desk_pdf_lists_rooms_by_unit(client, tmp_path):
    edition, _hotel, _ = placed_edition()
    r = client.get(f"/api/v1/events/{edition.slug}/rooming/desk.pdf", **auth(staff_token()))
    assert (r.status_code, r["Content-Type"]) == (200, "application/pdf")
    path = tmp_path / "desk.pdf"
    path.write_bytes(r.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "分房表" in text
    assert "大足区经信委（2 人）" in text and "双桥园区（1 人）" in text
    line = next(line for line in text.splitlines() if "王芳" in line)
    assert "8101" in line and "李娜" in line


def test_checkin_verdict_snapshot_and_ticket_page_carry_the_room(client):
    edition = reception_edition()
    hotel_with_rooms(edition, twins=1, singles=0)
    make_point(edition, "main-hall", is_default=True)
    result = register(edition, name="王小明")
    ReplyForm.objects.create(
        registration=result.registration,
        hotel_needed=True,
        room_type="twin",
        sharing=False,
        arrival_date=dt.date(2030, 6, 27),
        departure_date=dt.date(2030, 6, 29),
    )
    assignment.assign_rooms(edition=edition)
    stay = {"hotel": "大足宾馆", "hotel_en": "", "room": "8101", "nights": [N1, N2]}
    body = client.post(
        f"/api/v1/events/{edition.slug}/checkin",
        json.dumps({"token": result.ticket_token}),
        content_type="application/json",
        **auth(token_for("door", "checkin")),
    ).json()
    assert body["result"] == "ok"
    assert body["registration"]["stay"] == stay
    snap = json.loads(checkin_offline.snapshot_bytes(checkin_offline.build_snapshot(slug=edition.slug)))
    row = next(p for p in snap["people"] if p[0] == result.registration.code)
    assert row[snap["people_fields"].index("stay")] == stay
    page = client.get(f"/r/{result.manage_token}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "大足宾馆：<strong>8101</strong>" in page


def test_no_room_no_stay_in_the_verdict(client):
    edition = reception_edition()
    make_point(edition, "main-hall", is_default=True)
    result = register(edition, name="王小明")
    body = client.post(
        f"/api/v1/events/{edition.slug}/checkin",
        json.dumps({"token": result.ticket_token}),
        content_type="application/json",
        **auth(token_for("door", "checkin")),
    ).json()
    assert "stay" not in body["registration"]
    assert Stay.objects.count() == 0
