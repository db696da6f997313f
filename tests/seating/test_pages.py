"""Staff pages: plans, the protocol list ordered by keyboard buttons, a plan's assign/swap/pin, the hall."""

import io

import pytest
from openpyxl import Workbook

from seating.models import SeatingPlan
from seating.services import assignment, protocol
from tests.factories import make_user

from .factories import person, plan, seating_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    make_user("org", "admin")
    client.login(username="org", password="pw-123456")
    return client


def test_create_a_plan_from_the_page(organiser_client):
    edition = seating_edition()
    r = organiser_client.post(
        f"/staff/e/{edition.slug}/seating",
        {
            "name": "主会场",
            "kind": "floor",
            "rows": "12×10",
            "honour": "left",
            "order_by": "strokes",
            "layout": "columns",
            "reserved_rows": "10",
        },
    )
    created = SeatingPlan.objects.get(edition=edition)
    assert r.status_code == 302 and r["Location"] == f"/staff/e/{edition.slug}/seating/{created.pk}"
    assert (created.rows, created.layout, created.reserved_rows) == ([12] * 10, "columns", [10])


def test_bad_rows_on_the_page_say_why(organiser_client):
    edition = seating_edition()
    r = organiser_client.post(
        f"/staff/e/{edition.slug}/seating",
        {
            "name": "主席台",
            "kind": "rostrum",
            "rows": "",
            "honour": "left",
            "order_by": "list",
            "layout": "across",
        },
    )
    assert r.status_code == 422
    assert "每排座位数" in r.content.decode()
    assert SeatingPlan.objects.count() == 0


def test_protocol_list_up_and_down_buttons(organiser_client):
    edition = seating_edition()
    a, b, c = (person(edition, n) for n in "甲乙丙")
    protocol.set_protocol_list(edition=edition, codes=[a.code, b.code, c.code])
    organiser_client.post(f"/staff/e/{edition.slug}/seating/protocol", {"up": c.code})
    organiser_client.post(f"/staff/e/{edition.slug}/seating/protocol", {"down": a.code})
    assert protocol.protocol_codes(edition) == [c.code, a.code, b.code]
    organiser_client.post(
        f"/staff/e/{edition.slug}/seating/protocol", {"order": f"{a.code},{b.code},{c.code}"}
    )
    assert protocol.protocol_codes(edition) == [a.code, b.code, c.code]
    page = organiser_client.get(f"/staff/e/{edition.slug}/seating").content.decode()
    assert page.index("甲") < page.index("乙") < page.index("丙")


def test_protocol_list_from_xlsx(organiser_client):
    edition = seating_edition()
    a, b = person(edition, "崔书田"), person(edition, "周海琦")
    wb = Workbook()
    ws = wb.active
    for value in ["报名编号或姓名", "周海琦", a.code]:
        ws.append([value])
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "list.xlsx"
    organiser_client.post(f"/staff/e/{edition.slug}/seating/protocol", {"file": data})
    assert protocol.protocol_codes(edition) == [b.code, a.code]


def test_assign_swap_and_pin_from_the_plan_page(organiser_client):
    edition = seating_edition()
    people = [person(edition, n, category="guest") for n in ["一号", "二号", "三号"]]
    protocol.set_protocol_list(edition=edition, codes=[p.code for p in people])
    p = plan(edition, rows=[3])
    url = f"/staff/e/{edition.slug}/seating/{p.pk}"
    organiser_client.post(f"{url}/do", {"action": "assign"})
    page = organiser_client.get(url).content.decode()
    assert "主席台 第1排 2号" in page and "一号" in page
    assert list(p.seats.order_by("seat").values_list("name", flat=True)) == ["三号", "一号", "二号"]
    organiser_client.post(f"{url}/do", {"action": "swap", "a": people[2].code, "b": people[1].code})
    assert list(p.seats.order_by("seat").values_list("name", flat=True)) == ["二号", "一号", "三号"]
    organiser_client.post(f"{url}/do", {"action": "pin", "code": people[0].code, "label": "1-1"})
    assert p.seats.get(registration=people[0]).label == "主席台 第1排 1号"


def test_hall_screen_and_its_state(organiser_client):
    from django.utils import timezone

    from events.models import Admission, CheckInPoint

    edition = seating_edition()
    a, b = person(edition, "甲"), person(edition, "乙")
    p = plan(edition, kind="floor", rows=[2])
    assignment.assign_seats(plan=p)
    point = CheckInPoint.objects.create(edition=edition, code="main", name="主会场")
    Admission.objects.create(registration=a, point=point, first_at=timezone.now())
    assert organiser_client.get(f"/staff/e/{edition.slug}/seating/{p.pk}/hall").status_code == 200
    state = organiser_client.get(f"/api/v1/events/{edition.slug}/seating-plans/{p.pk}/hall").json()
    seat_of = {s.registration_id: (s.row, s.seat) for s in p.seats.all()}
    assert state["arrived"] == 1 and state["assigned"] == 2
    assert sorted(state["seats"]) == sorted([[*seat_of[a.pk], True], [*seat_of[b.pk], False]])


def test_checkin_staff_cannot_open_seating(client):
    edition = seating_edition()
    make_user("door", "checkin")
    client.login(username="door", password="pw-123456")
    assert client.get(f"/staff/e/{edition.slug}/seating").status_code == 403


def test_plan_heading_names_the_kind_in_the_page_language(organiser_client):
    edition = seating_edition()
    p = plan(edition, name="开幕式主席台", rows=[3])
    zh = organiser_client.get(f"/staff/e/{edition.slug}/seating/{p.pk}").content.decode()
    en = organiser_client.get(
        f"/staff/e/{edition.slug}/seating/{p.pk}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<h1>开幕式主席台 <span class="muted">主席台</span></h1>' in zh
    assert '<h1>开幕式主席台 <span class="muted">Rostrum</span></h1>' in en
    assert "['" not in zh and "['" not in en


def test_plan_form_links_the_plan_to_an_agenda_session(organiser_client):
    import datetime as dt

    from agenda.models import Room, Session

    edition = seating_edition()
    room = Room.objects.create(edition=edition, name="主会场")
    start = dt.datetime(2030, 6, 28, 9, tzinfo=dt.UTC)
    opening = Session.objects.create(
        edition=edition,
        room=room,
        title="开幕式",
        kind="plenary",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    page = organiser_client.get(f"/staff/e/{edition.slug}/seating").content.decode()
    assert f'<option value="{opening.pk}">' in page
    organiser_client.post(
        f"/staff/e/{edition.slug}/seating",
        {
            "name": "开幕式主席台",
            "kind": "rostrum",
            "rows": "5",
            "honour": "left",
            "order_by": "list",
            "layout": "across",
            "session": str(opening.pk),
        },
    )
    assert SeatingPlan.objects.get(edition=edition).session == opening


def test_protocol_list_adds_a_person_found_by_name(organiser_client):
    edition = seating_edition()
    li = person(edition, "李宁")
    page = organiser_client.get(f"/staff/e/{edition.slug}/seating").content.decode()
    pick = next(line for line in page.split('<option value="')[1:] if line.startswith("李宁"))
    organiser_client.post(f"/staff/e/{edition.slug}/seating/protocol", {"add": pick.split('"')[0]})
    assert protocol.protocol_codes(edition) == [li.code]
    person(edition, "周海琦")
    organiser_client.post(f"/staff/e/{edition.slug}/seating/protocol", {"add": "周海琦"})
    assert len(protocol.protocol_codes(edition)) == 2
    organiser_client.post(f"/staff/e/{edition.slug}/seating/protocol", {"add": "无此人"})
    assert len(protocol.protocol_codes(edition)) == 2
