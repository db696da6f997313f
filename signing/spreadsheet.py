"""The signing projects as a spreadsheet (XLSX)."""

import io

from documents.spreadsheets import append
from events.enums import in_both
from events.models import Edition

from . import selectors
from .enums import ProjectStatus
from .money import amount_zh


def projects_xlsx(edition: Edition) -> bytes:
    """The project list as a spreadsheet (openpyxl): one row per project, amounts as numbers in 元."""
    # openpyxl loads only when a spreadsheet is made: a heavy import kept off every other request
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    projects = selectors.project_list(edition)
    wb = Workbook()
    ws = wb.active
    ws.title = "签约项目"
    header = [
        "序号 Order",
        "项目名称",
        "Project",
        "领域 Sector",
        "金额（元）Amount",
        "币种 Currency",
        "金额 Display",
        "状态 Status",
        "签约方 Parties",
        "见签领导 Witnesses",
        "备注 Notes",
    ]
    append(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in projects:
        parties = "\n".join(
            f"{x['role_zh']} {x['organization']}"
            + (f"（{x['signatory']} {x['signatory_title']}）".replace(" ）", "）") if x["signatory"] else "")
            for x in p["parties"]
        )
        witnesses = "\n".join(f"{w['name']} {w['title']}".strip() for w in p["witnesses"])
        append(
            ws,
            [
                p["order"],
                p["name"],
                p["name_en"],
                p["sector"],
                p["amount"],
                p["currency"],
                p["amount_display"],
                in_both(ProjectStatus(p["status"]).label),
                parties,
                witnesses,
                p["notes"],
            ],
        )
        ws.cell(row=ws.max_row, column=5).number_format = "#,##0.00"
    sums = selectors.totals(projects)
    for currency, amount in sums["by_currency"].items():
        append(
            ws, ["", f"合计 Total ({sums['count']})", "", "", amount, currency, amount_zh(amount, currency)]
        )
        ws.cell(row=ws.max_row, column=5).number_format = "#,##0.00"
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJK", (8, 36, 40, 16, 18, 10, 14, 12, 50, 30, 30), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
