"""The 通报 (follow-up report) of a series: one dict of plain data, as XLSX (a row per project and the
indicators) and as PDF (the indicators with numerator, denominator and formula, the charts, a table per
light) through documents.pipeline."""

import contextlib
import datetime as dt
import gc
from decimal import Decimal

from django.utils import timezone

from documents.pipeline import render_pdf
from documents.spreadsheets import workbook_bytes

from . import charts, indicators, selectors
from .enums import LIGHTS
from .serialize import followed_out

LANGS = ("zh", "en")
LABELS = {
    "zh": {
        "title": "签约项目履约情况通报",
        "as_of": "统计截至",
        "indicators": "一、主要指标",
        "indicator": "指标",
        "value": "数值",
        "numerator": "分子",
        "denominator": "分母",
        "formula": "计算公式",
        "signed_n": "签约项目数",
        "investment": "协议投资额",
        "funds_in": "到位资金",
        "unit": "万元",
        "charts": "二、分届次情况",
        "by_edition": "届次",
        "lights_h": "三、项目督办（红黄绿灯）",
        "projects": "项目数",
        "project": "项目名称",
        "responsible": "责任单位",
        "stage": "阶段",
        "start_due": "约定开工",
        "last": "最近填报",
        "none": "无",
        "rates": {
            "fulfilment": "履约率",
            "started": "开工率",
            "producing": "投产率",
            "funds": "资金到位率",
            "converted": "转化率",
        },
        "lights": {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "grey": "灰灯（已终止）"},
        "stages": {
            "signed": "已签约",
            "registered": "已注册",
            "started": "已开工",
            "building": "在建",
            "producing": "已投产",
            "terminated": "已终止",
        },
        "rule": "百分比四舍五入保留两位小数；金额单位：万元。",
    },
    "en": {
        "title": "Signed projects: follow-up report",
        "as_of": "As of",
        "indicators": "1. Indicators",
        "indicator": "Indicator",
        "value": "Value",
        "numerator": "Numerator",
        "denominator": "Denominator",
        "formula": "Formula",
        "signed_n": "Signed projects",
        "investment": "Investment",
        "funds_in": "Funds in",
        "unit": "10k yuan",
        "charts": "2. By edition",
        "by_edition": "Edition",
        "lights_h": "3. Projects by light",
        "projects": "Projects",
        "project": "Project",
        "responsible": "Responsible unit",
        "stage": "Stage",
        "start_due": "Agreed start",
        "last": "Last return",
        "none": "None",
        "rates": {
            "fulfilment": "Fulfilment",
            "started": "Started",
            "producing": "In production",
            "funds": "Funds in",
            "converted": "Converted",
        },
        "lights": {"red": "Red", "yellow": "Yellow", "green": "Green", "grey": "Grey (terminated)"},
        "stages": {
            "signed": "Signed",
            "registered": "Registered",
            "started": "Started",
            "building": "Under construction",
            "producing": "In production",
            "terminated": "Terminated",
        },
        "rule": "Percentages rounded half up to two places; amounts in 10k yuan.",
    },
}


def data(series, as_of: dt.date | None = None, **filters) -> dict:
    as_of = as_of or timezone.localdate()
    figures = selectors.follow_up(series, as_of, **filters)
    rows = [followed_out(r) for r in selectors.project_list(series, as_of, **filters)]
    names = dict(series.editions.values_list("slug", "name"))
    for row in rows:
        row["edition_name"] = names.get(row["edition"], row["edition"])
    return {"series": series, "as_of": as_of, "figures": figures, "rows": rows}


def xlsx(series, as_of=None, **filters) -> bytes:
    d = data(series, as_of, **filters)
    zh = LABELS["zh"]
    headers = [
        "ID",
        "届次 Edition",
        "项目名称 Project",
        "签约方 Parties",
        "行业 Sector",
        "合同/协议 Kind",
        "协议投资（万元） Investment",
        "到位资金（万元） Funds in",
        "阶段 Stage",
        "灯 Light",
        "签约日期 Signed on",
        "约定开工 Agreed start",
        "约定竣工 Agreed finish",
        "转化为合同 Converted on",
        "责任单位 Responsible unit",
        "联系人 Liaison",
        "手机 Mobile",
        "最近填报 Last return",
    ]

    project_rows = [
        [
            r["id"],
            r["edition_name"],
            r["name"],
            "；".join(p["organization"] for p in r["parties"]),
            r["sector"],
            "协议" if r["contract_kind"] == "agreement" else "合同",
            Decimal(r["investment_total"]),
            Decimal(r["funds_in"]),
            zh["stages"][r["stage"]],
            zh["lights"][r["light"]],
            r["signed_on"],
            r["start_due_on"],
            r["finish_due_on"],
            r["converted_on"],
            r["responsible_unit"] or "",
            r["liaison_name"],
            r["liaison_mobile"],
            r["last_period"],
        ]
        for r in d["rows"]
    ]
    f = d["figures"]
    indicator_rows = [["签约项目数 Signed", f["signed"], None, None, ""]]
    for key, rate in f["rates"].items():
        value = None if rate["value"] is None else Decimal(rate["value"])
        num, den = rate["numerator"], rate["denominator"]
        indicator_rows.append(
            [
                f"{zh['rates'][key]} {LABELS['en']['rates'][key]} (%)",
                value,
                Decimal(num) if isinstance(num, str) else num,
                Decimal(den) if isinstance(den, str) else den,
                indicators.FORMULAS[key][0],
            ]
        )
    indicator_rows.append([f"统计截至 As of {d['as_of'].isoformat()}", None, None, None, zh["rule"]])
    for colour in LIGHTS:
        indicator_rows.append([f"{zh['lights'][colour]} {colour}", f["lights"][colour], None, None, ""])
    return workbook_bytes(
        [
            ("项目 Projects", headers, project_rows),
            (
                "指标 Indicators",
                ["指标 Indicator", "数值 Value", "分子 Numerator", "分母 Denominator", "公式 Formula"],
                indicator_rows,
            ),
        ]
    )


TEMPLATE = "documents/followup_report.html"


# A 500-project 通报 allocates millions of short-lived objects (WeasyPrint's boxes, Pango layouts, matplotlib
# artists): with Python's default threshold (700) the cyclic collector ran hundreds of times, each pass
# walking every live box, a quarter of the document's CPU (bench/README.md). Collected less often, not never.
GC_THRESHOLD = 100_000


@contextlib.contextmanager
def fewer_collections():
    saved = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def pdf(series, as_of=None, *, lang: str = "zh", **filters) -> bytes:
    """The 通报 as PDF; its template is strict XHTML (documents.pipeline's fast path)."""
    with fewer_collections():
        return render_pdf(TEMPLATE, pdf_context(series, as_of, lang=lang, **filters), strict=True)


def pdf_context(series, as_of=None, *, lang: str = "zh", **filters) -> dict:
    d = data(series, as_of, **filters)
    labels = LABELS[lang]
    f = d["figures"]
    editions = []
    for e in f["by_edition"]:
        label = (e["name_en"] or e["name"]) if lang == "en" else e["name"]
        stages = {s: e[s] for s in ("registered", "started", "building", "producing", "terminated")}
        stages["signed"] = e["signed"] - sum(stages.values())
        editions.append({**e, "label": label, "stages": stages})
    chart_labels = {
        **labels["stages"],
        "projects": labels["projects"],
        "investment": labels["investment"],
        "funds_in": labels["funds_in"],
        "unit": labels["unit"],
    }
    context = {
        "lang": lang,
        "L": labels,
        "series_name": (series.name_en or series.name) if lang == "en" else series.name,
        "as_of": d["as_of"].isoformat(),
        "figures": f,
        "formulas": {k: v[1 if lang == "en" else 0] for k, v in indicators.FORMULAS.items()},
        "editions": editions,
        "by_light": {c: [r for r in d["rows"] if r["light"] == c] for c in LIGHTS},
        "lights": LIGHTS,
        "stages_chart": charts.stages_per_edition(editions, chart_labels) if editions else "",
        "funds_chart": charts.funds_against_investment(editions, chart_labels) if editions else "",
    }
    return context
