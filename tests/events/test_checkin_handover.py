"""Hand-overs at the door (物资/餐券发放): the verdict lists what to hand over, staff confirm each item, a
second hand-out of the same item is refused, offline hand-outs sync, and the dashboard counts them."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from events import cloning
from events.checkin import config as checkin_config
from events.checkin import stats as checkin_stats
from events.models import Edition, Handover, HandoverItem
from events.registration import services
from tests.factories import make_category, make_edition, make_point, register, token_for
from tests.races import at_once

pytestmark = pytest.mark.django_db


def make_item(point, code, name, name_en="", categories=(), people=(), order=0):
    item = HandoverItem.objects.create(point=point, code=code, name=name, name_en=name_en, order=order)
    item.categories.set(categories)
    item.people.set(people)
    return item


@pytest.fixture
def door():
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest")
    hall = make_point(edition, "main-hall", [delegate, guest], is_default=True)
    make_point(edition, "dinner", [guest], name="欢迎晚宴", name_en="Welcome dinner")
    make_item(hall, "bag", "资料袋", "Conference bag", order=0)
    make_item(hall, "lunch", "午餐券", "Lunch voucher", [delegate], order=1)
    return edition


@pytest.fixture
def api():
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for('door', 'checkin')}")


def scan(api, edition, token, **body):
    return api.post(
        f"/api/v1/events/{edition.slug}/checkin", {"token": token, **body}, content_type="application/json"
    )


def hand(api, edition, token, item, **body):
    return api.post(
        f"/api/v1/events/{edition.slug}/checkin/handover",
        {"token": token, "item": item, **body},
        content_type="application/json",
    )


def lines(body):
    return [(h["item"], h["handed_at"] is not None) for h in body["handover"]]


def test_verdict_lists_what_this_person_is_handed_at_the_point(door, api):
    delegate = register(door).ticket_token
    guest = register(door, "guest").ticket_token

    first = scan(api, door, delegate).json()
    guest_answer = scan(api, door, guest).json()

    assert first["result"] == "ok"
    assert first["handover"] == [
        {"item": "bag", "name": "资料袋", "name_en": "Conference bag", "handed_at": None},
        {"item": "lunch", "name": "午餐券", "name_en": "Lunch voucher", "handed_at": None},
    ]
    assert lines(guest_answer) == [("bag", False)]  # the voucher is for delegates


def test_verdict_at_a_point_without_items_has_no_handover(door, api):
    guest = register(door, "guest").ticket_token

    body = scan(api, door, guest, point="dinner").json()

    assert body["result"] == "ok"
    assert "handover" not in body


def test_hand_over_is_stored_and_a_second_is_refused_with_the_first_time(door, api):
    reg = register(door)

    done = hand(api, door, reg.ticket_token, "bag", device="desk-1")
    again = hand(api, door, reg.ticket_token, "bag", device="desk-2")

    assert done.status_code == 200
    assert done.json()["result"] == "handed_over"
    assert lines(done.json()) == [("bag", True), ("lunch", False)]
    assert again.status_code == 409
    body = again.json()
    assert body["result"] == "already_handed_over"
    assert body["handed_at"] == done.json()["handed_at"]
    at = dt.datetime.fromisoformat(done.json()["handed_at"]).astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert body["detail"] == f"资料袋已于 {at:%H:%M} 发放，不能重复领取。"
    handover = Handover.objects.get()
    assert (handover.registration_id, handover.device) == (reg.registration.id, "desk-1")
    # The next scan shows it as received.
    assert lines(scan(api, door, reg.ticket_token).json()) == [("bag", True), ("lunch", False)]


def test_hand_over_retried_with_the_same_nonce_answers_as_the_first_time(door, api):
    ticket = register(door).ticket_token

    first = hand(api, door, ticket, "lunch", nonce="n-1")
    retry = hand(api, door, ticket, "lunch", nonce="n-1")

    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.json()["handed_at"] == first.json()["handed_at"]
    assert Handover.objects.count() == 1


def test_hand_over_refused_when_not_due_or_the_ticket_does_not_pass(door, api):
    guest = register(door, "guest")
    gone = register(door)
    services.cancel_registration(registration=gone.registration)

    not_due = hand(api, door, guest.ticket_token, "lunch")
    cancelled = hand(api, door, gone.ticket_token, "bag")
    no_item = hand(api, door, guest.ticket_token, "room-card")

    assert not_due.status_code == 409
    assert not_due.json()["result"] == "not_due"
    assert not_due.json()["detail"] == "此人不领取午餐券。"  # no Accept-Language: the site's Chinese
    assert cancelled.status_code == 409
    assert cancelled.json()["result"] == "cancelled"
    assert no_item.status_code == 422
    assert no_item.json()["field"] == "item"
    assert Handover.objects.count() == 0


def test_an_item_for_named_people_goes_to_them_whatever_their_category(door, api):
    hall = door.checkin_points.get(code="main-hall")
    guest = register(door, "guest")
    other = register(door, "guest")
    make_item(hall, "room", "房卡", "Room card", people=[guest.registration], order=2)
    checkin_config.forget_config()

    assert lines(scan(api, door, guest.ticket_token).json()) == [("bag", False), ("room", False)]
    assert lines(scan(api, door, other.ticket_token).json()) == [("bag", False)]
    assert hand(api, door, other.ticket_token, "room").json()["result"] == "not_due"


def test_hand_over_needs_the_checkin_role(door):
    ticket = register(door).ticket_token
    viewer = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('look', 'view')}")

    assert hand(Client(), door, ticket, "bag").status_code == 401
    assert hand(viewer, door, ticket, "bag").status_code == 403


def sync(api, edition, device, scans=(), handovers=()):
    return api.post(
        f"/api/v1/events/{edition.slug}/checkin/sync",
        {"device": device, "scans": list(scans), "handovers": list(handovers)},
        content_type="application/json",
    )


def test_offline_hand_outs_sync_with_device_time_and_a_second_device_is_a_conflict(door, api):
    ticket = register(door).ticket_token
    at = (timezone.now() - dt.timedelta(minutes=10)).replace(microsecond=0)
    later = at + dt.timedelta(minutes=3)
    out = {"token": ticket, "point": "main-hall", "item": "bag", "result": "handed_over"}

    a = sync(api, door, "door-A", handovers=[{**out, "nonce": "a1", "handed_at": at.isoformat()}])
    b = sync(api, door, "door-B", handovers=[{**out, "nonce": "b1", "handed_at": later.isoformat()}])
    replay = sync(api, door, "door-A", handovers=[{**out, "nonce": "a1", "handed_at": at.isoformat()}])

    assert a.status_code == 200
    first = a.json()["handovers"][0]
    assert (first["result"], first["conflict"], first["nonce"]) == ("handed_over", None, "a1")
    assert Handover.objects.get().at == at
    second = b.json()["handovers"][0]
    assert second["result"] == "already_handed_over"
    assert second["conflict"]["device"] == "door-A"
    assert second["conflict"]["this_device"] == "door-B"
    assert replay.json()["handovers"][0]["result"] == "handed_over"
    assert Handover.objects.count() == 1


def test_sync_with_a_bad_hand_out_writes_nothing(door, api):
    ticket = register(door).ticket_token

    res = sync(
        api,
        door,
        "door-A",
        scans=[{"nonce": "s1", "token": ticket, "point": "main-hall"}],
        handovers=[{"nonce": "h1", "token": ticket, "point": "main-hall", "item": "nothing"}],
    )

    assert res.status_code == 422
    assert res.json()["field"] == "item"
    assert Handover.objects.count() == 0
    assert door.scans.count() == 0


def test_snapshot_carries_the_items_and_who_has_them(door, api):
    reg = register(door)
    hand(api, door, reg.ticket_token, "bag")

    snap = api.get(f"/api/v1/events/{door.slug}/checkin/snapshot?point=main-hall").json()

    hall = next(p for p in snap["points"] if p["code"] == "main-hall")
    assert hall["items"] == [
        {"code": "bag", "name": "资料袋", "name_en": "Conference bag", "categories": [], "people": []},
        {
            "code": "lunch",
            "name": "午餐券",
            "name_en": "Lunch voucher",
            "categories": ["delegate"],
            "people": [],
        },
    ]
    assert list(snap["handed"]["main-hall"]["bag"]) == [reg.registration.code]
    assert snap["handed"]["main-hall"]["lunch"] == {}


def test_dashboard_counts_handed_against_due_per_item(door, api):
    one, two = register(door), register(door)
    register(door, "guest")
    hand(api, door, one.ticket_token, "bag")
    hand(api, door, two.ticket_token, "bag")
    hand(api, door, two.ticket_token, "lunch")

    data = checkin_stats.dashboard(Edition.objects.get(pk=door.pk))

    hall = next(p for p in data["points"] if p["code"] == "main-hall")
    assert [(i["code"], i["handed"], i["due"]) for i in hall["items"]] == [("bag", 2, 3), ("lunch", 1, 2)]
    page = Client()
    page.force_login(get_user_model().objects.get(username="door"))
    html = page.get(f"/staff/e/{door.slug}/checkin/dashboard").content.decode()
    assert '<tr data-item="lunch"><td>午餐券</td><td class="num">1</td><td class="num">2</td>' in html


def test_cloning_brings_the_items_but_not_who_got_them(door, api):
    hand(api, door, register(door).ticket_token, "bag")

    new = cloning.clone_edition(
        source=door, slug="next-year", starts_on=door.starts_on + dt.timedelta(days=365)
    )

    items = HandoverItem.objects.filter(point__edition=new).order_by("order")
    assert [(i.code, [c.code for c in i.categories.all()]) for i in items] == [
        ("bag", []),
        ("lunch", ["delegate"]),
    ]
    assert Handover.objects.filter(item__point__edition=new).count() == 0


def hand_at_once(slug, ticket, api_token, n=12):
    def hand(client, i):
        res = client.post(
            f"/api/v1/events/{slug}/checkin/handover",
            json.dumps({"token": ticket, "item": "bag", "nonce": f"h-{i}"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {api_token}",
        )
        return res.status_code, res.json()["result"]

    return at_once(n, hand, prepare=lambda i: Client())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twelve_desks_handing_one_bag_at_once_hand_it_once_on_postgres():
    edition = make_edition()
    make_category(edition)
    hall = make_point(edition, "main-hall", is_default=True)
    make_item(hall, "bag", "资料袋")
    ticket = register(edition).ticket_token
    checkin_config.forget_config()

    results = hand_at_once(edition.slug, ticket, token_for("door", "checkin"))

    assert sorted(results) == [(200, "handed_over")] + [(409, "already_handed_over")] * 11
    assert Handover.objects.count() == 1


def test_snapshot_sync_and_hall_answers_fit_their_documented_schemas(door, api):
    from events.checkin.schemas import HallOut, SnapshotOut, SyncOut

    reg = register(door)
    out = {"token": reg.ticket_token, "point": "main-hall"}
    synced = sync(
        api, door, "door-A", scans=[{**out, "nonce": "s1"}], handovers=[{**out, "nonce": "h1", "item": "bag"}]
    )
    snap = api.get(f"/api/v1/events/{door.slug}/checkin/snapshot").json()
    hall = api.get(f"/api/v1/events/{door.slug}/checkin/hall").json()

    assert SyncOut.model_validate(synced.json()).handovers[0].result == "handed_over"
    assert SyncOut.model_validate(synced.json()).results[0].handover[0].item == "bag"
    assert SnapshotOut.model_validate(snap).handed == {
        "main-hall": {
            "bag": {reg.registration.code: snap["handed"]["main-hall"]["bag"][reg.registration.code]},
            "lunch": {},
        }
    }
    assert HallOut.model_validate(hall).arrived == 1


def test_the_holders_data_export_lists_what_they_were_handed(door, api):
    reg = register(door)
    done = hand(api, door, reg.ticket_token, "bag").json()

    export = Client().get(f"/api/v1/registrations/{reg.manage_token}/export").json()

    assert export["handovers"] == [
        {
            "point": "main-hall",
            "item": "bag",
            "name": "资料袋",
            "at": dt.datetime.fromisoformat(done["handed_at"]).isoformat(),
        }
    ]


def test_an_organiser_sets_the_items_of_a_point_in_the_admin(door):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-123456")
    client = Client()
    client.force_login(boss)
    hall = door.checkin_points.get(code="main-hall")

    page = client.get(f"/admin/events/checkinpoint/{hall.pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="handover_items-TOTAL_FORMS" value="2"' in html
    assert 'value="午餐券"' in html
