"""Seating plans through the API: create, assign (precedence, pins, swaps, recompute), conflicts, errors."""

import datetime as dt
import json

import pytest

from events.registration import services as event_services
from seating.models import SeatAssignment
from seating.services import assignment, protocol
from tests.factories import token_for

from .factories import person, plan, seating_edition

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def organiser():
    return token_for("org", "admin")


def post(client, url, token, data):
    return client.post(url, json.dumps(data), content_type="application/json", **auth(token))


def names_by_seat(seats, row=1):
    return [s["name"] for s in sorted((s for s in seats if s["row"] == row), key=lambda s: s["seat"])]


def test_create_list_and_get_a_plan(client, organiser):
    edition = seating_edition()
    url = f"/api/v1/events/{edition.slug}/seating-plans"
    r = post(client, url, organiser, {"name": "主席台", "kind": "rostrum", "rows": [5, 7], "honour": "right"})
    assert r.status_code == 201
    plan_id = r.json()["id"]
    assert client.get(url, **auth(organiser)).json() == [{"id": plan_id, "name": "主席台", "kind": "rostrum"}]
    got = client.get(f"{url}/{plan_id}", **auth(organiser)).json()
    assert (got["rows"], got["honour"], got["capacity"], got["seats"]) == ([5, 7], "right", 12, [])


def test_rostrum_of_five_reads_5_3_1_2_4_from_the_audience(client, organiser):
    edition = seating_edition()
    people = [person(edition, n) for n in ["一号", "二号", "三号", "四号", "五号"]]
    p = plan(edition, rows=[5])
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/assign",
        organiser,
        {"people": [x.code for x in people]},
    )
    assert r.status_code == 200
    body = r.json()
    assert names_by_seat(body["seats"]) == ["五号", "三号", "一号", "二号", "四号"]
    first = next(s for s in body["seats"] if s["name"] == "一号")
    assert first == {"code": people[0].code, "name": "一号", "row": 1, "seat": 3, "label": "主席台 第1排 3号"}
    # A first assignment: everyone is a change from nowhere, in seat order (the placards to print).
    assert [(c["name"], c["from"], c["to"]) for c in body["changes"]] == [
        ("五号", None, "主席台 第1排 1号"),
        ("三号", None, "主席台 第1排 2号"),
        ("一号", None, "主席台 第1排 3号"),
        ("二号", None, "主席台 第1排 4号"),
        ("四号", None, "主席台 第1排 5号"),
    ]
    assert body["conflicts"] == []


def test_rostrum_of_six_honour_right_mirrors(client, organiser):
    edition = seating_edition()
    people = [person(edition, f"第{i}位") for i in range(1, 7)]
    p = plan(edition, rows=[6], honour="right")
    body = assignment.assign_seats(plan=p, people=[x.code for x in people])
    assert names_by_seat(body["seats"]) == ["第6位", "第4位", "第2位", "第1位", "第3位", "第5位"]


def test_default_people_are_the_protocol_list_in_order(client, organiser):
    edition = seating_edition()
    a, b, c = person(edition, "甲"), person(edition, "乙"), person(edition, "丙")
    r = client.put(
        f"/api/v1/events/{edition.slug}/protocol-list",
        json.dumps({"codes": [c.code, a.code, b.code]}),
        content_type="application/json",
        **auth(organiser),
    )
    assert [e["name"] for e in r.json()] == ["丙", "甲", "乙"]
    p = plan(edition, rows=[3])
    body = assignment.assign_seats(plan=p)
    assert names_by_seat(body["seats"]) == ["乙", "丙", "甲"]


def test_pinned_chair_survives_a_recompute(client, organiser):
    edition = seating_edition()
    people = [person(edition, n) for n in "ABCDE"]
    codes = [x.code for x in people]
    p = plan(edition, rows=[5])
    url = f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/assign"
    body = post(client, url, organiser, {"people": codes, "pins": {codes[2]: "1-1"}}).json()
    assert names_by_seat(body["seats"]) == ["C", "D", "A", "B", "E"]
    again = post(client, url, organiser, {"people": codes}).json()
    assert names_by_seat(again["seats"]) == ["C", "D", "A", "B", "E"]
    assert again["changes"] == []


def test_rostrum_recompute_after_a_cancellation_moves_only_those_below(client, organiser):
    edition = seating_edition()
    for name in ["一", "二", "三", "四", "五"]:
        person(edition, name, category="guest")
    protocol.set_protocol_list(
        edition=edition, codes=list(edition.registrations.order_by("id").values_list("code", flat=True))
    )
    p = plan(edition, rows=[5])
    assignment.assign_seats(plan=p)
    third = edition.registrations.get(name="三")
    event_services.cancel_registration(registration=third)
    body = assignment.assign_seats(plan=p)
    # Four people in five seats: 4 2 1 3 read as ranks, seats 2..5.
    assert names_by_seat(body["seats"]) == ["四", "一", "二", "五"]
    moved = {c["name"]: (c["from"], c["to"]) for c in body["changes"]}
    # 一 and 二 keep the centre; 三 leaves; 四 takes 三's place and 五 四's (5 3 1 2 4 -> _ 4 1 2 5).
    assert moved == {
        "三": ("主席台 第1排 2号", None),
        "四": ("主席台 第1排 5号", "主席台 第1排 2号"),
        "五": ("主席台 第1排 1号", "主席台 第1排 5号"),
    }


def test_floor_recompute_after_a_cancellation_moves_nobody_else(client, organiser):
    edition = seating_edition()
    people = [person(edition, f"代表{i}", unit=f"单位{i % 3}") for i in range(12)]
    p = plan(edition, kind="floor", rows=[6, 6], order_by="pinyin")
    first = assignment.assign_seats(plan=p)
    assert len(first["seats"]) == 12
    event_services.cancel_registration(registration=people[4])
    body = assignment.assign_seats(plan=p)
    assert body["changes"] == [
        {"code": people[4].code, "name": "代表4", "from": _label_of(first, people[4].code), "to": None}
    ]


def _label_of(result, code):
    return next(s["label"] for s in result["seats"] if s["code"] == code)


def test_floor_blocks_by_unit_in_stroke_and_pinyin_order():
    edition = seating_edition()
    # 王4 刘6 赵9 by strokes; liu wang zhao by pinyin.
    for unit in ["赵家村", "王家村", "刘家村"]:
        for i in range(2):
            person(edition, f"{unit[0]}{i}", unit=unit)
    strokes = plan(edition, kind="floor", rows=[6], order_by="strokes")
    pinyin = plan(edition, kind="floor", rows=[6], order_by="pinyin")
    by_strokes = assignment.assign_seats(plan=strokes)["seats"]
    by_pinyin = assignment.assign_seats(plan=pinyin)["seats"]
    assert [s["name"][0] for s in sorted(by_strokes, key=lambda s: s["seat"])] == list("王王刘刘赵赵")
    assert [s["name"][0] for s in sorted(by_pinyin, key=lambda s: s["seat"])] == list("刘刘王王赵赵")


def test_floor_by_published_list_and_reserved_row():
    edition = seating_edition()
    for unit in ["甲单位", "乙单位"]:
        person(edition, f"{unit}代表", unit=unit)
    p = plan(edition, kind="floor", rows=[2, 2], reserved_rows=[1], units=["乙单位", "甲单位"])
    seats = assignment.assign_seats(plan=p)["seats"]
    assert [(s["name"], s["label"]) for s in seats] == [
        ("乙单位代表", "第2排 1号"),
        ("甲单位代表", "第2排 2号"),
    ]


def test_more_people_than_seats_is_reported():
    edition = seating_edition()
    people = [person(edition, n) for n in "ABC"]
    p = plan(edition, rows=[2])
    body = assignment.assign_seats(plan=p, people=[x.code for x in people])
    assert [c["kind"] for c in body["conflicts"]] == ["over_capacity"]
    assert body["conflicts"][0]["codes"] == [people[2].code]
    assert len(body["seats"]) == 2


def test_same_person_in_two_plans_of_one_session_is_reported():
    from agenda.models import Room, Session

    edition = seating_edition()
    room = Room.objects.create(edition=edition, name="主会场")
    start = edition.created_at
    session = Session.objects.create(
        edition=edition, title="开幕", room=room, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    a = person(edition, "甲")
    rostrum = plan(edition, rows=[3], session=session)
    floor = plan(edition, kind="floor", rows=[3], session=session)
    assignment.assign_seats(plan=rostrum, people=[a.code])
    # By default the floor leaves out whoever the rostrum of the session seats ...
    assert assignment.assign_seats(plan=floor)["seats"] == []
    # ... and naming them anyway is told.
    body = assignment.assign_seats(plan=floor, people=[a.code])
    assert [(c["kind"], c["code"]) for c in body["conflicts"]] == [("double_seated", a.code)]


def test_swap_is_kept_by_the_next_recompute(client, organiser):
    edition = seating_edition()
    people = [person(edition, n) for n in "ABC"]
    codes = [x.code for x in people]
    p = plan(edition, rows=[3])
    assignment.assign_seats(plan=p, people=codes)
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/swap",
        organiser,
        {"a": codes[0], "b": codes[2]},
    )
    assert r.status_code == 200
    assert r.json()["changes"] == [
        {"code": codes[0], "name": "", "from": "主席台 第1排 2号", "to": "主席台 第1排 1号"},
        {"code": codes[2], "name": "", "from": "主席台 第1排 1号", "to": "主席台 第1排 2号"},
    ]
    body = assignment.assign_seats(plan=p, people=codes)
    assert names_by_seat(body["seats"]) == ["A", "C", "B"]
    assert body["changes"] == []


def test_signing_table_from_the_projects():
    from tests.signing.factories import make_project

    edition = seating_edition()
    make_project(edition)
    p = plan(edition, kind="signing")
    seats = assignment.assign_seats(plan=p)["seats"]
    assert [(s["row"], s["seat"], s["label"]) for s in seats] == [
        (1, 1, "签约桌 第1轮 客方"),
        (1, 2, "签约桌 第1轮 主方"),
    ]


def test_banquet_host_and_guests_of_honour():
    edition = seating_edition()
    people = [person(edition, n) for n in ["主人", "主宾", "副主宾", "陪同"]]
    p = plan(edition, kind="banquet", tables=[{"number": 1, "seats": 10}, {"number": 2, "seats": 10}])
    seats = assignment.assign_seats(plan=p, people=[x.code for x in people])["seats"]
    assert [(s["name"], s["label"]) for s in seats] == [
        ("主人", "第1桌 1号"),
        ("主宾", "第1桌 2号"),
        ("副主宾", "第1桌 3号"),
        ("陪同", "第1桌 4号"),
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "x", "kind": "stage", "rows": [3]}, "kind"),
        ({"name": "x", "kind": "rostrum"}, "rows"),
        ({"name": "x", "kind": "rostrum", "rows": [0]}, "rows"),
        ({"name": "x", "kind": "rostrum", "rows": [3], "honour": "up"}, "honour"),
        ({"name": "x", "kind": "floor", "rows": [3], "order_by": "age"}, "order_by"),
        ({"name": "x", "kind": "banquet", "tables": [{"number": 1, "seats": 1}]}, "tables"),
        ({"name": "x", "kind": "floor", "rows": [3], "reserved_rows": [4]}, "reserved_rows"),
        ({"name": "", "kind": "floor", "rows": [3]}, "name"),
    ],
)
def test_bad_plan_is_a_422_naming_the_field(client, organiser, data, field):
    edition = seating_edition()
    r = post(client, f"/api/v1/events/{edition.slug}/seating-plans", organiser, data)
    assert (r.status_code, r.json()["field"]) == (422, field)
    assert SeatAssignment.objects.count() == 0


def test_bad_assign_input_is_a_422_and_changes_nothing(client, organiser):
    edition = seating_edition()
    a = person(edition, "甲")
    p = plan(edition, rows=[3])
    assignment.assign_seats(plan=p, people=[a.code])
    url = f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/assign"
    r = post(client, url, organiser, {"people": [a.code], "pins": {a.code: "第9排 9号"}})
    assert (r.status_code, r.json()["field"]) == (422, "pins")
    r = post(client, url, organiser, {"people": ["NOPE"]})
    assert (r.status_code, r.json()["field"]) == (422, "people")
    assert list(p.seats.values_list("name", "label")) == [("甲", "主席台 第1排 2号")]


def test_duplicate_plan_name_is_a_409(client, organiser):
    edition = seating_edition()
    plan(edition, name="主席台", rows=[3])
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/seating-plans",
        organiser,
        {"name": "主席台", "kind": "rostrum", "rows": [3]},
    )
    assert r.status_code == 409


def test_roles(client):
    edition = seating_edition()
    p = plan(edition, rows=[3])
    viewer = token_for("v", "view")
    url = f"/api/v1/events/{edition.slug}/seating-plans"
    assert client.get(url).status_code == 401
    assert client.get(f"{url}/{p.pk}", **auth(viewer)).status_code == 200
    assert post(client, url, viewer, {"name": "x", "kind": "rostrum", "rows": [3]}).status_code == 403
    assert client.get(f"{url}/{p.pk}/seat-map.pdf", **auth(viewer)).status_code == 403
    assert client.post(f"{url}/{p.pk}/assign", "{}", content_type="application/json").status_code == 401
