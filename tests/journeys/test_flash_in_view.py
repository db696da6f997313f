"""After a unit import or a 换人 the message saying what happened is on screen, below the sticky top bar."""

import os
import tempfile
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from tests.journeys.people import SLUG, login, unique_email

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "flash-journey"


def _below_the_top_bar(page, selector=".flash"):
    bar = page.locator(".topbar").bounding_box()
    flash = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    assert flash["y"] >= bar["y"] + bar["height"], (flash, bar)
    assert flash["y"] + flash["height"] <= viewport["height"], (flash, viewport)


def test_messages_after_import_and_replacement_are_in_view(server, desk, phone, tmp_path):
    # The unit's contact replaces a person (换人) on a phone.
    phone.goto("/u/demo-unit-3")
    phone.locator("li.person").first.get_by_role("link", name="换人").click()
    phone.fill("#id_name", "接替人")
    phone.fill("#id_phone", "13800007777")
    phone.fill("#id_email", unique_email("flash"))
    phone.check("input[name=consent]")  # the contact attests the new person agreed
    phone.get_by_role("button", name="确认换人").click()
    phone.wait_for_load_state()
    phone.wait_for_timeout(300)
    assert "接替人" in phone.locator(".flash").first.inner_text()
    _below_the_top_bar(phone)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "substitute-flash-phone.png"))

    # The organiser imports a list of units at the bottom of the units page.
    login(desk, "organizer")
    desk.goto(f"/staff/e/{SLUG}/units")
    with desk.expect_download() as info:
        desk.get_by_role("link", name="Download the list template (XLSX)").click()
    wb = load_workbook(BytesIO(Path(info.value.path()).read_bytes()))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    delegate = next(i for i, h in enumerate(header, start=1) if "(delegate)" in h)
    ws.cell(row=3, column=1, value="提示测试单位")
    ws.cell(row=3, column=delegate, value=2)
    out = BytesIO()
    wb.save(out)
    path = tmp_path / "units.xlsx"
    path.write_bytes(out.getvalue())
    desk.set_input_files("#u_file", str(path))
    desk.get_by_role("button", name="Import units").click()
    desk.wait_for_load_state()
    desk.wait_for_timeout(300)
    assert desk.locator(".flash.success").inner_text() == "Imported: 1 units added, 0 updated."
    _below_the_top_bar(desk, ".flash.success")
    desk.screenshot(path=str(SHOTS / "units-import-flash-desk.png"))
