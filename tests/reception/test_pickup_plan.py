"""The pickup plan as a table of cases (pure: reception.pickups.plan), then through the API with its
printouts (the manifest read back with pdftotext and openpyxl, a driver's sheet)."""

import datetime as dt
import subprocess
from io import BytesIO

import pytest
from openpyxl import load_workbook

from events.models import ReplyForm
from reception.pickups import NO_TIME, Car, Traveller, plan
from tests.seating.factories import person

from .factories import auth, post, reception_edition, staff_token


def t(code, hhmm):
    if hhmm is None:
        return Traveller(code=code, time=None)
    h, m = map(int, hhmm.split(":"))
    return Traveller(code=code, time=h * 60 + m)


def hm(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shape(result):
    return [(hm(r.at), r.vehicle, [p.code for p in r.passengers]) for r in result.runs]


CASES = [
    # (what, travellers, cars, kwargs, runs [(at, car, codes)], unplaced)
    (
        "one window, one car, run at the first arrival",
        [t("a", "10:20"), t("b", "10:05"), t("c", "10:59")],
        [Car(1, 7)],
        {},
        [("10:05", 1, ["b", "a", "c"])],
        [],
    ),
    (
        "a new window at the first arrival after the window",
        [t("a", "10:00"), t("b", "11:00"), t("c", "11:30")],
        [Car(1, 7), Car(2, 7)],
        {},
        [("10:00", 1, ["a"]), ("11:00", 2, ["b", "c"])],
        [],
    ),
    (
        "cars filled by seats, largest first",
        [t(c, "09:00") for c in "abcdef"],
        [Car(1, 4), Car(2, 2)],
        {},
        [("09:00", 1, ["a", "b", "c", "d"]), ("09:00", 2, ["e", "f"])],
        [],
    ),
    (
        "the smallest car that holds them all",
        [t(c, "09:00") for c in "ab"],
        [Car(1, 19), Car(2, 4), Car(3, 6)],
        {},
        [("09:00", 2, ["a", "b"])],
        [],
    ),
    (
        "over capacity adds a run without a car",
        [t(c, "09:00") for c in "abc"],
        [Car(1, 2)],
        {},
        [("09:00", 1, ["a", "b"]), ("09:00", None, ["c"])],
        [],
    ),
    (
        "a busy car is not sent again before it is back",
        [t("a", "09:00"), t("b", "10:00")],
        [Car(1, 4)],
        {"travel_minutes": 40},
        [("09:00", 1, ["a"]), ("10:00", None, ["b"])],
        [],
    ),
    (
        "a car back from the round trip goes again",
        [t("a", "09:00"), t("b", "10:30")],
        [Car(1, 4)],
        {"travel_minutes": 40},
        [("09:00", 1, ["a"]), ("10:30", 1, ["b"])],
        [],
    ),
    (
        "no time, no run",
        [t("a", None), t("b", "08:00")],
        [Car(1, 4)],
        {},
        [("08:00", 1, ["b"])],
        [("a", NO_TIME)],
    ),
    (
        "departure leaves at time - travel - buffer",
        [t("a", "15:00"), t("b", "15:40")],
        [Car(1, 4)],
        {"direction": "departure", "travel_minutes": 50, "buffer_minutes": 60},
        [("13:10", 1, ["a", "b"])],
        [],
    ),
    (
        "a 30-minute window",
        [t("a", "10:00"), t("b", "10:29"), t("c", "10:31")],
        [Car(1, 4), Car(2, 4)],
        {"window_minutes": 30},
        [("10:00", 1, ["a", "b"]), ("10:31", 2, ["c"])],
        [],
    ),
]


@pytest.mark.parametrize("what,travellers,cars,kwargs,runs,unplaced", CASES, ids=[c[0] for c in CASES])
def test_pickup_plan(what, travellers, cars, kwargs, runs, unplaced):
    result = plan(travellers, cars, **kwargs)
    assert shape(result) == runs
    assert result.unplaced == unplaced
    placed = [p.code for r in result.runs for p in r.passengers]
    assert sorted(placed) == sorted(x.code for x in travellers if x.time is not None)  # each exactly once


def traveller(edition, name, number, place, at, date="2030-06-27"):
    reg = person(edition, name, phone="13900000000")
    ReplyForm.objects.create(
        registration=reg,
        arrival_date=dt.date.fromisoformat(date),
        arrival_number=number,
        arrival_place=place,
        arrival_time=dt.time.fromisoformat(at),
    )
    return reg


@pytest.mark.django_db
def test_plan_through_the_api_with_manifest_and_driver_sheet(client, tmp_path):
    edition = reception_edition()
    token = staff_token()
    base = f"/api/v1/events/{edition.slug}"
    station = post(
        client, f"{base}/stations", token, {"name": "重庆北站", "kind": "rail", "travel_minutes": 90}
    ).json()["id"]
    post(client, f"{base}/stations", token, {"name": "江北机场", "kind": "airport", "travel_minutes": 100})
    car = post(
        client,
        f"{base}/vehicles",
        token,
        {
            "plate": "渝A12345",
            "kind": "商务车",
            "seats": 2,
            "driver_name": "刘师傅",
            "driver_phone": "13500000000",
        },
    ).json()["id"]
    a = traveller(edition, "王芳", "G8601", "重庆北站", "10:12")
    b = traveller(edition, "李娜", "G8603", "重庆北站", "10:40")
    c = traveller(edition, "张伟", "D5101", "重庆北站", "10:55")
    d = traveller(edition, "赵敏", "MU2501", "上海虹桥", "11:00")
    r = post(client, f"{base}/pickups/plan", token, {"date": "2030-06-27", "direction": "arrival"})
    assert r.status_code == 200
    body = r.json()
    assert [
        (x["station"], x["at"], x["window"], x["vehicle"], [p["code"] for p in x["passengers"]])
        for x in body["runs"]
    ] == [
        ("重庆北站", "10:12", ["10:12", "11:12"], "渝A12345", [a.code, b.code]),
        ("重庆北站", "10:12", ["10:12", "11:12"], None, [c.code]),
    ]
    assert body["unplaced"] == [{"code": d.code, "reason": "no_station"}]
    # Planning again replaces the plan, it does not add to it.
    again = post(
        client,
        f"{base}/pickups/plan",
        token,
        {"date": "2030-06-27", "station": station, "direction": "arrival"},
    )
    assert len(again.json()["runs"]) == 2

    pdf = client.get(f"{base}/pickups/manifest.pdf?date=2030-06-27", **auth(token))
    (tmp_path / "m.pdf").write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "接送站名单" in text and "G8601" in text and "待派车" in text
    wb = load_workbook(BytesIO(client.get(f"{base}/pickups.xlsx?date=2030-06-27", **auth(token)).content))
    names = [row[8].value for row in wb.active.iter_rows(min_row=2)]
    assert names == ["王芳", "李娜", "张伟"]
    sheet = client.get(f"{base}/vehicles/{car}/driver-sheet.pdf?date=2030-06-27", **auth(token))
    (tmp_path / "d.pdf").write_bytes(sheet.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "渝A12345" in text and "王芳" in text and "13900000000" in text and "张伟" not in text


@pytest.mark.django_db
def test_plan_refuses_a_bad_direction(client):
    edition = reception_edition()
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/pickups/plan",
        staff_token(),
        {"date": "2030-06-27", "direction": "up"},
    )
    assert (r.status_code, r.json()["field"]) == (422, "direction")
