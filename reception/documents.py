"""Reception's printouts: the hotel's rooming list (XLSX, per night), the 报到 desk's 分房表 (PDF). Services
build plain rows; templates do no queries."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from documents.pipeline import render_pdf
from documents.spreadsheets import workbook_bytes
from events.exceptions import InvalidInput

from . import selectors
from .models import Hotel

TYPE_LABELS = {"single": "单间 Single", "twin": "标间 Twin", "suite": "套间 Suite"}
GENDER_LABELS = {"f": "女", "m": "男", "": ""}
LIST_HEADERS = [
    "房号 Room",
    "房型 Type",
    "姓名 Name",
    "性别 Gender",
    "单位 Unit",
    "手机 Mobile",
    "入住 Check-in",
    "离店 Check-out",
    "晚数 Nights",
    "同住 Roommates",
]


def _night(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput(gettext("Use a date like 2023-06-27."), field="night")


def hotel_rows(hotel: Hotel, rows: list[dict] | None = None) -> list[dict]:
    rows = selectors.stay_rows(hotel.edition, hotel_id=hotel.pk) if rows is None else rows
    mine = [r for r in rows if r["hotel_id"] == hotel.pk]
    return sorted(mine, key=lambda r: ((len(r["room"]), r["room"]), r["code"]))


def _out(nights: list[str]) -> str:
    return (dt.date.fromisoformat(nights[-1]) + dt.timedelta(days=1)).isoformat() if nights else ""


def rooming_list_xlsx(hotel: Hotel, night: str | None = None, rows: list[dict] | None = None) -> bytes:
    """The hotel's rooming list: a sheet per night (only `night`'s when given), a row per guest."""
    night = _night(night)
    mine = hotel_rows(hotel, rows)
    nights = [night] if night else sorted({n for r in mine for n in r["nights"]}) or [""]
    by_code = {r["code"]: r for r in mine}
    sheets = []
    for n in nights:
        sheet_rows = []
        for r in mine:
            if n and n not in r["nights"]:
                continue
            mates = [
                by_code[c]["name"]
                for c in r["roommates"]
                if c in by_code and (not n or n in by_code[c]["nights"])
            ]
            sheet_rows.append(
                [
                    r["room"],
                    TYPE_LABELS.get(r["room_type"], r["room_type"]),
                    r["name"],
                    GENDER_LABELS.get(r["gender"], ""),
                    r["unit"],
                    r["phone"],
                    dt.date.fromisoformat(r["nights"][0]),
                    dt.date.fromisoformat(_out(r["nights"])),
                    len(r["nights"]),
                    "、".join(mates),
                ]
            )
        sheets.append((n or hotel.name, LIST_HEADERS, sheet_rows))
    return workbook_bytes(sheets)


def desk_context(edition) -> dict:
    """The 分房表 for the registration desk: everyone with a room, by unit then name."""
    rows = [r for r in selectors.stay_rows(edition) if r["room_id"]]
    names = {r["code"]: r["name"] for r in rows}
    units: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: (r["unit"], r["name"])):
        units.setdefault(r["unit"] or "—", []).append(
            {
                "name": r["name"],
                "code": r["code"],
                "hotel": r["hotel"],
                "room": r["room"],
                "type": TYPE_LABELS.get(r["room_type"], ""),
                "nights": f"{r['nights'][0][5:]} – {_out(r['nights'])[5:]}",
                "mates": "、".join(names.get(c, c) for c in r["roommates"]),
            }
        )
    return {
        "edition": {"name": edition.name, "name_en": edition.name_en or edition.name},
        "units": [{"name": k, "people": v} for k, v in units.items()],
        "count": len(rows),
        "hotels": [
            {"name": h.name, "address": h.address, "phone": h.phone} for h in selectors.hotels(edition)
        ],
    }


def desk_pdf(edition) -> bytes:
    return render_pdf("documents/reception_desk.html", desk_context(edition))
