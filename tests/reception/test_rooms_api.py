"""Hotels, blocks, rooms, stays and room assignment through the API."""

import pytest

from reception.models import Stay

from .factories import auth, guest, hotel_with_rooms, post, reception_edition, staff_token

pytestmark = pytest.mark.django_db


def test_hotel_block_and_room_are_created(client):
    edition = reception_edition()
    token = staff_token()
    base = f"/api/v1/events/{edition.slug}"
    r = post(
        client, f"{base}/hotels", token, {"name": "大足宾馆", "address": "龙岗街道", "distance_minutes": 10}
    )
    assert r.status_code == 201
    hotel = r.json()["id"]
    block = {
        "room_type": "twin",
        "nights": {"2030-06-27": 20, "2030-06-28": 20},
        "rate": 380,
        "cutoff_on": "2030-06-20",
    }
    assert post(client, f"{base}/hotels/{hotel}/blocks", token, block).status_code == 201
    r = post(client, f"{base}/hotels/{hotel}/rooms", token, {"number": "8101", "room_type": "twin"})
    assert r.status_code == 201
    again = post(client, f"{base}/hotels/{hotel}/rooms", token, {"number": "8101", "room_type": "twin"})
    assert (again.status_code, again.json()["field"]) == (409, "number")


def test_bad_block_is_a_422_naming_the_field_in_english(client):
    edition = reception_edition()
    token = staff_token()
    hotel = hotel_with_rooms(edition)
    r = client.post(
        f"/api/v1/events/{edition.slug}/hotels/{hotel.pk}/blocks",
        '{"room_type": "twin", "nights": {"June 27": 3}}',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **auth(token),
    )
    assert r.status_code == 422
    assert r.json() == {"detail": "Use a date like 2023-06-27.", "field": "nights"}


def test_stays_come_from_the_reply_form(client):
    edition = reception_edition()
    a = guest(edition, "王芳", arrival="2030-06-27", departure="2030-06-29", share_with="李娜")
    r = client.get(f"/api/v1/events/{edition.slug}/stays", **auth(staff_token("v", "view")))
    assert r.status_code == 200
    assert r.json() == [
        {
            "code": a.code,
            "name": "王芳",
            "unit": "重庆市经济和信息化委员会",
            "gender": "f",
            "nights": ["2030-06-27", "2030-06-28"],
            "room_type": "twin",
            "sharing": True,
            "share_with": "李娜",
            "accompanies": "",
            "hotel": "",
            "room": "",
            "roommates": [],
            "pinned": False,
        }
    ]


def test_staff_edit_nights_and_gender(client):
    edition = reception_edition()
    a = guest(edition, "王芳", gender="")
    r = client.patch(
        f"/api/v1/events/{edition.slug}/stays/{a.code}",
        '{"gender": "f", "nights": ["2030-06-28"]}',
        content_type="application/json",
        **auth(staff_token()),
    )
    assert r.status_code == 200
    assert (r.json()["gender"], r.json()["nights"]) == ("f", ["2030-06-28"])


def test_assign_pairs_roommates_and_says_who_cannot_be_placed(client):
    edition = reception_edition()
    hotel_with_rooms(edition, twins=1, singles=0)
    a, b = guest(edition, "王芳"), guest(edition, "李娜")
    c = guest(edition, "张伟", gender="m")
    r = post(client, f"/api/v1/events/{edition.slug}/rooming/assign", staff_token(), {})
    assert r.status_code == 200
    body = r.json()
    assert [(x["code"], x["room"], x["roommates"]) for x in body["assigned"]] == [
        (a.code, "8101", [b.code]),
        (b.code, "8101", [a.code]),
    ]
    assert body["unassigned"] == [{"code": c.code, "reason": "no_room"}]
    assert sorted(x["code"] for x in body["changes"]) == [a.code, b.code]
    assert body["changes"][0]["from"] == "" and body["changes"][0]["to"] == "大足宾馆 8101"


def test_move_pins_and_a_rerun_keeps_the_pin(client):
    edition = reception_edition()
    hotel_with_rooms(edition, twins=3, singles=0)
    a, b = guest(edition, "王芳"), guest(edition, "李娜")
    token = staff_token()
    post(client, f"/api/v1/events/{edition.slug}/rooming/assign", token, {})
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/rooming/move",
        token,
        {"code": b.code, "room": {"hotel": "大足宾馆", "number": "8103"}},
    )
    assert r.status_code == 200
    assert r.json()["changes"] == [{"code": b.code, "from": "大足宾馆 8101", "to": "大足宾馆 8103"}]
    again = post(client, f"/api/v1/events/{edition.slug}/rooming/assign", token, {}).json()
    rooms = {x["code"]: x["room"] for x in again["assigned"]}
    assert rooms == {a.code: "8101", b.code: "8103"}
    assert again["changes"] == []
    assert Stay.objects.get(registration=b).pinned is True


def test_move_into_a_full_room_or_the_other_gender_is_refused(client):
    edition = reception_edition()
    hotel_with_rooms(edition, twins=2, singles=0)
    a, _b = guest(edition, "王芳"), guest(edition, "李娜")
    c = guest(edition, "张伟", gender="m")
    token = staff_token()
    post(client, f"/api/v1/events/{edition.slug}/rooming/assign", token, {})
    full = post(
        client,
        f"/api/v1/events/{edition.slug}/rooming/move",
        token,
        {"code": c.code, "room": {"hotel": "大足宾馆", "number": "8101"}},
    )
    assert full.status_code == 409
    swap = post(client, f"/api/v1/events/{edition.slug}/rooming/move", token, {"a": a.code, "b": c.code})
    assert swap.status_code == 409  # c, a man, would join b


def test_reception_writes_need_the_flag(client):
    edition = reception_edition()
    viewer = staff_token("v", "view")
    assert post(client, f"/api/v1/events/{edition.slug}/hotels", viewer, {"name": "x"}).status_code == 403
    assert (
        client.post(
            f"/api/v1/events/{edition.slug}/rooming/assign", "{}", content_type="application/json"
        ).status_code
        == 401
    )


def test_patch_for_someone_who_asks_no_room_writes_nothing(client):
    edition = reception_edition()
    from tests.seating.factories import person

    reg = person(edition, "赵敏")
    r = client.patch(
        f"/api/v1/events/{edition.slug}/stays/{reg.code}",
        '{"gender": "f"}',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **auth(staff_token()),
    )
    assert r.json() == {"detail": "This person asks for no room: give the nights.", "field": "nights"}
    assert r.status_code == 409
    assert Stay.objects.filter(registration=reg).count() == 0
