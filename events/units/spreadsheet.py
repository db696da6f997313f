"""The unit's XLSX template and its reading back; the organiser's exports (units, reply forms) and the
list of units to add. Every cell is written through documents.spreadsheets."""

import re
from io import BytesIO

from django.utils.translation import gettext

from documents.spreadsheets import put, workbook_bytes

from ..access import is_en
from ..exceptions import InvalidInput
from ..models import Category, Edition

EXAMPLE = "示例 Example"
# (key, header, the rule written in the header's comment)
COLUMNS = (
    (
        "marker",
        "序号 No.",
        "行号，可留空。标为“示例 Example”的行不导入。\nRow number, may be empty. The example row is not imported.",
    ),
    ("category", "类别 Category", "必填：从下拉列表选择。\nRequired: choose from the drop-down list."),
    ("name", "姓名 Name", "必填，最多 100 字。\nRequired, at most 100 characters."),
    (
        "name_en",
        "英文名 Name in Latin letters",
        "选填（拼音或外文姓名）。\nOptional (pinyin or foreign name).",
    ),
    ("title", "职务 Title", "选填，印在邀请函和胸卡上。\nOptional; printed on the letter and the badge."),
    (
        "phone",
        "手机 Mobile",
        "必填：11 位手机号，如 13812345678；境外号码以 + 和国家代码开头。\nRequired: 11 digits, or + and the country code.",
    ),
    (
        "email",
        "邮箱 E-mail",
        "必填：每人一个邮箱，电子票发送至此；再次上传时以邮箱识别同一人（更新而非重复）。\nRequired: one per person, the ticket is sent there; re-uploading updates the person with this e-mail.",
    ),
    (
        "language",
        "语言 Language",
        "选填：中文 或 English（邀请函和邮件的语言）。\nOptional: 中文 or English (letter and e-mail language).",
    ),
    (
        "consent",
        "已征得本人同意 Consent obtained",
        "必填：填“是”，表示本人已同意隐私声明（报名、制证、签到使用其信息）。\nRequired: 是 (yes) once the person agreed to the privacy notice.",
    ),
)
HEADERS = {header.lower(): key for key, header, _ in COLUMNS}
# A header may be written in one language only ("姓名" or "Name").
for _key, _header, _ in COLUMNS:
    for _part in _header.split(" ", 1):
        HEADERS.setdefault(_part.lower(), _key)
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024


def category_label(category: Category) -> str:
    """The drop-down's text for a category: both names and the code, e.g. `参会代表 Delegate (delegate)`."""
    return f"{category.name} {category.name_en} ({category.code})".replace("  ", " ")


def template_bytes(*, edition: Edition, quotas: list[tuple[Category, int]]) -> bytes:
    """The unit's template: the header with a rule per column (comments), the categories the unit has a
    quota for as a drop-down, an example row, a sheet that lists the quotas."""
    from openpyxl.worksheet.datavalidation import DataValidation  # openpyxl: loaded only when one is made

    labels = [category_label(category) for category, _quota in quotas]
    example = {"marker": EXAMPLE, "category": labels[0] if labels else "", "name": "张三", "name_en": "Zhang San",
               "title": "总经理", "phone": "13800000000", "email": "zhangsan@example.com", "language": "中文",
               "consent": "是"}  # fmt: skip
    wb, ws = _sheet_to_fill(
        "参会人员 People",
        [(header, rule) for _key, header, rule in COLUMNS],
        [example[key] for key, _h, _r in COLUMNS],
        widths=(12, 26),
        comment_height=120,
        text_column=6,
        freeze="A2",
    )
    lists = wb.create_sheet("类别 Categories")
    put(lists, 1, 1, "类别 Category")
    put(lists, 1, 2, "名额 Quota")
    for i, (label, (_category, quota)) in enumerate(zip(labels, quotas, strict=True), start=2):
        put(lists, i, 1, label)
        put(lists, i, 2, quota)
    lists.column_dimensions["A"].width = 40
    if labels:
        dv = DataValidation(
            type="list",
            formula1=f"='类别 Categories'!$A$2:$A${len(labels) + 1}",
            allow_blank=False,
            showErrorMessage=True,
            errorTitle="类别 Category",
            error="请从下拉列表选择类别。Choose a category from the list.",
        )
        ws.add_data_validation(dv)
        dv.add(f"B2:B{MAX_ROWS + 1}")
    for column, choices in (("H", '"中文,English"'), ("I", '"是,否"')):
        choice = DataValidation(type="list", formula1=choices, allow_blank=True)
        ws.add_data_validation(choice)
        choice.add(f"{column}2:{column}{MAX_ROWS + 1}")
    return _saved(wb)


def _sheet_to_fill(
    title: str,
    columns: list[tuple[str, str]],
    example: list,
    *,
    widths: tuple[int, int],
    comment_height: int,
    text_column: int,
    freeze: str,
):
    """A workbook to fill in (the unit's people, the organiser's units): the headers in bold, each with its
    rule as a comment; an example row in grey italics (not imported); the mobile column as text."""
    # openpyxl loads only when a spreadsheet is made: a heavy import kept off every other request
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for column, (header, rule) in enumerate(columns, start=1):
        cell = put(ws, 1, column, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FDE68A")
        cell.comment = Comment(rule, "huiwu", width=320, height=comment_height)
        ws.column_dimensions[get_column_letter(column)].width = widths[0] if column == 1 else widths[1]
    for column, value in enumerate(example, start=1):
        put(ws, 2, column, value).font = Font(italic=True, color="6B7280")
    for row in range(2, MAX_ROWS + 2):  # mobile numbers as text: Excel would drop a leading + or 0
        ws.cell(row=row, column=text_column).number_format = "@"
    ws.freeze_panes = freeze
    return wb, ws


def _saved(wb) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _open(content: bytes):
    # openpyxl loads only when a spreadsheet is made: a heavy import kept off every other request
    from openpyxl import load_workbook

    if not content:
        raise InvalidInput(gettext("The file is empty."), field="file")
    if len(content) > MAX_BYTES:
        raise InvalidInput(gettext("The file is larger than 5 MB."), field="file")
    try:
        return load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InvalidInput(
            gettext("This is not an Excel workbook (.xlsx): use the template."),
            field="file",
        )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_people(content: bytes) -> list[tuple[int, dict]]:
    """The rows of a filled-in template as (Excel row number, {field: text}); the example row and empty
    rows are left out. Columns are found by their headers, in either language."""
    wb = _open(content)
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {i: HEADERS.get(_text(h).lower()) for i, h in enumerate(header)}
    optional = ("marker", "name_en", "title", "language")
    missing = [h for key, h, _ in COLUMNS if key not in optional and key not in columns.values()]
    if missing:
        raise InvalidInput(
            gettext("Column %(0)s is missing: use the template.") % {"0": missing[0]},
            field="file",
        )
    out = []
    for number, values in enumerate(rows, start=2):
        record = {key: _text(v) for i, v in enumerate(values) if (key := columns.get(i))}
        if record.get("marker") == EXAMPLE:
            continue
        if not any(v for k, v in record.items() if k != "marker"):
            continue
        if len(out) >= MAX_ROWS:
            raise InvalidInput(
                gettext("At most %(MAX_ROWS)s people per file.") % {"MAX_ROWS": MAX_ROWS}, field="file"
            )
        out.append((number, record))
    wb.close()
    return out


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
    wb, _ws = _sheet_to_fill(
        "参会单位 Units", columns, example, widths=(30, 22), comment_height=100, text_column=4, freeze="B2"
    )
    return _saved(wb)


def read_units(content: bytes, categories: list[Category]) -> list[tuple[int, dict]]:
    """The organiser's list of units as (Excel row number, record): organisation, contact, e-mail, mobile
    and {category code: the quota cell's text}. The example row and empty rows are left out. A header
    that names neither a column nor a category of the edition is refused (a misspelt category would
    otherwise be silently dropped)."""
    wb = _open(content)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = [_text(h) for h in (next(rows, None) or ())]
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
        values = [_text(v) for v in values]
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
