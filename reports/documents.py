"""The printed report (A4 PDF through the house pipeline, the charts embedded as SVG so their text stays
text) and its data (XLSX: a sheet per chart, real numbers, bilingual headers)."""

import base64
import datetime as dt
import hashlib
import json
import zoneinfo
from decimal import Decimal

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from documents.pipeline import render_pdf
from documents.spreadsheets import workbook_bytes
from events.enums import in_both
from events.language import is_en, localized

from . import comparison, sections

LANGS = ("zh-hans", "en")
CACHE_SECONDS = 600


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def report_sections(report: dict, lang: str) -> list[dict]:
    """The sections (charts and tables) in `lang`, cached by the figures they show: the page, the PDF and a
    reload reuse the charts while no figure has changed."""
    digest = hashlib.sha256(json.dumps(report, sort_keys=True, default=str).encode()).hexdigest()[:32]
    key = f"report-sections:{lang}:{digest}"
    found = cache.get(key)
    if found is not None:
        return found
    with translation.override(lang):
        built = sections.sections(report)
        for s in built:
            s["image"] = svg_data_uri(s["svg"])
    cache.set(key, built, CACHE_SECONDS)
    return built


def page_context(report: dict, lang: str) -> dict:
    with translation.override(lang):
        return {
            "report": report,
            "sections": report_sections(report, lang),
            "comparison": comparison.comparison(report) if report["compare"] else [],
            "edition_name": _edition_name(report["edition"]),
            "edition_year": report["edition"]["starts_on"][:4],
            "previous_name": _edition_name(report["previous"]) if report["previous"] else "",
            "previous_year": report["previous"]["starts_on"][:4] if report["previous"] else "",
        }


def _edition_name(e: dict) -> str:
    return localized(e)


def report_pdf(report: dict, lang: str) -> bytes:
    context = page_context(report, lang)
    with translation.override(lang):
        context["labels"] = {
            "heading": _("The conference in figures"),
            "previous": _("Compared with: %(name)s") % {"name": context["previous_name"]}
            if context["previous_name"]
            else _("No previous edition to compare with"),
            "figure": pgettext("report", "Figure"),
            "change": pgettext("report", "Change"),
            "data": _("Data"),
            "generated": _("Generated on %(date)s from the records of huiwu")
            % {"date": dt.date.today().isoformat()},
            "comparison": _("This edition beside the previous one"),
        }
        context["lang"] = "en" if is_en() else "zh-CN"
    return render_pdf("documents/report.html", context, strict=True)


# --- the data, as a workbook ----------------------------------------------------------------------------

H = {
    "measure": pgettext_lazy("report", "Measure"),
    "category": pgettext_lazy("report", "Category"),
    "unit": pgettext_lazy("report", "Unit"),
    "registered": pgettext_lazy("report", "Registered"),
    "confirmed": pgettext_lazy("report", "Confirmed"),
    "checked_in": pgettext_lazy("report", "Checked in"),
    "no_show": pgettext_lazy("report", "No-shows"),
    "manual": pgettext_lazy("report", "Admitted by hand"),
    "quota": pgettext_lazy("report", "Quota"),
    "door": pgettext_lazy("report", "Door"),
    "time": pgettext_lazy("report", "Time"),
    "admissions": pgettext_lazy("report", "Admissions"),
    "date": pgettext_lazy("report", "Date registered"),
    "waitlisted": pgettext_lazy("report", "Waitlisted"),
    "item": pgettext_lazy("report", "Item"),
    "handed": pgettext_lazy("report", "Handed over"),
    "due": pgettext_lazy("report", "Due"),
    "sector": pgettext_lazy("report", "Sector"),
    "projects": pgettext_lazy("report", "Projects"),
    "wan": gettext_lazy("Investment (10,000 yuan)"),
    "title": pgettext_lazy("report", "Title"),
    "awards": pgettext_lazy("report", "Awards"),
    "previous": pgettext_lazy("report", "Previous edition"),
    "this": pgettext_lazy("report", "This edition"),
    "edition": pgettext_lazy("report", "Edition"),
    "day": pgettext_lazy("report", "Date"),
    "meal": pgettext_lazy("report", "Meal"),
    "venue": pgettext_lazy("report", "Venue"),
    "planned": pgettext_lazy("report", "Planned"),
    "served": pgettext_lazy("report", "Served"),
}
MEALS = {
    "breakfast": pgettext_lazy("meal", "Breakfast"),
    "lunch": pgettext_lazy("meal", "Lunch"),
    "dinner": pgettext_lazy("meal", "Dinner"),
}


def _meal_rows(report: dict) -> list[list]:
    """This edition's meal sessions, then the previous edition's, each row naming its edition (the year)."""
    editions = [(report["edition"], report["meals"]), (report["previous"], report["previous_meals"])]
    return [
        [
            e["starts_on"][:4],
            dt.date.fromisoformat(m["date"]),
            in_both(MEALS.get(m["kind"], m["kind"])),
            m["venue"],
            m["planned"],
            m["served"],
        ]
        for e, rows in editions
        if e
        for m in rows
    ]


def _h(*keys: str) -> list[str]:
    return [in_both(H[k]) for k in keys]


def _wan(yuan) -> Decimal:
    return (Decimal(yuan or 0) / Decimal(10000)).quantize(Decimal("0.01"))


def report_xlsx(report: dict) -> bytes:
    a, s = report["attendance"], report["signing"]
    tz = zoneinfo.ZoneInfo(report["edition"]["time_zone"])
    keys = ("registered", "confirmed", "checked_in", "no_show", "manual")
    previous = report["compare"]
    attendance_rows = [[in_both(H[k]), *([previous[k][0]] if previous else []), a[k]] for k in keys]
    sheets = [
        ("attendance 到会", _h("measure", *(("previous",) if previous else ()), "this"), attendance_rows),
        (
            "by_category 类别",
            _h("category", "registered", "confirmed", "checked_in"),
            [[c["name"], c["registered"], c["confirmed"], c["checked_in"]] for c in a["by_category"]],
        ),
        (
            "by_unit 单位",
            _h("unit", "quota", "registered", "confirmed", "checked_in"),
            [
                [u["organization"], u["quota"], u["registered"], u["confirmed"], u["checked_in"]]
                for u in a["by_unit"]
            ],
        ),
        (
            "arrivals 入场",
            _h("door", "time", "admissions"),
            [
                [p["name"], dt.datetime.fromisoformat(at).astimezone(tz).replace(tzinfo=None), n]
                for p in report["arrivals"].values()
                for at, n in p["bins"]
            ],
        ),
        (
            "registrations 报名",
            _h("date", "confirmed", "waitlisted"),
            [[dt.date.fromisoformat(d), c, w] for d, c, w in report["registrations_per_day"]],
        ),
        (
            "handovers 发放",
            _h("door", "item", "handed", "due"),
            [[h["point_name"], h["name"], h["handed"], h["due"]] for h in report["handovers"]],
        ),
        ("meals 用餐", _h("edition", "day", "meal", "venue", "planned", "served"), _meal_rows(report)),
        (
            "signing 签约",
            _h("sector", "projects", "wan"),
            [[x["sector"], x["projects"], _wan(x["investment"])] for x in s["by_sector"]],
        ),
        ("awards 授牌", _h("title", "awards"), [[x["name"], x["count"]] for x in report["awards"]]),
    ]
    if previous:
        sheets.append(
            (
                "compare 对比",
                ["figure", *_h("previous", "this")],
                [
                    [k, *(Decimal(x) if k == "investment_total" else x for x in v)]
                    for k, v in previous.items()
                ],
            )
        )
    return workbook_bytes(sheets)
