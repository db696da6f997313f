"""Factories for units and filled-in templates (written as a person would fill them, with openpyxl)."""

from io import BytesIO

from openpyxl import load_workbook

from events.units import services as unit_services
from events.units import spreadsheet

from ..factories import make_category, make_edition, make_point


def make_unit(edition, organization="大足石刻文创园", quotas=None, **fields):
    return unit_services.create_unit(
        edition=edition, organization=organization, quotas=quotas or {"delegate": 3}, **fields
    )


def unit_edition():
    edition = make_edition()
    make_category(edition, "delegate", capacity=100)
    make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True)
    make_point(edition)
    return edition


def person(n, category="delegate", **fields):
    row = {
        "category": category,
        "name": f"李{n}",
        "name_en": f"Li {n}",
        "title": "经理",
        "phone": f"1380000{n:04d}",
        "email": f"li{n}@example.com",
        "language": "中文",
    }
    row.update(fields)
    return row


def filled_template(template: bytes, rows: list[dict]) -> bytes:
    """The unit's template with `rows` typed under the example row, as a contact does in Excel."""
    wb = load_workbook(BytesIO(template))
    ws = wb.worksheets[0]
    keys = [key for key, _h, _r in spreadsheet.COLUMNS]
    for i, row in enumerate(rows, start=3):
        for column, key in enumerate(keys, start=1):
            default = {"marker": i - 2, "consent": "是"}.get(key)  # the contact attests consent per person
            ws.cell(row=i, column=column, value=row.get(key, default))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
