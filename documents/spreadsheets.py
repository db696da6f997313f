"""Spreadsheets written by huiwu (openpyxl): the one place that turns a Python value into a cell.

Every XLSX export (registrations, units, reply forms, agenda, signing projects) writes its cells through
`put()`, so that text a person typed can never become a formula in the organiser's Excel (CSV/formula
injection: a name such as ``=HYPERLINK(...)`` or ``+86 ...``). Text is stored as a string cell, whatever its
first character; numbers, dates and booleans keep their type so sorting and filtering work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def put(ws, row: int, column: int, value: Any):
    """Write one value into `ws` at (row, column), 1-based; text always as text, never as a formula."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        cell.value = None
    elif isinstance(value, bool | int | float | Decimal | dt.date | dt.time | dt.datetime):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            # Excel has no time zones: the caller converts to the edition's local time first.
            value = value.replace(tzinfo=None)
        cell.value = value
    else:
        cell.value = str(value)
        # openpyxl infers a formula from a leading "="; a string cell is shown and stored as typed.
        cell.data_type = "s"
    return cell


ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")  # openpyxl's error cells


def _safe(ws, value: Any):
    """A value that ws.append stores exactly as put() would: text that openpyxl would read as a formula or an
    error code becomes a string cell; an aware datetime loses its zone; the rest is stored as it is."""
    if isinstance(value, str):
        if value.startswith("=") or value in ERROR_CODES:
            from openpyxl.cell.cell import Cell  # openpyxl loads only when a spreadsheet is made

            cell = Cell(ws, value=None)
            cell._value, cell.data_type = value, "s"  # what put() gets from `cell.data_type = "s"`
            return cell
        return value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        return value
    return _safe(ws, str(value))


def append(ws, values: Iterable[Any]) -> int:
    """Append a row of values below the last one; returns its row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value)
    return row


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook of simple sheets: (title, headers, rows). Bold frozen header row, columns sized to fit."""
    # openpyxl loads only when a spreadsheet is made: a heavy import kept off every other request
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        widths = [len(str(h)) for h in headers]
        for column, header in enumerate(headers, start=1):
            put(ws, 1, column, header).font = Font(bold=True)
        for values in rows:
            # As put() writes them, a row at a time (ws.append: a tenth of the cost of cell-by-cell writes).
            values = list(values)
            ws.append([_safe(ws, value) for value in values])
            for column, value in zip(range(len(widths)), values, strict=False):
                widths[column] = max(widths[column], min(len(str(value or "")), 60))
        for column, width in enumerate(widths, start=1):
            # CJK characters are about twice as wide as Latin ones in Excel's default font.
            ws.column_dimensions[get_column_letter(column)].width = width * 1.6 + 2
        ws.freeze_panes = "A2"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
