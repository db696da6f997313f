"""The organiser's sheets of units: the list of units to fill in and read back (a quota column per category),
the units with their figures, and the units' replies (回执)."""

import re

from django.utils.translation import gettext

from documents.spreadsheets import workbook_bytes

from ..access import is_en
from ..exceptions import InvalidInput
from ..models import Category
from .spreadsheet import (
    EXAMPLE,
    MAX_ROWS,
    category_label,
    cell_text,
    open_workbook,
    saved_bytes,
    sheet_to_fill,
)

UNIT_COLUMNS = (
    (
        "organization",
        "单位 Organisation",
        "必填：单位全称；同一单位只写一行。\nRequired: the full name; one row per unit.",
    ),
    ("contact_name", "联系人 Contact", "选填：单位联系人姓名。\nOptional: the unit's contact person."),
    ("contact_email", "邮箱 E-mail", "选填：专属链接发送至此。\nOptional: the private link is sent there."),
    ("contact_phone", "手机 Mobile", "选填：11 位手机号。\nOptional: 11-digit mobile number."),
)
UNIT_ALIASES = {
    "organization": ("单位", "organisation", "organization", "单位名称", "unit"),
    "contact_name": ("联系人", "contact"),
    "contact_email": ("邮箱", "e-mail", "email", "联系人邮箱"),
    "contact_phone": ("手机", "mobile", "phone", "联系人手机"),
}
# Columns of the units export (units_bytes) that an import leaves aside, so an export can be uploaded back.
EXPORT_ONLY = {"应到 quota", "已报名 registered", "已确认 confirmed", "实到 checked in", "已回复 replied"}


def quota_header(category: Category) -> str:
    return f"{category_label(category)} 名额 quota"


def _quota_column(header: str, categories: list[Category]) -> str | None:
    """The category a quota column names: `... (code)` as the template writes it, or the code, the
    Chinese or the English name, with or without `名额` / `quota`."""

    found = re.search(r"\(([^()]+)\)", header)
    codes = {c.code.lower(): c.code for c in categories}
    if found and found.group(1).strip().lower() in codes:
        return codes[found.group(1).strip().lower()]
    bare = re.sub(r"(名额|quota)", " ", header, flags=re.I)
    bare = " ".join(bare.split()).lower()
    for c in categories:
        names = {c.code.lower(), c.name.lower(), (c.name_en or c.code).lower()}
        names.add(f"{c.name} {c.name_en}".strip().lower())
        if bare in names:
            return c.code
    return None


def units_template_bytes(categories: list[Category]) -> bytes:
    """The organiser's list of units to fill in: a rule per column (header comments), one quota column
    per category, an example row (not imported)."""
    columns = [(header, rule) for _key, header, rule in UNIT_COLUMNS] + [
        (
            quota_header(c),
            f"{c.name}名额：0 至 {10_000} 的整数，可留空（0）。\n{c.name_en or c.code} places: "
            "a whole number, may be empty (0).",
        )
        for c in categories
    ]
    example = [f"{EXAMPLE}：某某产业园", "张三", "zhangsan@example.com", "13800000000"] + [
        5 if i == 0 else 0 for i in range(len(categories))
    ]
    wb, _ws = sheet_to_fill(
        "参会单位 Units", columns, example, widths=(30, 22), comment_height=100, text_column=4, freeze="B2"
    )
    return saved_bytes(wb)


def read_units(content: bytes, categories: list[Category]) -> list[tuple[int, dict]]:
    """The organiser's list of units as (Excel row number, record): organisation, contact, e-mail, mobile
    and {category code: the quota cell's text}. The example row and empty rows are left out. A header
    that names neither a column nor a category of the edition is refused (a misspelt category would
    otherwise be silently dropped)."""
    wb = open_workbook(content)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = [cell_text(h) for h in (next(rows, None) or ())]
    aliases = {}
    for key, title, _rule in UNIT_COLUMNS:
        for alias in (title, *UNIT_ALIASES[key]):
            aliases[alias.lower()] = key
    columns: dict[int, tuple[str, str]] = {}
    for i, h in enumerate(header):
        key = h.lower()
        if not key or key in EXPORT_ONLY:
            continue
        if key in aliases:
            columns[i] = ("field", aliases[key])
        elif (code := _quota_column(h, categories)) is not None:
            columns[i] = ("quota", code)
        else:
            raise InvalidInput(
                gettext(
                    "Column '%(column)s' is neither a unit's field nor a category of this edition (%(categories)s): use the template."
                )
                % {
                    "column": h,
                    "categories": gettext(", ").join(c.code if is_en() else c.name for c in categories),
                },
                field="file",
            )
    if ("field", "organization") not in columns.values():
        raise InvalidInput(gettext("Column 单位 Organisation is missing: use the template."), field="file")
    if not any(kind == "quota" for kind, _ in columns.values()):
        raise InvalidInput(
            gettext("No quota column: add one column per category (use the template)."),
            field="file",
        )
    out = []
    for number, values in enumerate(rows, start=2):
        values = [cell_text(v) for v in values]
        if not any(values):
            continue
        record = {
            "organization": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
            "quotas": {},
        }
        for i, (kind, key) in columns.items():
            value = values[i] if i < len(values) else ""
            if kind == "field":
                record[key] = value
            else:
                record["quotas"][key] = value
        if record["organization"].startswith(EXAMPLE):
            continue
        if len(out) >= MAX_ROWS:
            raise InvalidInput(
                gettext("At most %(MAX_ROWS)s units per file.") % {"MAX_ROWS": MAX_ROWS}, field="file"
            )
        out.append((number, record))
    wb.close()
    return out


def units_bytes(rows: list[dict], categories: list[Category]) -> bytes:
    headers = [header for _key, header, _rule in UNIT_COLUMNS]
    headers += [quota_header(c) for c in categories]
    headers += ["应到 Quota", "已报名 Registered", "已确认 Confirmed", "实到 Checked in", "已回复 Replied"]
    data = []
    for r in rows:
        data.append(
            [r["organization"], r["contact_name"], r["contact_email"], r["contact_phone"]]
            + [r["quotas"].get(c.code, 0) for c in categories]
            + [
                r["quota"],
                r["registered"],
                r["confirmed"],
                r["checked_in"],
                "是 yes" if r["replied"] else "否 no",
            ]
        )
    return workbook_bytes([("参会单位 Units", headers, data)])


REPLY_HEADERS = (
    ("unit", "单位 Unit"),
    ("code", "编号 Code"),
    ("name", "姓名 Name"),
    ("category", "类别 Category"),
    ("phone", "手机 Mobile"),
    ("arrival_date", "抵达日期 Arrival date"),
    ("arrival_time", "抵达时间 Arrival time"),
    ("arrival_number", "车次/航班 Train/flight"),
    ("arrival_place", "抵达站点 Station/airport"),
    ("departure_date", "离开日期 Departure date"),
    ("departure_time", "离开时间 Departure time"),
    ("departure_number", "返程车次/航班 Train/flight"),
    ("departure_place", "离开站点 Station/airport"),
    ("hotel_needed", "住宿 Hotel"),
    ("room_type", "房型 Room"),
    ("sharing", "合住 Sharing"),
    ("share_with", "合住人 With"),
    ("gender", "性别 Gender"),
    ("accompanies", "随同 Accompanies"),
    ("dinner", "晚宴 Dinner"),
    ("dietary", "饮食 Dietary"),
    ("remarks", "备注 Remarks"),
)


def replies_bytes(rows: list[dict], fields: list[str]) -> bytes:
    keys = [k for k, _ in REPLY_HEADERS if k in ("unit", "code", "name", "category", "phone") or k in fields]
    labels = dict(REPLY_HEADERS)

    def show(value):
        if value is True:
            return "是 yes"
        if value is False:
            return "否 no"
        return value

    data = [[show(r.get(k)) for k in keys] for r in rows]
    return workbook_bytes([("回执 Replies", [labels[k] for k in keys], data)])
