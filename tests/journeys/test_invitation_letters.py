"""The organiser prints the invitation letters (邀请函): one unit's from the units page, then every letter of
the edition from the documents page, rendered in the background with its progress, downloaded and read
back (each page a person's letter, its QR a ticket of the edition)."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from tests.events.badge_helpers import decode_qr_codes, page_count, pdf_fonts, pdf_text
from tests.journeys.people import PASSWORD

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "letters-journey"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_organiser_prints_a_units_letters_and_every_letter_of_the_edition(server, desk, axe):
    desk.goto("/staff/login?next=/staff/e/dazu-2023/units")
    desk.fill("input[name=username]", "organizer")
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("main form [type=submit]").click()
    desk.wait_for_url(lambda url: urlparse(url).path == "/staff/e/dazu-2023/units")

    # One unit's letters, from its row.
    row = desk.locator("#units tr", has_text="大足石刻文创园")
    registered = int(row.locator("td").nth(-4).inner_text())
    with desk.expect_download() as info:
        row.get_by_role("link", name="Letters · 大足石刻文创园").click()
    unit_pdf = Path(info.value.path()).read_bytes()
    assert page_count(unit_pdf) == registered
    assert "大足石刻文创园" in pdf_text(unit_pdf)
    assert all(f["emb"] == "yes" for f in pdf_fonts(unit_pdf))

    # Every letter, in the background, from the documents page.
    desk.goto("/staff/e/dazu-2023/documents")
    desk.get_by_role("button", name="Render letters").click()
    desk.wait_for_url("**/staff/e/dazu-2023/documents#letters")
    job = desk.locator("#letters .job").first
    download = job.get_by_role("link", name="Download PDF")
    download.wait_for(timeout=120_000)
    assert job.locator(".job-state").inner_text().endswith(" Done")
    _shot(desk, "documents-letters-desk")
    axe(desk, "documents page, letters")
    # The result opens in the browser's PDF viewer (inline); read the same URL with the page's session.
    response = desk.request.get(server + download.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    total = int(job.locator(".job-state").inner_text().split("/")[0])
    assert page_count(pdf) == total > registered
    text = pdf_text(pdf)
    assert text.count("尊敬的") + text.count("Dear ") == total
    tokens = [t for number in (1, 2, 3) for t in decode_qr_codes(pdf, number)]
    assert tokens and all(t.startswith("dazu-2023.") for t in tokens)

    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto("/staff/e/dazu-2023/documents#letters")
    _shot(desk, "documents-letters-phone")
