"""A changed flight re-plans only its run and says who must be told: a table of cases on the pure function
(reception.pickups.replan), then through the API (the reply form changes, the staff call answers)."""

import datetime as dt

import pytest

from events.models import ReplyForm
from events.units import reply_form
from reception.models import PickupRun
from reception.pickups import NO_TIME, Car, Run, Traveller, replan
from reception.services import transport
from tests.factories import make_user
from tests.seating.factories import person

from .factories import post, reception_edition, staff_token


def t(code, hhmm):
    if hhmm is None:
        return Traveller(code=code, time=None)
    h, m = map(int, hhmm.split(":"))
    return Traveller(code=code, time=h * 60 + m)


def m(hhmm):
    h, mm = map(int, hhmm.split(":"))
    return h * 60 + mm


def hm(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def run(rid, at, car, *people):
    return Run(at=m(at), window=(m(at), m(at) + 60), vehicle=car, passengers=list(people), id=rid)


A, B, C, D = t("a", "09:00"), t("b", "09:20"), t("c", "11:00"), t("d", "11:10")
RUNS = [run(1, "09:00", 1, A, B), run(2, "11:00", 2, C, D)]
CARS = [Car(1, 4), Car(2, 4), Car(3, 7)]

CASES = [
    # (what, changed traveller, runs after [(id, at, car, codes)], tell, drivers, unplaced)
    (
        "later in the same window: nothing moves but them",
        t("b", "09:40"),
        [(1, "09:00", 1, ["a", "b"]), (2, "11:00", 2, ["c", "d"])],
        ["b"],
        [1],
        [],
    ),
    (
        "into the other run's window: joins it, its time kept",
        t("b", "11:30"),
        [(1, "09:00", 1, ["a"]), (2, "11:00", 2, ["c", "d", "b"])],
        ["b"],
        [1, 2],
        [],
    ),
    (
        "the first of a run changes: the others' time follows",
        t("a", "11:05"),
        [(1, "09:20", 1, ["b"]), (2, "11:00", 2, ["c", "d", "a"])],
        ["a", "b"],
        [1, 2],
        [],
    ),
    (
        "no window holds them: a new run in the smallest free car",
        t("b", "14:00"),
        [(1, "09:00", 1, ["a"]), (2, "11:00", 2, ["c", "d"]), (None, "14:00", 1, ["b"])],
        ["b"],
        [1],
        [],
    ),
    (
        "the first of a later run moves earlier",
        t("c", "09:10"),
        [(1, "09:00", 1, ["a", "b", "c"]), (2, "11:10", 2, ["d"])],
        ["c", "d"],
        [1, 2],
        [],
    ),
    (
        "no time any more: off the runs, unplaced",
        t("d", None),
        [(1, "09:00", 1, ["a", "b"]), (2, "11:00", 2, ["c"])],
        ["d"],
        [2],
        [("d", NO_TIME)],
    ),
    (
        "a newcomer fills a free seat",
        t("e", "09:50"),
        [(1, "09:00", 1, ["a", "b", "e"]), (2, "11:00", 2, ["c", "d"])],
        ["e"],
        [1],
        [],
    ),
]


@pytest.mark.parametrize("what,traveller,after,tell,drivers,unplaced", CASES, ids=[c[0] for c in CASES])
def test_replan_touches_only_the_runs_of_the_change(what, traveller, after, tell, drivers, unplaced):
    result = replan(RUNS, traveller, CARS)
    assert [(r.id, hm(r.at), r.vehicle, [p.code for p in r.passengers]) for r in result.runs] == after
    assert (result.tell, result.drivers, result.unplaced) == (tell, drivers, unplaced)
    assert [p.code for p in RUNS[0].passengers] == ["a", "b"]  # the runs given are not changed in place


def test_a_run_left_empty_is_dropped_and_its_driver_told():
    result = replan([run(1, "09:00", 1, A), run(2, "11:00", 2, C)], t("a", "11:20"), CARS)
    assert [(r.id, [p.code for p in r.passengers]) for r in result.runs] == [(2, ["c", "a"])]
    assert ([r.id for r in result.dropped], result.tell, result.drivers) == ([1], ["a"], [2, 1])


def test_a_full_window_opens_a_run_without_a_car_when_every_car_is_out():
    runs = [run(1, "09:00", 1, A, B, t("x", "09:01"), t("y", "09:02"))]
    result = replan(runs, t("e", "09:30"), [Car(1, 4)], travel_minutes=60)
    assert [(r.id, hm(r.at), r.vehicle) for r in result.runs] == [(1, "09:00", 1), (None, "09:30", None)]


def test_departures_key_on_the_leave_time():
    runs = [run(1, "13:00", 1, t("a", "15:00"), t("b", "15:30"))]
    result = replan(runs, t("a", "16:30"), CARS, direction="departure", travel_minutes=60, buffer_minutes=60)
    # b now leaves first at 13:30 (15:30 - 2 h); a's 14:30 falls in 13:30-14:30? no: the window ends at 14:30.
    assert [(hm(r.at), [p.code for p in r.passengers]) for r in result.runs] == [
        ("13:30", ["b"]),
        ("14:30", ["a"]),
    ]
    assert result.tell == ["a", "b"]


def traveller(edition, name, at, place="重庆北站", date="2030-06-27"):
    reg = person(edition, name, phone="13900000000")
    ReplyForm.objects.create(
        registration=reg,
        arrival_date=dt.date.fromisoformat(date),
        arrival_number="G1",
        arrival_place=place,
        arrival_time=dt.time.fromisoformat(at),
    )
    return reg


@pytest.mark.django_db
def test_staff_change_a_flight_and_are_told_who_to_tell(client):
    edition = reception_edition()
    token = staff_token()
    base = f"/api/v1/events/{edition.slug}"
    transport.create_station(edition=edition, name="重庆北站", kind="rail", travel_minutes=60)
    for plate, phone in (("渝A00001", "13500000001"), ("渝A00002", "13500000002")):
        transport.create_vehicle(edition=edition, plate=plate, seats=4, driver_name="刘", driver_phone=phone)
    a, b = traveller(edition, "王芳", "09:00"), traveller(edition, "李娜", "09:20")
    c, d = traveller(edition, "张伟", "11:00"), traveller(edition, "赵敏", "11:10")
    post(client, f"{base}/pickups/plan", token, {"date": "2030-06-27", "direction": "arrival"})
    before = {r.pk: (r.at, r.vehicle_id) for r in PickupRun.objects.all()}

    r = post(
        client,
        f"{base}/pickups/replan",
        token,
        {"code": a.code, "direction": "arrival", "time": "11:05", "number": "G8605"},
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert [x["code"] for x in body["tell"]] == [a.code, b.code]
    assert body["tell"][0]["at"] == "11:00" and body["tell"][1]["at"] == "09:20"
    # One car does both runs (back from the first before the second): its driver is told once.
    assert [x["driver_phone"] for x in body["drivers"]] == ["13500000001"]
    runs = {x["at"]: [p["code"] for p in x["passengers"]] for x in body["runs"]}
    assert runs == {"09:20": [b.code], "11:00": [c.code, a.code, d.code]}
    assert {r.pk for r in PickupRun.objects.all()} == set(before)  # the same runs, none planned afresh
    assert ReplyForm.objects.get(registration=a).arrival_number == "G8605"

    bad = post(
        client, f"{base}/pickups/replan", token, {"code": "NOPE", "direction": "arrival", "time": "10:00"}
    )
    assert (bad.status_code, bad.json()["field"]) == (404, "code")


@pytest.mark.django_db
def test_the_reply_form_change_replans_the_run_by_itself(client):
    edition = reception_edition()
    transport.create_station(edition=edition, name="重庆北站", kind="rail", travel_minutes=60)
    transport.create_vehicle(edition=edition, plate="渝A00001", seats=4, driver_name="刘", driver_phone="135")
    transport.create_vehicle(edition=edition, plate="渝A00002", seats=4, driver_name="陈", driver_phone="136")
    a, b = traveller(edition, "王芳", "09:00"), traveller(edition, "李娜", "09:20")
    transport.plan_pickups(edition=edition, date=dt.date(2030, 6, 27), direction="arrival")
    reply_form.save_reply(registration_obj=b, data={"arrival_time": "13:00"})
    runs = sorted(
        (r.at.strftime("%H:%M"), [s.registration_id for s in r.passengers.all()])
        for r in PickupRun.objects.all()
    )
    assert runs == [("09:00", [a.pk]), ("13:00", [b.pk])]


@pytest.mark.django_db
def test_the_plan_answered_from_memory_is_what_the_database_says():
    edition = reception_edition()
    transport.create_station(edition=edition, name="重庆北站", kind="rail", travel_minutes=30)
    transport.create_station(edition=edition, name="江北机场", kind="airport", travel_minutes=90)
    transport.create_vehicle(edition=edition, plate="渝A00001", seats=2, driver_name="刘", driver_phone="135")
    for i, (at, place) in enumerate(
        [
            ("09:40", "重庆北站"),
            ("09:00", "江北机场"),
            ("09:00", "重庆北站"),
            ("09:10", "重庆北站"),
            ("13:00", "江北机场"),
        ]
    ):
        traveller(edition, f"客{i}", at, place)
    day = dt.date(2030, 6, 27)
    answer = transport.plan_pickups(edition=edition, date=day, direction="arrival")
    assert answer["runs"] == transport.runs_out(edition, day, "arrival")
    assert len(answer["runs"]) == 4


@pytest.mark.django_db
def test_the_reception_page_replans_and_lists_whom_to_tell(client):
    edition = reception_edition()
    transport.create_station(edition=edition, name="重庆北站", kind="rail", travel_minutes=60)
    transport.create_vehicle(
        edition=edition, plate="渝A00001", seats=4, driver_name="刘师傅", driver_phone="135"
    )
    a, _b = traveller(edition, "王芳", "09:00"), traveller(edition, "李娜", "09:20")
    transport.plan_pickups(edition=edition, date=dt.date(2030, 6, 27), direction="arrival")
    client.force_login(make_user("rc-replan", "reception"))
    url = f"/staff/e/{edition.slug}/reception"
    form = {"action": "replan", "code": a.code, "direction": "arrival", "time": "15:00"}
    page = client.post(f"{url}/do", form, HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert "Pickup re-planned; tell 2 people and 1 drivers." in page
    assert "王芳 13900000000：2030-06-27 15:00 重庆北站 渝A00001" in page
    assert "李娜 13900000000：2030-06-27 09:20 重庆北站 渝A00001" in page
    assert "Driver 刘师傅 135 · 渝A00001" in page
    bad = client.post(f"{url}/do", {**form, "code": "NOPE"}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "No registration with that code." in bad.content.decode()
