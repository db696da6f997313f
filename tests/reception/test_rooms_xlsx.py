"""Rooms uploaded as XLSX for a hotel (built with openpyxl as a hotel would fill the template): added and
updated in one go; a bad row is a 422 listing row and field, and nothing is written. Also from the page."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from reception.models import Room
from reception.services import hotels
from tests.factories import make_user

from .factories import auth, guest, reception_edition, staff_token

pytestmark = pytest.mark.django_db


def xlsx(rows, header=("房号 Number", "房型 Type", "楼层 Floor", "床位 Beds")) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, edition, hotel, content, token=None, lang="en"):
    return client.post(
        f"/api/v1/events/{edition.slug}/hotels/{hotel.pk}/rooms.xlsx",
        {"file": SimpleUploadedFile("rooms.xlsx", content)},
        HTTP_ACCEPT_LANGUAGE=lang,
        **auth(token or staff_token()),
    )


def rooms(hotel):
    return sorted(Room.objects.filter(hotel=hotel).values_list("number", "room_type", "floor", "beds"))


def test_the_template_reads_back_and_uploads_as_it_is(client):
    edition = reception_edition()
    hotel = hotels.create_hotel(edition=edition, name="大足宾馆")
    token = staff_token()
    template = client.get(f"/api/v1/events/{edition.slug}/rooms-template.xlsx", **auth(token))
    ws = load_workbook(BytesIO(template.content)).active
    assert [c.value for c in ws[1]] == ["房号 Number", "房型 Type", "楼层 Floor", "床位 Beds"]
    r = upload(client, edition, hotel, template.content, token)
    assert (r.status_code, r.json()) == (200, {"created": 3, "updated": 0})
    assert rooms(hotel) == [("8101", "twin", "8", 2), ("8301", "single", "8", 1), ("8501", "suite", "8", 1)]


def test_rooms_added_and_updated_numbers_as_numbers_types_in_either_language(client):
    edition = reception_edition()
    hotel = hotels.create_hotel(edition=edition, name="大足宾馆")
    hotels.add_room(hotel=hotel, number="8101", room_type="single")
    r = upload(
        client,
        edition,
        hotel,
        xlsx([(8101, "标间", 8, 2), (8102, "Twin", 8, None), ("", "", "", ""), ("A1", "suite", "", 3)]),
    )
    assert (r.status_code, r.json()) == (200, {"created": 2, "updated": 1})
    assert rooms(hotel) == [("8101", "twin", "8", 2), ("8102", "twin", "8", 2), ("A1", "suite", "", 3)]


def test_bad_rows_are_listed_with_row_and_field_and_nothing_is_written(client):
    edition = reception_edition()
    hotel = hotels.create_hotel(edition=edition, name="大足宾馆")
    bad = xlsx(
        [
            (8101, "标间", 8, 2),
            (None, "标间", 8, 2),
            (8103, "大床房", 8, 1),
            (8101, "单间", 8, 1),
            (8105, "twin", 8, 12),
        ]
    )
    token = staff_token()
    r = upload(client, edition, hotel, bad, token)
    assert r.status_code == 422
    body = r.json()
    assert [(e["row"], e["field"]) for e in body["errors"]] == [
        (3, "number"),
        (4, "room_type"),
        (5, "number"),
        (6, "beds"),
    ]
    assert body["field"] == "number" and body["detail"].startswith("Row 3, number:")
    assert body["errors"][2]["message"] == "Room 8101 is also in row 2."
    assert rooms(hotel) == []
    zh = upload(client, edition, hotel, bad, token, lang="zh-hans").json()
    assert zh["errors"][1]["message"] == "请填写 单间、标间 或 套间（single、twin、suite）。"


def test_not_a_workbook_no_file_and_beds_below_the_people_in_the_room(client):
    edition = reception_edition()
    hotel = hotels.create_hotel(edition=edition, name="大足宾馆")
    r = upload(client, edition, hotel, b"not a workbook")
    assert (r.status_code, r.json()["field"]) == (422, "file")
    none = client.post(
        f"/api/v1/events/{edition.slug}/hotels/{hotel.pk}/rooms.xlsx", **auth(staff_token("n"))
    )
    assert (none.status_code, none.json()["field"]) == (422, "file")
    room = hotels.add_room(hotel=hotel, number="8101", room_type="twin")
    for name in ("王芳", "李娜"):
        guest(edition, name).stay.__class__.objects.filter(registration__name=name).update(room=room)
    r = upload(client, edition, hotel, xlsx([(8101, "twin", 8, 1)]), staff_token("m"))
    assert (r.status_code, r.json()["errors"]) == (
        422,
        [{"row": 2, "field": "beds", "message": "2 people are in room 8101."}],
    )
    assert rooms(hotel) == [("8101", "twin", "", 2)]


def test_the_reception_page_uploads_rooms_and_says_which_rows_are_wrong(client):
    edition = reception_edition()
    hotel = hotels.create_hotel(edition=edition, name="大足宾馆")
    client.force_login(make_user("rc-xlsx", "reception"))
    url = f"/staff/e/{edition.slug}/reception"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/api/v1/events/{edition.slug}/rooms-template.xlsx"' in page and 'name="file"' in page
    form = {"action": "rooms_xlsx", "hotel": hotel.pk}
    r = client.post(
        f"{url}/do",
        {**form, "file": SimpleUploadedFile("r.xlsx", xlsx([(None, "x", 1, 1), (9, "twin", 1, 9)]))},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    text = r.content.decode()
    assert (
        "Row 2, number: A room number is required." in text and "Row 3, beds: Between 1 and 8 beds." in text
    )
    assert rooms(hotel) == []
    r = client.post(
        f"{url}/do",
        {**form, "file": SimpleUploadedFile("r.xlsx", xlsx([(9101, "单间", 9, 1)]))},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "1 rooms added, 0 updated." in r.content.decode()
    assert rooms(hotel) == [("9101", "single", "9", 1)]
