"""The organiser's list of units from XLSX: a real workbook written by openpyxl, as an organiser fills the
template in Excel; all rows or none, errors per row in both languages, re-uploads and racing uploads give
each unit once."""

import json
import re
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from events.units.models import Unit, UnitQuota
from tests.races import at_once

from ..factories import make_user, token_for
from .unit_helpers import make_unit, person, unit_edition

pytestmark = pytest.mark.django_db

HEADERS = ["单位 Organisation", "联系人 Contact", "邮箱 E-mail", "手机 Mobile"]


def staff_template(client, edition) -> bytes:
    response = client.get(f"/api/v1/events/{edition.slug}/units/template.xlsx")
    assert response.status_code == 200
    return response.content


def filled(template: bytes, rows: list[list]) -> bytes:
    """The template with `rows` typed under its example row (openpyxl, as Excel would save it)."""
    wb = load_workbook(BytesIO(template))
    ws = wb.worksheets[0]
    for i, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            ws.cell(row=i, column=column, value=value)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def workbook(header: list, rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def post_file(client, path, content, name="units.xlsx", **extra):
    f = BytesIO(content)
    f.name = name
    return client.post(path, {"file": f}, **extra)


def api_import(client, edition, content, **extra):
    return post_file(client, f"/api/v1/events/{edition.slug}/units/import", content, **extra)


def organiser(client):
    make_user("org", "organiser")
    client.login(username="org", password="pw-123456")


def units_of(edition):
    return {
        u.organization.name: (
            dict(UnitQuota.objects.filter(unit=u).values_list("category__code", "quota")),
            u.contact_name,
            u.contact_email,
            u.contact_phone,
        )
        for u in Unit.objects.filter(edition=edition).select_related("organization")
    }


GOOD = [
    ["大足石刻文创园", "王联络", "wang@example.com", "13912345678", 10, 1],
    ["天府设计产业园", "", "", "", 5, ""],
    ["中国工业设计研究院", "赵主任", "zhao@example.com", 13800001111, 3, 2],
]


def test_template_has_a_column_per_category_with_rules_and_an_example(client):
    edition = unit_edition()
    organiser(client)
    wb = load_workbook(BytesIO(staff_template(client, edition)))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header == HEADERS + ["参会代表 Delegate (delegate) 名额 quota", "嘉宾 Guest (guest) 名额 quota"]
    assert "必填" in ws["A1"].comment.text and "Required" in ws["A1"].comment.text
    assert ws["A2"].value.startswith("示例 Example")


def test_good_file_adds_each_unit_with_quotas_contact_and_a_private_link(client):
    edition = unit_edition()
    organiser(client)
    content = filled(staff_template(client, edition), GOOD)
    response = api_import(client, edition, content)
    assert response.status_code == 200
    body = response.json()
    assert body["updated"] == 0 and body["errors"] == []
    assert [c["organization"] for c in body["created"]] == [
        "大足石刻文创园",
        "天府设计产业园",
        "中国工业设计研究院",
    ]
    assert units_of(edition) == {
        "大足石刻文创园": ({"delegate": 10, "guest": 1}, "王联络", "wang@example.com", "13912345678"),
        "天府设计产业园": ({"delegate": 5}, "", "", ""),
        "中国工业设计研究院": ({"delegate": 3, "guest": 2}, "赵主任", "zhao@example.com", "13800001111"),
    }
    # Each link opens its own unit's page (the example row was not imported).
    for created in body["created"]:
        token = created["invite_url"].rsplit("/u/", 1)[1]
        page = Client().get(f"/u/{token}")
        assert page.status_code == 200
        assert created["organization"] in page.content.decode()


def test_bad_rows_are_each_named_with_field_and_reason_and_nothing_is_imported(client):
    edition = unit_edition()
    organiser(client)
    rows = [
        ["大足石刻文创园", "王联络", "wang@example.com", "13912345678", 10, 1],  # row 3: fine
        ["", "李", "", "", 2, 0],  # row 4: no name
        ["天府设计产业园", "", "not-an-email", "12345", "五", 0],  # row 5: e-mail, mobile, quota
        ["重庆市大足区人民政府", "", "", "", 0, ""],  # row 6: no place at all
        ["大足石刻文创园", "", "", "", 1, 0],  # row 7: the same unit as row 3
    ]
    response = api_import(client, edition, filled(staff_template(client, edition), rows))
    assert response.status_code == 422
    body = response.json()
    assert body["created"] == [] and body["updated"] == 0
    assert [(e["row"], e["field"]) for e in body["errors"]] == [
        (4, "organization"),
        (5, "quotas.delegate"),
        (5, "contact_email"),
        (5, "contact_phone"),
        (6, "quotas"),
        (7, "organization"),
    ]
    messages = {(e["row"], e["field"]): e["message"] for e in body["errors"]}
    assert messages[(4, "organization")] == "请填写单位名称。"
    assert messages[(5, "quotas.delegate")] == "参会代表名额须为 0 至 10000 的整数，而不是“五”。"
    assert messages[(6, "quotas")] == "请至少为该单位设置一个名额。"
    assert messages[(7, "organization")] == "重复单位：大足石刻文创园 已在第 3 行。"
    assert "手机号码格式不正确" in messages[(5, "contact_phone")]
    assert Unit.objects.filter(edition=edition).count() == 0


def test_staff_page_shows_bad_rows_in_the_pages_language(client):
    edition = unit_edition()
    organiser(client)
    content = filled(staff_template(client, edition), [["", "李", "", "", 2, 0]])
    zh = client.post(f"/staff/e/{edition.slug}/units", {"action": "import", "file": _named(content)})
    assert zh.status_code == 422
    text = zh.content.decode()
    assert "未导入任何单位：请修改以下各行后重新上传。" in text
    assert "第 3 行: 请填写单位名称。" in text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.post(f"/staff/e/{edition.slug}/units", {"action": "import", "file": _named(content)})
    assert en.status_code == 422
    text = en.content.decode()
    assert "Nothing was imported: correct these rows and upload the file again." in text
    assert "Row 3: The organisation&#39;s name is required." in text
    assert Unit.objects.filter(edition=edition).count() == 0


def _named(content, name="units.xlsx"):
    f = BytesIO(content)
    f.name = name
    return f


def test_a_file_that_is_not_xlsx_is_refused_with_a_message(client):
    edition = unit_edition()
    organiser(client)
    for content in (b"organisation,delegate\nx,1\n", b"%PDF-1.7 not a workbook", b""):
        response = api_import(client, edition, content, name="units.csv")
        assert response.status_code == 422
        assert response.json()["detail"] in (
            "文件不是 Excel（.xlsx）表格，请使用模板。",
            "文件为空。",
        )
    page = client.post(
        f"/staff/e/{edition.slug}/units", {"action": "import", "file": _named(b"a,b", "u.csv")}
    )
    assert page.status_code == 422
    assert "文件不是 Excel（.xlsx）表格，请使用模板。" in page.content.decode()
    assert Unit.objects.filter(edition=edition).count() == 0


def test_a_column_that_is_no_category_is_refused_rather_than_dropped(client):
    edition = unit_edition()
    organiser(client)
    content = workbook(["单位", "代表", "嘉宾"], [["大足石刻文创园", 3, 1]])  # 代表 is no category here
    response = api_import(client, edition, content)
    assert response.status_code == 422
    assert (
        response.json()["detail"]
        == "“代表”列既不是单位信息，也不是本届的参会类别（参会代表、嘉宾），请使用模板。"
    )
    english = api_import(client, edition, content, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith(
        "Column '代表' is neither a unit's field nor a category of this edition (delegate, guest)"
    )
    # Headers in one language, by code or name, are fine.
    ok = api_import(
        client, edition, workbook(["Organisation", "delegate", "嘉宾"], [["大足石刻文创园", 3, 1]])
    )
    assert ok.status_code == 200
    assert units_of(edition)["大足石刻文创园"][0] == {"delegate": 3, "guest": 1}


def test_uploading_the_list_again_updates_units_never_duplicates(client):
    edition = unit_edition()
    organiser(client)
    template = staff_template(client, edition)
    first = api_import(client, edition, filled(template, GOOD))
    assert len(first.json()["created"]) == 3
    changed = [list(GOOD[0]), list(GOOD[1]), list(GOOD[2]), ["重庆市大足区人民政府", "", "", "", 2, 0]]
    changed[0][1], changed[0][4] = "新联络人", 12
    second = api_import(client, edition, filled(template, changed))
    assert second.status_code == 200
    assert [c["organization"] for c in second.json()["created"]] == ["重庆市大足区人民政府"]
    assert second.json()["updated"] == 3
    assert Unit.objects.filter(edition=edition).count() == 4
    assert units_of(edition)["大足石刻文创园"] == (
        {"delegate": 12, "guest": 1},
        "新联络人",
        "wang@example.com",
        "13912345678",
    )


def test_the_units_export_uploads_back_unchanged(client):
    edition = unit_edition()
    organiser(client)
    api_import(client, edition, filled(staff_template(client, edition), GOOD))
    before = units_of(edition)
    export = client.get(f"/api/v1/events/{edition.slug}/units.xlsx")
    response = api_import(client, edition, export.content)
    assert response.status_code == 200
    assert (response.json()["created"], response.json()["updated"]) == ([], 3)
    assert units_of(edition) == before


def test_a_quota_below_the_people_already_registered_is_a_row_error(client):
    edition = unit_edition()
    organiser(client)
    unit, token = make_unit(edition, organization="大足石刻文创园", quotas={"delegate": 3})
    for n in range(2):
        r = Client().post(
            f"/api/v1/units/{token}/people",
            json.dumps({**person(n), "consent": True}),
            content_type="application/json",
        )
        assert r.status_code == 201
    content = workbook(HEADERS + ["delegate"], [["大足石刻文创园", "", "", "", 1]])
    response = api_import(client, edition, content)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "row": 2,
            "field": "quotas.delegate",
            "message": "该单位参会代表已报 2 人，名额不能少于此数。",
        }
    ]
    assert units_of(edition)["大足石刻文创园"][0] == {"delegate": 3}


def test_importing_units_needs_an_organiser(client):
    edition = unit_edition()
    content = workbook(HEADERS + ["delegate"], [["大足石刻文创园", "", "", "", 1]])
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('v', 'viewer')}"}
    assert api_import(client, edition, content, **viewer).status_code == 403
    assert api_import(Client(), edition, content).status_code == 401
    assert Unit.objects.filter(edition=edition).count() == 0


def _organiser(_i):
    client = Client()
    client.login(username="org", password="pw-123456")
    return client


def _race(n, work):
    return at_once(n, work, prepare=_organiser)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_the_list_at_once_give_each_unit_once_on_postgres():
    edition = unit_edition()
    make_user("org", "organiser")
    content = workbook(HEADERS + ["delegate", "guest"], GOOD)

    def upload(client, i):
        response = api_import(client, edition, content)
        return response.status_code, len(response.json()["created"]), response.json()["updated"]

    results = _race(2, upload)
    assert sorted(results) == [(200, 0, 3), (200, 3, 0)]
    assert sorted(units_of(edition)) == sorted(row[0] for row in GOOD)
    assert Unit.objects.filter(edition=edition).count() == 3


def test_the_links_of_imported_units_are_shown_once_on_the_staff_page(client):
    edition = unit_edition()
    organiser(client)
    content = filled(staff_template(client, edition), GOOD)
    response = client.post(f"/staff/e/{edition.slug}/units", {"action": "import", "file": _named(content)})
    assert response.status_code == 200
    text = response.content.decode()
    assert "已导入：新增 3 个单位，更新 0 个。" in text
    urls = re.findall(r'value="(http[^"]+/u/[^"]+)"', text)
    assert len(urls) == 3
    again = client.get(f"/staff/e/{edition.slug}/units").content.decode()
    assert not any(url in again for url in urls)


def test_an_upload_without_a_file_is_refused_naming_the_field_in_the_clients_language(client):
    edition = unit_edition()
    organiser(client)
    url = f"/api/v1/events/{edition.slug}/units/import"
    chinese = client.post(url, {"other": "x"})
    english = client.post(url, {"other": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert (chinese.status_code, chinese.json()) == (422, {"detail": "请选择要上传的文件。", "field": "file"})
    assert english.json() == {"detail": "Choose a file to upload.", "field": "file"}
    assert units_of(edition) == {}
