"""The printed report (PDF) and its data (XLSX) read back by independent readers: pdftotext finds every
chart's title (text kept as text inside the SVG) and the numbers of its table; openpyxl reads a sheet per
chart holding the figures of the API."""

import io
import re
import subprocess

import openpyxl
import pikepdf
import pytest

from reports import documents, figures

pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    ("lang", "findings"),
    [
        (
            "zh-hans",
            [
                "会后总结",
                "到会率60.0%，比上届高60.0个百分点",
                "签约项目4个，总投资2.55亿元，比上届多2.55亿元",
                "发放率最低：午餐券14.3%（应发7，已发1）",
                "授牌3项，最多为成渝地区双城经济圈工业设计赋能基地（2项）",
            ],
        ),
        (
            "en",
            [
                "The conference in figures",
                "Attendance 60.0%, 60.0 points above the previous edition",
                "4 projects signed, CNY 255.00 million in total",
                "Lowest hand-out rate: Lunch voucher, 14.3% (1 of 7)",
            ],
        ),
    ],
)
def test_the_pdf_reads_back_every_title_and_number(client, conference, organiser, lang, findings):
    response = client.get(f"/api/v1/events/{conference.edition.slug}/report.pdf", {"lang": lang}, **organiser)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = squeeze(pdf_text(response.content))
    for finding in findings:
        assert squeeze(finding) in text
    report = figures.report(conference.edition)
    for section in documents.report_sections(report, lang):
        assert squeeze(section["title"]) in text, section["key"]
        for row in section["rows"]:
            assert squeeze("".join(row)) in text or all(squeeze(cell) in text for cell in row), row
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert [round(float(x)) for x in pdf.pages[0].mediabox] == [0, 0, 595, 842]  # A4


def test_the_pdf_follows_the_request_language_without_lang(client, conference, organiser):
    response = client.get(
        f"/api/v1/events/{conference.edition.slug}/report.pdf", HTTP_ACCEPT_LANGUAGE="en", **organiser
    )
    assert "The conference in figures" in pdf_text(response.content)
    bad = client.get(f"/api/v1/events/{conference.edition.slug}/report.pdf", {"lang": "fr"}, **organiser)
    assert bad.status_code == 422 and bad.json()["field"] == "lang"


def test_the_xlsx_holds_a_sheet_per_chart_with_the_apis_figures(client, conference, organiser):
    slug = conference.edition.slug
    response = client.get(f"/api/v1/events/{slug}/report.xlsx", **organiser)
    assert response.status_code == 200
    report = client.get(f"/api/v1/events/{slug}/report", **organiser).json()
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "attendance 到会",
        "by_category 类别",
        "by_unit 单位",
        "arrivals 入场",
        "registrations 报名",
        "handovers 发放",
        "meals 用餐",
        "signing 签约",
        "awards 授牌",
        "compare 对比",
    ]
    rows = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    assert rows["attendance 到会"][0] == ["统计项 Measure", "上届 Previous edition", "本届 This edition"]
    assert rows["attendance 到会"][1:] == [
        ["已报名 Registered", 4, 12],
        ["已确认 Confirmed", 4, 10],
        ["实到 Checked in", 0, 6],
        ["未到 No-shows", 4, 4],
        ["手动补签 Admitted by hand", 0, 1],
    ]
    assert rows["by_unit 单位"][1:] == [
        [u["organization"], u["quota"], u["registered"], u["confirmed"], u["checked_in"]]
        for u in report["attendance"]["by_unit"]
    ]
    arrivals = [[name, n] for name, _at, n in rows["arrivals 入场"][1:]]
    assert arrivals == [[p["name"], n] for p in report["arrivals"].values() for _at, n in p["bins"]]
    assert rows["registrations 报名"][1:] == [[r[0], r[1], r[2]] for r in rows["registrations 报名"][1:]]
    assert [r[1:] for r in rows["registrations 报名"][1:]] == [d[1:] for d in report["registrations_per_day"]]
    assert rows["handovers 发放"][1:] == [["主会场", "资料袋", 2, 10], ["主会场", "午餐券", 1, 7]]
    assert rows["signing 签约"][1:] == [["智能制造", 2, 17500.0], ["文创设计", 2, 8000.0]]
    assert rows["awards 授牌"][1:] == [[a["name"], a["count"]] for a in report["awards"]]
    assert rows["compare 对比"][1] == ["registered", 4, 12]
