"""Pickup printouts: the manifest per station and window (PDF, XLSX) and a driver's sheet (PDF)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from documents.pipeline import render_pdf
from documents.spreadsheets import workbook_bytes
from events.exceptions import InvalidInput

from .models import Vehicle
from .selectors import stays_for
from .services.transport import runs_out

DIRECTION_LABELS = {"arrival": "接站 Arrival", "departure": "送站 Departure"}
XLSX_HEADERS = [
    "日期 Date",
    "方向 Direction",
    "车站 Station",
    "发车 At",
    "时段 Window",
    "车牌 Vehicle",
    "司机 Driver",
    "司机手机 Driver mobile",
    "姓名 Name",
    "车次/航班 Number",
    "时间 Time",
    "手机 Mobile",
    "酒店 Hotel",
]


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(gettext("Use a date like 2023-06-27."), field="date")


def _with_hotels(edition, runs: list[dict]) -> list[dict]:
    stays = stays_for(edition.pk, None)
    for run in runs:
        for p in run["passengers"]:
            stay = stays.get(p["code"])
            p["hotel"] = f"{stay['hotel']} {stay['room']}" if stay else ""
    return runs


def _edition(edition) -> dict:
    return {"name": edition.name, "name_en": edition.name_en or edition.name}


def manifest_pdf(edition, date: dt.date) -> bytes:
    runs = _with_hotels(edition, runs_out(edition, date))
    groups: dict[tuple, list] = {}
    for r in runs:
        groups.setdefault((r["direction"], r["station"], r["window"][0], r["window"][1]), []).append(r)
    context = {
        "edition": _edition(edition),
        "date": date.isoformat(),
        "groups": [
            {"direction": DIRECTION_LABELS[k[0]], "station": k[1], "window": f"{k[2]}–{k[3]}", "runs": v}
            for k, v in groups.items()
        ],
        "count": sum(len(r["passengers"]) for r in runs),
    }
    return render_pdf("documents/reception_manifest.html", context)


def manifest_xlsx(edition, date: dt.date) -> bytes:
    rows = []
    for r in _with_hotels(edition, runs_out(edition, date)):
        for p in r["passengers"]:
            rows.append(
                [
                    date,
                    DIRECTION_LABELS[r["direction"]],
                    r["station"],
                    r["at"],
                    "–".join(r["window"]),
                    r["vehicle"] or "",
                    r["driver"],
                    r["driver_phone"],
                    p["name"],
                    p["number"],
                    p["time"],
                    p["phone"],
                    p["hotel"],
                ]
            )
    return workbook_bytes([(date.isoformat(), XLSX_HEADERS, rows)])


def driver_sheet_pdf(edition, vehicle: Vehicle, date: dt.date) -> bytes:
    runs = [r for r in _with_hotels(edition, runs_out(edition, date)) if r["vehicle_id"] == vehicle.pk]
    context = {
        "edition": _edition(edition),
        "date": date.isoformat(),
        "vehicle": {
            "plate": vehicle.plate,
            "kind": vehicle.kind,
            "seats": vehicle.seats,
            "driver": vehicle.driver_name,
            "phone": vehicle.driver_phone,
        },
        "runs": [{**r, "direction_label": DIRECTION_LABELS[r["direction"]]} for r in runs],
        # 接站牌: what the greeter holds up at the exit.
        "sign": edition.name,
    }
    return render_pdf("documents/reception_driver.html", context)
