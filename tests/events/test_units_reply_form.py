"""The reply form (回执): through the links, only the fields asked, its exports and the mail asking for it."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from events.enums import RegistrationStatus as S
from events.registration import links as registration_links
from events.registration import mail as registration_mail
from events.units import reply_form
from events.units import services as unit_services
from events.units.models import ReplyForm

from ..factories import register, token_for
from .unit_client import api, confirmed
from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def test_reply_form_through_manage_link_and_unit_page(client):
    edition = unit_edition()
    unit, token = make_unit(edition)
    result = confirmed(edition, unit, 1)
    reply = {
        "arrival_date": "2030-06-27",
        "arrival_time": "15:40",
        "arrival_number": "G8501",
        "arrival_place": "大足南站",
        "hotel_needed": True,
        "room_type": "twin",
        "sharing": True,
        "share_with": "李2",
        "dinner": True,
        "dietary": "清真",
        "remarks": "晚到",
    }
    response = api(client, "put", f"/registrations/{result.manage_token}/reply", reply)
    assert response.status_code == 200
    assert response.json()["answers"]["arrival_number"] == "G8501"
    response = api(
        client, "put", f"/units/{token}/people/{result.registration.code}/reply", {"dinner": False}
    )
    assert response.status_code == 200
    saved = ReplyForm.objects.get(registration=result.registration)
    assert (saved.arrival_date, saved.arrival_time, saved.room_type, saved.dinner) == (
        dt.date(2030, 6, 27),
        dt.time(15, 40),
        "twin",
        False,
    )


def test_reply_form_only_fields_the_edition_asks_and_only_whenconfirmed(client):
    edition = unit_edition()
    reply_form.set_reply_sections(edition=edition, sections=["arrival", "dinner"])
    unit, _token = make_unit(edition)
    result = confirmed(edition, unit, 1)
    response = api(client, "put", f"/registrations/{result.manage_token}/reply", {"hotel_needed": True})
    assert response.status_code == 422
    assert response.json()["field"] == "hotel_needed"
    assert api(client, "get", f"/registrations/{result.manage_token}/reply").json()["asked"] == [
        "arrival_date",
        "arrival_time",
        "arrival_number",
        "arrival_place",
        "dinner",
    ]
    from ..factories import register

    guest = register(edition, category="guest", organization="x")  # pending approval
    response = api(client, "put", f"/registrations/{guest.manage_token}/reply", {"dinner": True})
    assert response.status_code == 409


def test_reply_export_by_unit_and_by_arrival(client):
    edition = unit_edition()
    park, _ = make_unit(edition, organization="天府设计产业园")
    town, _ = make_unit(edition, organization="大足石刻文创园")
    a = confirmed(edition, park, 1).registration
    b = confirmed(edition, town, 2).registration
    c = confirmed(edition, town, 3).registration
    reply_form.save_reply(
        registration_obj=a,
        data={"arrival_date": "2030-06-27", "arrival_time": "18:00", "arrival_number": "G1"},
    )
    reply_form.save_reply(
        registration_obj=b,
        data={"arrival_date": "2030-06-27", "arrival_time": "09:15", "arrival_number": "3U8"},
    )
    reply_form.save_reply(
        registration_obj=c, data={"arrival_date": "2030-06-26", "arrival_time": "20:00", "dinner": True}
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    by_arrival = client.get(f"/api/v1/events/{edition.slug}/replies.xlsx?order=arrival", **auth)
    assert by_arrival.status_code == 200
    ws = load_workbook(BytesIO(by_arrival.content)).active
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]
    assert [(r["姓名 Name"], r["车次/航班 Train/flight"]) for r in rows] == [
        ("李3", None),
        ("李2", "3U8"),
        ("李1", "G1"),
    ]
    assert rows[0]["晚宴 Dinner"] == "是 yes"
    assert rows[0]["抵达日期 Arrival date"] == dt.datetime(2030, 6, 26)
    by_unit = client.get(f"/api/v1/events/{edition.slug}/replies.xlsx?order=unit", **auth)
    ws = load_workbook(BytesIO(by_unit.content)).active
    assert [(r[0].value, r[2].value) for r in ws.iter_rows(min_row=2)] == [
        ("大足石刻文创园", "李2"),
        ("大足石刻文创园", "李3"),
        ("天府设计产业园", "李1"),
    ]


def test_registrations_xlsx_carries_the_unit_and_the_reply_answers(client):
    edition = unit_edition()
    reply_form.set_reply_sections(edition=edition, sections=["arrival", "dinner"])
    unit, _token = make_unit(edition, organization="天府设计产业园")
    reg = unit_services.add_person(unit=unit, data=person(1), consent=True).registration
    reply_form.save_reply(registration_obj=reg, data={"arrival_number": "G8501", "dinner": True})
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    response = client.get(f"/api/v1/events/{edition.slug}/registrations.xlsx", **auth)
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).active
    headers = [c.value for c in ws[1]]
    row = dict(zip(headers, [c.value for c in ws[2]], strict=True))
    assert headers[-6:] == [
        "参会单位 Unit",
        "抵达日期 Arrival date",
        "抵达时间 Arrival time",
        "车次/航班 Train/flight",
        "抵达站点 Station/airport",
        "晚宴 Dinner",
    ]
    assert (row["参会单位 Unit"], row["车次/航班 Train/flight"], row["晚宴 Dinner"]) == (
        "天府设计产业园",
        "G8501",
        "是 yes",
    )


def test_confirmation_mail_asks_for_the_reply_form_once_confirmed_when_the_edition_asks_one():

    edition = unit_edition()
    unit, _token = make_unit(edition, quotas={"delegate": 2, "guest": 1})
    confirmed = unit_services.add_person(unit=unit, data=person(1), consent=True)

    def lines(result):
        return registration_mail.confirmation_message(result.registration, result.manage_token).lines

    link = registration_links.manage_url(confirmed.manage_token)
    assert lines(confirmed)[-1] == f"请填写参会回执（抵达、住宿、晚宴等）：{link}/reply"
    english = unit_services.add_person(unit=unit, data=person(4, language="English"), consent=True)
    assert lines(english)[-1].startswith("Please fill in the reply form (arrival, hotel, dinner): ")
    assert lines(english)[-1].endswith(f"/r/{english.manage_token}/reply")
    # A person awaiting approval is not asked yet; an edition that asks nothing never asks.
    pending = register(edition, "guest")  # guests await the organiser's approval
    assert pending.registration.status == S.PENDING
    assert not any("回执" in line for line in lines(pending))
    edition.reply_sections = []
    edition.save(update_fields=["reply_sections"])
    confirmed.registration.refresh_from_db()
    assert not any("回执" in line for line in lines(confirmed))
