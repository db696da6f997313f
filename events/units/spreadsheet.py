"""The unit's XLSX template and its reading back; the organiser's exports (units, reply forms) and the
list of units to add. Every cell is written through documents.spreadsheets."""

from io import BytesIO

from django.utils.translation import gettext

from documents.spreadsheets import put

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
    example = {
        "marker": EXAMPLE,
        "category": labels[0] if labels else "",
        "name": "张三",
        "name_en": "Zhang San",
        "title": "总经理",
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "language": "中文",
        "consent": "是",
    }
    wb, ws = sheet_to_fill(
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
    return saved_bytes(wb)


def sheet_to_fill(
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


def saved_bytes(wb) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def open_workbook(content: bytes):
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


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_people(content: bytes) -> list[tuple[int, dict]]:
    """The rows of a filled-in template as (Excel row number, {field: text}); the example row and empty
    rows are left out. Columns are found by their headers, in either language."""
    wb = open_workbook(content)
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {i: HEADERS.get(cell_text(h).lower()) for i, h in enumerate(header)}
    optional = ("marker", "name_en", "title", "language")
    missing = [h for key, h, _ in COLUMNS if key not in optional and key not in columns.values()]
    if missing:
        raise InvalidInput(
            gettext("Column %(0)s is missing: use the template.") % {"0": missing[0]},
            field="file",
        )
    out = []
    for number, values in enumerate(rows, start=2):
        record = {key: cell_text(v) for i, v in enumerate(values) if (key := columns.get(i))}
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
