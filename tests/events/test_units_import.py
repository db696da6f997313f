"""A unit's people sheet: the template, its import (dry run, all or nothing, re-import), export as text."""

from io import BytesIO

import pytest
from django.core import mail
from openpyxl import load_workbook

from events.enums import RegistrationStatus as S
from events.models import Registration

from ..factories import register, token_for
from .unit_client import template, upload
from .unit_helpers import filled_template, make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def test_template_has_category_dropdown_example_row_and_rules(client):
    edition = unit_edition()
    _unit, token = make_unit(edition, quotas={"delegate": 3, "guest": 1})
    wb = load_workbook(BytesIO(template(client, token)))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:7] == [
        "序号 No.",
        "类别 Category",
        "姓名 Name",
        "英文名 Name in Latin letters",
        "职务 Title",
        "手机 Mobile",
        "邮箱 E-mail",
    ]
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
