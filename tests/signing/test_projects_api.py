import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from events.models import Organization
from signing.models import SigningProject
from tests.factories import make_edition, token_for
from tests.signing.factories import make_project

pytestmark = pytest.mark.django_db


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def body(**over):
    data = {
        "name": "YTC智能科技研发与制造基地项目",
        "name_en": "YTC Intelligent Technology Base",
        "sector": "智能制造",
        "amount": "500000000.00",
        "currency": "CNY",
        "status": "planned",
        "parties": [
            {
                "role": "A",
                "organization": "重庆市大足区人民政府",
                "signatory": "黄敏",
                "signatory_title": "副区长",
            },
            {
                "role": "B",
                "organization": "YTC Technologies（重庆）智能科技发展有限公司",
                "signatory": "张浩然",
                "signatory_title": "总经理",
            },
        ],
        "witnesses": [{"name": "陈志远", "title": "区长"}],
    }
    data.update(over)
    return data


def post(client, slug, token, **over):
    return client.post(
        f"/api/v1/events/{slug}/signing-projects",
        json.dumps(body(**over)),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",  # an API client that reads the English messages asks for them
        **auth(token),
    )


def test_create_project_returns_exact_amount_parties_and_witnesses(client):
    edition = make_edition()
    token = token_for("org", "admin")
    response = post(client, edition.slug, token)
    assert response.status_code == 201
    data = response.json()
    assert data["order"] == 1
    assert data["amount"] == "500000000.00"
    assert data["amount_display"] == "5亿元"
    assert [(p["role"], p["role_zh"], p["organization"], p["signatory"]) for p in data["parties"]] == [
        ("A", "甲方", "重庆市大足区人民政府", "黄敏"),
        ("B", "乙方", "YTC Technologies（重庆）智能科技发展有限公司", "张浩然"),
    ]
    assert data["witnesses"] == [{"name": "陈志远", "name_en": "", "title": "区长"}]
    assert SigningProject.objects.get().amount == Decimal("500000000.00")


def test_create_project_links_party_to_existing_registry_organisation(client):
    edition = make_edition()
    org = Organization.objects.create(name="中国工业设计研究院", name_en="China Industrial Design Institute")
    token = token_for("org", "admin")
    parties = [{"role": "A", "organization": "China Industrial Design Institute", "signatory": "周立群"}]
    response = post(client, edition.slug, token, parties=parties)
    assert response.json()["parties"][0]["organization_id"] == org.pk


def test_create_project_amount_in_wan_is_stored_in_yuan(client):
    edition = make_edition()
    token = token_for("org", "admin")
    response = post(client, edition.slug, token, amount="8000", amount_unit="wan")
    assert response.json()["amount"] == "80000000.00"
    assert response.json()["amount_display"] == "8000万元"


def test_create_project_amount_not_a_number_is_422_naming_amount(client):
    edition = make_edition()
    token = token_for("org", "admin")
    response = post(client, edition.slug, token, amount="五亿")
    assert response.status_code == 422
    assert response.json()["field"] == "amount"
    assert "number" in response.json()["detail"]
    assert SigningProject.objects.count() == 0


def test_create_project_party_without_organisation_is_422_naming_the_party(client):
    edition = make_edition()
    token = token_for("org", "admin")
    response = post(client, edition.slug, token, parties=[{"role": "A", "signatory": "黄敏"}])
    assert response.status_code == 422
    assert response.json()["field"] == "parties[0].organization"
    assert "no organisation" in response.json()["detail"]


def test_create_project_duplicate_role_is_422(client):
    edition = make_edition()
    token = token_for("org", "admin")
    parties = [{"role": "A", "organization": "甲单位"}, {"role": "A", "organization": "乙单位"}]
    response = post(client, edition.slug, token, parties=parties)
    assert response.status_code == 422
    assert response.json()["field"] == "parties[1].role"


def test_create_project_unknown_status_is_422(client):
    edition = make_edition()
    token = token_for("org", "admin")
    response = post(client, edition.slug, token, status="maybe")
    assert response.status_code == 422
    assert response.json()["field"] == "status"


def test_signing_projects_without_credentials_is_401(client):
    edition = make_edition()
    assert client.get(f"/api/v1/events/{edition.slug}/signing-projects").status_code == 401


def test_signing_projects_with_checkin_role_is_403(client):
    edition = make_edition()
    token = token_for("door", "checkin")
    response = client.get(f"/api/v1/events/{edition.slug}/signing-projects", **auth(token))
    assert response.status_code == 403


def test_create_project_at_order_moves_the_others_down(client):
    edition = make_edition()
    first = make_project(edition)
    second = make_project(edition)
    token = token_for("org", "admin")
    response = post(client, edition.slug, token, order=1)
    listed = client.get(f"/api/v1/events/{edition.slug}/signing-projects", **auth(token)).json()
    assert [p["id"] for p in listed] == [response.json()["id"], first.pk, second.pk]
    assert [p["order"] for p in listed] == [1, 2, 3]


def test_patch_project_changes_amount_and_replaces_parties(client):
    edition = make_edition()
    project = make_project(edition)
    token = token_for("org", "admin")
    response = client.patch(
        f"/api/v1/events/{edition.slug}/signing-projects/{project.pk}",
        json.dumps({"amount": 12.5, "amount_unit": "yi", "parties": [{"organization": "天府设计产业园"}]}),
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200
    assert response.json()["amount"] == "1250000000.00"
    assert [(p["role"], p["organization"]) for p in response.json()["parties"]] == [("A", "天府设计产业园")]
    assert response.json()["witnesses"] == [{"name": "陈志远", "name_en": "", "title": "区长"}]


def test_delete_project_renumbers_the_rest(client):
    edition = make_edition()
    first, second, third = make_project(edition), make_project(edition), make_project(edition)
    token = token_for("org", "admin")
    response = client.delete(f"/api/v1/events/{edition.slug}/signing-projects/{first.pk}", **auth(token))
    assert response.status_code == 204
    assert list(SigningProject.objects.order_by("order").values_list("pk", "order")) == [
        (second.pk, 1),
        (third.pk, 2),
    ]


def test_reorder_sets_stage_order(client):
    edition = make_edition()
    a, b, c = make_project(edition), make_project(edition), make_project(edition)
    token = token_for("org", "admin")
    response = client.post(
        f"/api/v1/events/{edition.slug}/signing-projects/reorder",
        json.dumps({"ids": [c.pk, a.pk, b.pk]}),
        content_type="application/json",
        **auth(token),
    )
    assert [(p["id"], p["order"]) for p in response.json()] == [(c.pk, 1), (a.pk, 2), (b.pk, 3)]


def test_reorder_missing_project_is_422(client):
    edition = make_edition()
    a = make_project(edition)
    make_project(edition)
    token = token_for("org", "admin")
    response = client.post(
        f"/api/v1/events/{edition.slug}/signing-projects/reorder",
        json.dumps({"ids": [a.pk]}),
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "ids"


def test_xlsx_export_lists_projects_with_exact_amounts_and_total(client):
    edition = make_edition()
    make_project(edition, name="项目甲", amount="300000000")
    make_project(edition, name="项目乙", amount="80000000.50")
    token = token_for("org", "admin")
    response = client.get(f"/api/v1/events/{edition.slug}/signing-projects.xlsx", **auth(token))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:3]] == ["项目甲", "项目乙"]
    assert [Decimal(str(r[4])) for r in rows[1:3]] == [Decimal("300000000"), Decimal("80000000.5")]
    assert rows[3][1] == "合计 Total (2)"
    assert Decimal(str(rows[3][4])) == Decimal("380000000.5")


def test_xlsx_export_writes_formula_like_text_as_text(client):
    edition = make_edition()
    make_project(edition, name='=HYPERLINK("http://x.example","打开")', name_en="+cmd", notes="@SUM(1)")
    make_project(edition, name="-1+2", sector="=1+1")
    token = token_for("org", "admin")
    response = client.get(f"/api/v1/events/{edition.slug}/signing-projects.xlsx", **auth(token))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [sheet.cell(2, 2), sheet.cell(2, 3), sheet.cell(2, 11), sheet.cell(3, 2), sheet.cell(3, 4)]
    assert [(c.value, c.data_type) for c in cells] == [
        ('=HYPERLINK("http://x.example","打开")', "s"),
        ("+cmd", "s"),
        ("@SUM(1)", "s"),
        ("-1+2", "s"),
        ("=1+1", "s"),
    ]


def test_press_summary_counts_projects_total_and_sectors(client):
    edition = make_edition(name="测试大会")
    make_project(edition, amount="500000000", sector="智能制造")
    make_project(edition, amount="150000000", sector="文化创意", sector_en="cultural and creative industries")
    make_project(edition, amount="900000000", status="cancelled", sector="不计入")
    token = token_for("org", "admin")
    data = client.get(f"/api/v1/events/{edition.slug}/press-summary", **auth(token)).json()
    assert data["count"] == 2
    assert data["total_cny"] == "650000000.00"
    assert data["text"] == "测试大会现场签约项目2个，签约总金额6.5亿元，涵盖智能制造、文化创意等领域。"
    assert "CNY 650 million" in data["text_en"]
