"""The 通报 as XLSX (read back with openpyxl) and PDF (read back with pdftotext): the API's figures."""

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from followup import services
from tests.factories import token_for

from .helpers import make_project, make_series_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    edition = make_series_edition()
    a = make_project(edition, "智能装备产业园", start_due_on=dt.date(2024, 3, 1))
    b = make_project(edition, "文创设计中心", sector="文创")
    c = make_project(edition, "石刻数字化项目", contract_kind="agreement")
    services.record_update(b, {"period": "2024-Q1", "stage": "producing", "funds_added": "600"})
    services.record_update(c, {"period": "2024-Q1", "stage": "terminated", "note": "投资方撤回"})
    token = token_for("bureau", "view")
    return {"a": a, "b": b, "c": c, "auth": {"HTTP_AUTHORIZATION": f"Bearer {token}"}}


def pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_xlsx_has_a_row_per_project_and_the_indicators(client, world):
    response = client.get("/api/v1/series/invest/follow-up.xlsx", **world["auth"])
    api = client.get("/api/v1/series/invest/follow-up", **world["auth"]).json()

    book = load_workbook(io.BytesIO(response.content))
    projects = list(book["项目 Projects"].iter_rows(min_row=2, values_only=True))
    indicators = {row[0]: row[1:4] for row in book["指标 Indicators"].iter_rows(min_row=2, values_only=True)}

    assert [(r[2], r[8], r[9]) for r in projects] == [
        ("智能装备产业园", "已签约", "红灯"),
        ("文创设计中心", "已投产", "绿灯"),
        ("石刻数字化项目", "已终止", "灰灯（已终止）"),
    ]
    assert projects[1][7] == 600
    assert indicators["履约率 Fulfilment (%)"] == (float(Decimal(api["rates"]["fulfilment"]["value"])), 2, 3)
    assert indicators["投产率 In production (%)"] == (33.33, 1, 3)


def test_pdf_prints_the_figures_formulas_and_a_table_per_light(client, world):
    api = client.get("/api/v1/series/invest/follow-up", **world["auth"]).json()

    response = client.get("/api/v1/series/invest/follow-up.pdf", **world["auth"])
    text = pdftotext(response.content)
    english = pdftotext(client.get("/api/v1/series/invest/follow-up.pdf?lang=en", **world["auth"]).content)

    assert response["Content-Type"] == "application/pdf"
    assert "签约项目履约情况通报" in text
    assert "66.67%" in text and api["rates"]["fulfilment"]["value"] == "66.67"
    assert "履约率 = (签约项目数 − 已终止) ÷ 签约项目数" in text
    assert "资金到位率 = 到位资金合计 ÷ 协议投资额合计" in text
    assert "红灯（1）" in text and "绿灯（1）" in text and "灰灯（已终止）（1）" in text
    assert "智能装备产业园" in text
    assert "Fulfilment = (signed − terminated) ÷ signed" in english


def test_the_report_template_stays_strict_xhtml(world):
    """documents.pipeline falls back to the slow HTML parser, silently, on a template that is not
    well-formed (bench/README.md, the 通报's figures): keep it parsable by expat."""
    import xml.etree.ElementTree as ET

    from documents import pipeline
    from followup import report
    from followup.selectors import get_series

    context = report.pdf_context(get_series("invest"))

    root = ET.fromstring(pipeline.render_html(report.TEMPLATE, context))

    assert root.tag == "html"
