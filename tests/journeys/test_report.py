"""After the conference: the secretariat opens the report of the 2024 edition (the demo's clone of 2023 with
generated attendance) on a phone and at a desk, reads each chart's finding and its table, this year beside
last year, and downloads the printed report (PDF) and the data (XLSX) for the leaders' summary."""

import os
import re
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from tests.journeys.people import login, pdf_text
from tests.shell_env import ROOT

SHOTS = Path(os.environ.get("HUIWU_SHOTS", ROOT / "var" / "shots"))


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_secretariat_reads_the_report_and_downloads_it(server, phone, desk, axe):
    server.manage("load_demo_comparison")

    login(phone, "viewer")
    phone.goto("/staff/e/dazu-2024/report")
    assert phone.get_by_role("heading", level=1).inner_text() == "会后总结"
    assert phone.get_by_role("heading", name="本届与上届对比").is_visible()
    finding = phone.locator("#attendance .finding").inner_text()
    assert re.fullmatch(r"到会率 \d+\.\d%，比上届(高|低) \d+\.\d 个百分点", finding), finding
    # The chart's alternative text is its finding; its table is beside it.
    assert phone.locator("#attendance img").get_attribute("alt") == finding
    assert phone.locator("#attendance table tbody tr").count() == 6
    assert phone.locator("section.report-section img").count() == 9
    axe(phone, "report, phone")
    # Phone-first: nothing wider than the screen but the tables' own scrollers.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(phone, "report-phone-zh")

    desk.set_viewport_size({"width": 1280, "height": 800})
    login(desk, "organizer")
    desk.goto("/staff/e/dazu-2024/report")
    assert desk.get_by_role("heading", level=1).inner_text() == "The conference in figures"
    assert desk.locator("#signing .finding").inner_text().startswith("9 projects signed, CNY ")
    axe(desk, "report, desk")
    _shot(desk, "report-desk-en")

    with desk.expect_download() as info:
        desk.get_by_role("link", name="Printed report (PDF)").click()
    text = pdf_text(Path(info.value.path()).read_bytes())
    assert "The conference in figures" in text
    assert re.sub(r"\s+", " ", finding_en := desk.locator("#attendance .finding").inner_text()) in re.sub(
        r"\s+", " ", text
    ), finding_en

    with desk.expect_download() as info:
        desk.get_by_role("link", name="Data of every chart (XLSX)").click()
    book = load_workbook(BytesIO(Path(info.value.path()).read_bytes()))
    assert book.sheetnames[0] == "attendance 到会" and book.sheetnames[-1] == "compare 对比"
    shown = (
        desk.locator("#comparison tbody tr")
        .filter(has_text="Confirmed")
        .first.locator("td")
        .all_inner_texts()
    )
    confirmed = [
        row for row in book["attendance 到会"].iter_rows(values_only=True) if row[0] == "已确认 Confirmed"
    ]
    assert confirmed == [("已确认 Confirmed", int(shown[0]), int(shown[1]))]

    # The other language on each: the page switch's cookie.
    for page, lang, heading, name in (
        (phone, "en", "The conference in figures", "report-phone-en"),
        (desk, "zh-hans", "会后总结", "report-desk-zh"),
    ):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": str(server)}])
        page.reload()
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert (
            page.locator("#meals table tbody tr").count() == 3
        )  # lunch, dinner the evening before, the total
        _shot(page, name)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
