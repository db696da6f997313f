"""Units: quotas, the template and its import (dry run, re-import), substitution at the door, the reply form."""

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core import mail
from openpyxl import load_workbook

from events.checkin import scanning
from events.enums import RegistrationStatus as S
from events.models import Registration
from events.registration import links as registration_links
from events.registration import mail as registration_mail
from events.units import reply_form
from events.units import services as unit_services
from events.units.models import ReplyForm, Substitution, Unit

from ..factories import register, token_for
from .unit_helpers import filled_template, make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def api(client, method, path, body=None, **extra):
    kwargs = {"content_type": "application/json"} if body is not None else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(f"/api/v1{path}", data, **kwargs, **extra)


def template(client, token):
    response = client.get(f"/api/v1/units/{token}/template.xlsx")
    assert response.status_code == 200
    return response.content


def upload(client, token, content, dry_run):
    return client.post(
        f"/api/v1/units/{token}/import?dry_run={'true' if dry_run else 'false'}",
        {"file": _file(content)},
    )


def _file(content):
    f = BytesIO(content)
    f.name = "people.xlsx"
    return f


# --- units -------------------------------------------------------------------------------------------


def test_create_unit_api_gives_private_link_stored_hashed(client):
    edition = unit_edition()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    body = {"organization": "天府设计产业园", "quotas": {"delegate": 5, "guest": 1}, "contact_name": "王联络",
            "contact_email": "wang@example.com", "contact_phone": "13912345678"}  # fmt: skip
    response = api(client, "post", f"/events/{edition.slug}/units", body, **auth)
    assert response.status_code == 201
    url = response.json()["invite_url"]
    token = url.rsplit("/u/", 1)[1]
    assert len(token) >= 43  # 256 bits, urlsafe base64
    unit = Unit.objects.get(pk=response.json()["id"])
    assert token not in unit.token_hash and len(unit.token_hash) == 64
    detail = api(client, "get", f"/units/{token}").json()
    assert detail["organization"] == "天府设计产业园"
    assert [(q["category"], q["quota"], q["used"]) for q in detail["quotas"]] == [
        ("delegate", 5, 0),
        ("guest", 1, 0),
    ]
    listed = api(client, "get", f"/events/{edition.slug}/units", **auth).json()
    assert [(u["organization"], u["quotas"], u["registered"], u["replied"]) for u in listed] == [
        ("天府设计产业园", {"delegate": 5, "guest": 1}, 0, False)
    ]


def test_create_unit_unknown_category_or_negative_quota_is_422(client):
    edition = unit_edition()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('org', 'organiser')}"}
    for quotas in ({"nobody": 2}, {"delegate": -1}, {}):
        body = {"organization": "天府设计产业园", "quotas": quotas}
        response = api(client, "post", f"/events/{edition.slug}/units", body, **auth)
        assert response.status_code == 422, quotas
    assert Unit.objects.count() == 0


def test_units_endpoints_need_their_role(client):
    edition = unit_edition()
    body = {"organization": "天府设计产业园", "quotas": {"delegate": 1}}
    assert api(client, "post", f"/events/{edition.slug}/units", body).status_code == 401
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    assert api(client, "post", f"/events/{edition.slug}/units", body, **viewer).status_code == 403
    assert api(client, "get", f"/events/{edition.slug}/units", **viewer).status_code == 200


def test_unit_link_wrong_token_is_404(client):
    unit_edition()
    assert api(client, "get", "/units/not-a-real-token").status_code == 404


def test_add_person_within_quota_then_409_over_quota(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 2})
    codes = []
    for n in range(3):
        body = {**person(n), "language": "zh-hans", "consent": True}
        codes.append(api(client, "post", f"/units/{token}/people", body).status_code)
    assert codes == [201, 201, 409]
    people = Registration.objects.filter(unit=unit)
    assert sorted(p.status for p in people) == [S.CONFIRMED, S.CONFIRMED]
    assert {p.organization.name for p in people} == {"大足石刻文创园"}


def test_add_person_guest_category_needing_approval_is_confirmed_for_the_unit(client):
    edition = unit_edition()
    _unit, token = make_unit(edition, quotas={"guest": 1})
    body = {**person(1, "guest"), "language": "zh-hans", "consent": True}
    response = api(client, "post", f"/units/{token}/people", body)
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    assert response.json()["ticket_token"].startswith(f"{edition.slug}.")


def test_add_person_bad_mobile_is_422_with_field(client):
    edition = unit_edition()
    _unit, token = make_unit(edition)
    body = {**person(1, phone="12345"), "language": "zh-hans", "consent": True}
    response = api(client, "post", f"/units/{token}/people", body)
    assert response.status_code == 422
    assert response.json()["field"] == "phone"


# --- the template and the import ------------------------------------------------------------------------


def test_template_has_category_dropdown_example_row_and_rules(client):
    edition = unit_edition()
    _unit, token = make_unit(edition, quotas={"delegate": 3, "guest": 1})
    wb = load_workbook(BytesIO(template(client, token)))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:7] == ["序号 No.", "类别 Category", "姓名 Name", "英文名 Name in Latin letters", "职务 Title",
                           "手机 Mobile", "邮箱 E-mail"]  # fmt: skip
    assert all(
        c.comment is not None
        and "必填" in c.comment.text
        or "选填" in c.comment.text
        or "行号" in c.comment.text
        for c in ws[1]
    )
    assert ws["B1"].comment.text.startswith("必填")
    assert ws["A2"].value == "示例 Example"
    validations = ws.data_validations.dataValidation
    dropdown = next(dv for dv in validations if "B2" in str(dv.sqref))
    assert dropdown.type == "list"
    lists = wb["类别 Categories"]
    assert [lists.cell(r, 1).value for r in (2, 3)] == ["参会代表 Delegate (delegate)", "嘉宾 Guest (guest)"]
    assert [lists.cell(r, 2).value for r in (2, 3)] == [3, 1]


def test_dry_run_gives_verdict_per_row_and_writes_nothing(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 2, "guest": 1})
    rows = [
        person(1),
        person(2, phone="138-bad"),  # bad mobile
        person(3, email="li1@example.com"),  # duplicate person (same e-mail as row 3)
        person(4, category="志愿者"),  # unknown category
        person(5, category="参会代表 Delegate (delegate)"),
        person(6),  # over quota: the third delegate
    ]
    response = upload(client, token, filled_template(template(client, token), rows), dry_run=True)
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["updated"], body["dry_run"]) == (2, 0, True)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [
        (4, "phone"),
        (5, "email"),
        (6, "category"),
        (8, "category"),
    ]
    messages = [e["message"] for e in body["errors"]]
    assert "手机号码格式不正确" in messages[0]
    assert "重复人员" in messages[1]
    assert "未知类别“志愿者”" in messages[2]
    assert "超出本单位参会代表名额" in messages[3]
    assert [r["action"] for r in body["rows"]] == ["create", "error", "error", "error", "create", "error"]
    assert Registration.objects.filter(unit=unit).count() == 0


def test_import_with_an_error_writes_nothing_then_fixed_file_imports(
    client, django_capture_on_commit_callbacks
):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 3})
    blank = template(client, token)
    rows = [person(1), person(2, phone="12"), person(3)]
    response = upload(client, token, filled_template(blank, rows), dry_run=False)
    assert response.status_code == 200
    assert (response.json()["created"], len(response.json()["errors"])) == (0, 1)
    assert Registration.objects.filter(unit=unit).count() == 0
    rows[1]["phone"] = "13800000002"
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, token, filled_template(blank, rows), dry_run=False)
    assert response.json()["errors"] == []
    assert response.json()["created"] == 3
    people = Registration.objects.filter(unit=unit).order_by("email")
    assert [(p.name, p.email, p.phone, p.status) for p in people] == [
        ("李1", "li1@example.com", "13800000001", S.CONFIRMED),
        ("李2", "li2@example.com", "13800000002", S.CONFIRMED),
        ("李3", "li3@example.com", "13800000003", S.CONFIRMED),
    ]
    assert len(mail.outbox) == 3  # each person gets their own link and ticket


def test_reimport_same_file_updates_never_duplicates(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 3})
    blank = template(client, token)
    rows = [person(1), person(2), person(3)]
    assert upload(client, token, filled_template(blank, rows), dry_run=False).json()["created"] == 3
    again = upload(client, token, filled_template(blank, rows), dry_run=False).json()
    assert (again["created"], again["updated"], again["unchanged"], again["errors"]) == (0, 0, 3, [])
    rows[0]["title"] = "副总经理"
    rows[2]["phone"] = "+86 139 0000 0003"
    changed = upload(client, token, filled_template(blank, rows), dry_run=False).json()
    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 2, 1)
    assert Registration.objects.filter(unit=unit).count() == 3
    assert Registration.objects.get(email="li1@example.com").title == "副总经理"
    assert Registration.objects.get(email="li3@example.com").phone == "+8613900000003"


def test_import_not_a_workbook_is_422(client):
    edition = unit_edition()
    _unit, token = make_unit(edition)
    response = upload(client, token, b"name,phone\n", dry_run=True)
    assert response.status_code == 422
    assert response.json()["field"] == "file"


def test_import_email_registered_elsewhere_in_edition_is_duplicate_person(client):
    from ..factories import register

    edition = unit_edition()
    register(edition, email="li1@example.com")
    _unit, token = make_unit(edition)
    body = upload(client, token, filled_template(template(client, token), [person(1)]), dry_run=True).json()
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(3, "email")]
    assert "重复人员" in body["errors"][0]["message"]


def test_import_mobile_typed_as_number_cell_is_read_as_text(client):
    edition = unit_edition()
    unit, token = make_unit(edition)
    body = upload(
        client, token, filled_template(template(client, token), [person(1, phone=13800000001)]), dry_run=False
    )
    assert body.json()["created"] == 1
    assert Registration.objects.get(unit=unit).phone == "13800000001"


def test_units_export_text_like_a_formula_stays_text(client):
    edition = unit_edition()
    make_unit(edition, contact_name='=HYPERLINK("http://x")')
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    ws = load_workbook(
        BytesIO(client.get(f"/api/v1/events/{edition.slug}/units.xlsx", **auth).content)
    ).active
    assert (ws["B2"].value, ws["B2"].data_type) == ('=HYPERLINK("http://x")', "s")


# --- substitution -------------------------------------------------------------------------------------


def test_substitution_end_to_end_old_ticket_unknown_revoked_new_ticket_checks_in(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 1})
    added = api(
        client, "post", f"/units/{token}/people", {**person(1), "language": "zh-hans", "consent": True}
    ).json()
    old_ticket = added["ticket_token"]
    body = {
        "name": "赵新",
        "email": "zhao@example.com",
        "phone": "13900000009",
        "title": "主任",
        "consent": True,
    }
    response = api(client, "post", f"/units/{token}/people/{added['code']}/substitute", body)
    assert response.status_code == 201
    new = response.json()
    assert new["status"] == "confirmed" and new["code"] != added["code"]
    assert new["manage_url"] != added["manage_url"]

    old_scan = scanning.check_in(slug=edition.slug, token=old_ticket)
    assert (old_scan["result"], old_scan["reason"]) == ("unknown", "revoked")
    new_scan = scanning.check_in(slug=edition.slug, token=new["ticket_token"])
    assert new_scan["result"] == "ok"
    assert new_scan["registration"]["name"] == "赵新"

    old = Registration.objects.get(code=added["code"])
    replacement = Registration.objects.get(code=new["code"])
    assert (old.status, replacement.category_id, replacement.unit_id) == (
        S.CANCELLED,
        old.category_id,
        unit.pk,
    )
    log = Substitution.objects.get()
    assert (log.old_id, log.new_id, log.old_name, log.new_name) == (old.pk, replacement.pk, "李1", "赵新")
    # The seat stayed: the quota of one is still full, not free for another person.
    assert (
        api(
            client, "post", f"/units/{token}/people", {**person(2), "language": "zh-hans", "consent": True}
        ).status_code
        == 409
    )
    detail = api(client, "get", f"/units/{token}").json()
    assert [(s["old_name"], s["new_name"]) for s in detail["substitutions"]] == [("李1", "赵新")]


def test_substitution_of_someone_outside_the_unit_is_404(client):
    from ..factories import register

    edition = unit_edition()
    stranger = register(edition).registration
    _unit, token = make_unit(edition)
    body = {"name": "赵新", "email": "zhao@example.com", "phone": "13900000009", "consent": True}
    assert api(client, "post", f"/units/{token}/people/{stranger.code}/substitute", body).status_code == 404


def test_substitution_full_category_keeps_the_seat():
    edition = unit_edition()
    cat = edition.categories.get(code="delegate")
    cat.capacity = 1
    cat.save()
    unit, _token = make_unit(edition, quotas={"delegate": 1})
    first = unit_services.add_person(unit=unit, data=person(1), consent=True).registration
    result = unit_services.substitute_person(unit=unit, code=first.code, data=person(2), consent=True)
    assert result.registration.status == S.CONFIRMED
    assert Registration.objects.filter(category=cat, status=S.CONFIRMED).count() == 1
    cat.refresh_from_db()
    assert cat.confirmed_count == 1  # the seat changed hands: the category's counter did not move


# --- the reply form -----------------------------------------------------------------------------------


def _confirmed(edition, unit, n):
    return unit_services.add_person(unit=unit, data=person(n), consent=True)


def test_reply_form_through_manage_link_and_unit_page(client):
    edition = unit_edition()
    unit, token = make_unit(edition)
    result = _confirmed(edition, unit, 1)
    reply = {"arrival_date": "2030-06-27", "arrival_time": "15:40", "arrival_number": "G8501",
             "arrival_place": "大足南站", "hotel_needed": True, "room_type": "twin", "sharing": True,
             "share_with": "李2", "dinner": True, "dietary": "清真", "remarks": "晚到"}  # fmt: skip
    response = api(client, "put", f"/registrations/{result.manage_token}/reply", reply)
    assert response.status_code == 200
    assert response.json()["answers"]["arrival_number"] == "G8501"
    response = api(
        client, "put", f"/units/{token}/people/{result.registration.code}/reply", {"dinner": False}
    )
    assert response.status_code == 200
    saved = ReplyForm.objects.get(registration=result.registration)
    assert (saved.arrival_date, saved.arrival_time, saved.room_type, saved.dinner) == (
        dt.date(2030, 6, 27), dt.time(15, 40), "twin", False)  # fmt: skip


def test_reply_form_only_fields_the_edition_asks_and_only_when_confirmed(client):
    edition = unit_edition()
    reply_form.set_reply_sections(edition=edition, sections=["arrival", "dinner"])
    unit, _token = make_unit(edition)
    result = _confirmed(edition, unit, 1)
    response = api(client, "put", f"/registrations/{result.manage_token}/reply", {"hotel_needed": True})
    assert response.status_code == 422
    assert response.json()["field"] == "hotel_needed"
    assert api(client, "get", f"/registrations/{result.manage_token}/reply").json()["asked"] == [
        "arrival_date", "arrival_time", "arrival_number", "arrival_place", "dinner"]  # fmt: skip
    from ..factories import register

    guest = register(edition, category="guest", organization="x")  # pending approval
    response = api(client, "put", f"/registrations/{guest.manage_token}/reply", {"dinner": True})
    assert response.status_code == 409


def test_reply_export_by_unit_and_by_arrival(client):
    edition = unit_edition()
    park, _ = make_unit(edition, organization="天府设计产业园")
    town, _ = make_unit(edition, organization="大足石刻文创园")
    a = _confirmed(edition, park, 1).registration
    b = _confirmed(edition, town, 2).registration
    c = _confirmed(edition, town, 3).registration
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
        ("大足石刻文创园", "李2"), ("大足石刻文创园", "李3"), ("天府设计产业园", "李1")]  # fmt: skip


def test_units_overview_counts_quota_registered_confirmed_checked_in(client):
    edition = unit_edition()
    park, _ = make_unit(edition, organization="天府设计产业园", quotas={"delegate": 4, "guest": 1})
    make_unit(edition, organization="大足石刻文创园", quotas={"delegate": 2})
    one = _confirmed(edition, park, 1)
    _confirmed(edition, park, 2)
    scanning.check_in(slug=edition.slug, token=one.ticket_token)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    rows = api(client, "get", f"/events/{edition.slug}/units", **auth).json()
    assert [
        (r["organization"], r["quota"], r["registered"], r["confirmed"], r["checked_in"], r["replied"])
        for r in rows
    ] == [
        ("天府设计产业园", 5, 2, 2, 1, True),
        ("大足石刻文创园", 2, 0, 0, 0, False),
    ]
    export = client.get(f"/api/v1/events/{edition.slug}/units.xlsx", **auth)
    ws = load_workbook(BytesIO(export.content)).active
    headers = [c.value for c in ws[1]]
    first = dict(zip(headers, [c.value for c in ws[2]], strict=True))
    assert (
        first["应到 Quota"],
        first["已报名 Registered"],
        first["已确认 Confirmed"],
        first["实到 Checked in"],
    ) == (5, 2, 2, 1)


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
    assert headers[-6:] == ["参会单位 Unit", "抵达日期 Arrival date", "抵达时间 Arrival time",
                            "车次/航班 Train/flight", "抵达站点 Station/airport", "晚宴 Dinner"]  # fmt: skip
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
