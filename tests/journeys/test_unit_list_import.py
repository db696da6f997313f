"""The organiser brings the district's list of units in one file: downloads the list template on the units
page, fills it in (one row wrong), uploads it, reads which row is wrong and why, nothing imported; fixes
the row, uploads again and sees every unit with its quota and its private link, shown once."""

import os
import tempfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse

from openpyxl import load_workbook

from tests.journeys.people import PASSWORD

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "unit-list-journey"
UNITS = [
    ("铜梁区高新技术产业开发区管委会", "周联络", "zhou@example.com", "13923456789", 8),
    ("荣昌区工业设计中心", "吴联络", "wu@example.com", "13934567890", 4),
    ("双桥经开区招商局", "郑联络", "zheng@example.com", "1390000", 6),  # a mobile number too short
]


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fill(template: bytes, units) -> bytes:
    """The list template filled in under its example row, as an organiser does in Excel."""
    wb = load_workbook(BytesIO(template))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    delegate = next(i for i, h in enumerate(header, start=1) if "(delegate)" in h)
    for r, (org, contact, email, mobile, quota) in enumerate(units, start=3):
        for c, value in enumerate((org, contact, email, mobile), start=1):
            ws.cell(row=r, column=c, value=value)
        ws.cell(row=r, column=delegate, value=quota)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(page, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    page.set_input_files("#u_file", str(path))
    page.get_by_role("button", name="Import units").click()
    page.wait_for_load_state()


def test_organiser_imports_the_list_of_units_fixing_a_bad_row(server, desk, phone, axe, tmp_path):
    desk.goto("/staff/login?next=/staff/e/dazu-2023/units")
    desk.fill("input[name=username]", "organizer")
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("main form [type=submit]").click()
    desk.wait_for_url(lambda url: urlparse(url).path == "/staff/e/dazu-2023/units")

    with desk.expect_download() as info:
        desk.get_by_role("link", name="Download the list template (XLSX)").click()
    template = Path(info.value.path()).read_bytes()

    # One mobile number is too short: the row is named with its reason, and nothing is imported.
    _upload(desk, tmp_path, "units.xlsx", _fill(template, UNITS))
    alerts = desk.locator(".flash.error").all_inner_texts()
    assert alerts[0] == "Nothing was imported: correct these rows and upload the file again."
    assert alerts[1].startswith("Row 5: This is not a valid mobile number")
    assert desk.locator("#units tr", has_text=UNITS[0][0]).count() == 0
    _shot(desk, "list-import-error-desk")
    axe(desk, "units list import, a bad row")

    fixed = [*UNITS[:2], ("双桥经开区招商局", "郑联络", "zheng@example.com", "13945678901", 6)]
    _upload(desk, tmp_path, "units-fixed.xlsx", _fill(template, fixed))
    assert desk.locator(".flash.success").inner_text() == "Imported: 3 units added, 0 updated."
    links = desk.locator(".new-links li")
    assert links.count() == 3
    for org, contact, _email, _mobile, quota in fixed:
        row = desk.locator("#units tr", has_text=org)
        assert row.count() == 1
        assert contact in row.inner_text()
        assert str(quota) in row.locator("td").all_inner_texts()
        assert "/u/" in desk.locator(".new-links li", has_text=org).locator("input").input_value()
    link = desk.locator(".new-links li", has_text=fixed[1][0]).locator("input").input_value()
    _shot(desk, "list-import-done-desk")
    axe(desk, "units list imported")

    # The same file again (a second click, a colleague's upload): units are updated, never doubled.
    _upload(desk, tmp_path, "units-again.xlsx", _fill(template, fixed))
    assert desk.locator(".flash.success").inner_text() == "Imported: 0 units added, 3 updated."
    assert desk.locator("#units tr", has_text=fixed[2][0]).count() == 1
    assert desk.locator(".new-links").count() == 0

    # The contact of a unit opens the link the organiser sent, on a phone: the unit's own page.
    phone.goto(link)
    assert phone.locator("h1").inner_text() == fixed[1][0]
    _shot(phone, "unit-from-list-phone")
    # The organiser's page on a phone.
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto("/staff/e/dazu-2023/units")
    _shot(desk, "list-import-units-phone")
