"""The follow-up of signed projects, as people live it: the investment bureau opens this quarter's returns
on a desk; the liaison of the culture park opens the e-mailed link on a phone and files the return of a
project that was late to start, with a photo of the site; the project turns from red to green on the
bureau's list; the bureau downloads the 通报 and reads the same figures as the API."""

import datetime as dt
import io
import os
import re
import tempfile
from pathlib import Path

from PIL import Image

from tests.journeys.people import api, login, organiser_token, pdf_text, wait_for_mail

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "followup-journey"
SERIES = "chengyu-design"
LATE = "大足石刻数字文创IP开发项目"  # the demo's project late to start: red


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 150, 90)).save(out, format="JPEG")
    return out.getvalue()


def test_bureau_opens_returns_liaison_files_on_a_phone_and_the_light_turns_green(server, desk, new_page):
    token = organiser_token(server)
    _, projects = api(server, "GET", f"/series/{SERIES}/projects", token=token)
    late = next(p for p in projects if p["name"] == LATE)
    assert late["light"] == "red"
    today = dt.date.today()
    period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"

    # The bureau, on a desk: the list with the late project in red; this quarter's returns opened.
    login(desk, "organizer")
    desk.goto(f"/staff/s/{SERIES}/projects")
    assert desk.locator(f'tr[data-project="{late["id"]}"]').get_attribute("data-light") == "red"
    desk.fill("input[name=period]", period)
    desk.fill("input[name=due_on]", (today + dt.timedelta(days=20)).isoformat())
    desk.get_by_role("button", name="Open returns").click()
    desk.wait_for_load_state()
    _shot(desk, "1-returns-opened")
    desk.wait_for_selector("#opened-links li")
    links = desk.locator("#opened-links li")
    assert links.count() == 3
    _shot(desk, "1-returns-opened")
    park = links.filter(has_text="大足石刻文创园").locator("a").inner_text()
    path = "/p/" + park.rsplit("/p/", 1)[1]
    mail = wait_for_mail(server, "liaison5@example.com")
    assert path in mail

    # The liaison, on a phone (390x844), from the e-mail: the form prefilled with the last return.
    phone = new_page("phone")
    phone.goto(path)
    card = phone.locator(f"#p-{late['id']}")
    assert card.locator("select[name=stage]").input_value() == "registered"
    assert card.locator("input[value=approval]").is_checked()
    card.locator("select[name=stage]").select_option("started")
    card.locator("input[name=funds_added]").fill("1200")
    card.locator("input[value=approval]").uncheck()
    card.locator("textarea[name=note]").fill("IP授权已批复，项目开工")
    card.locator("input[name=evidence]").set_input_files(
        {"name": "工地.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    )
    _shot(phone, "2-phone-return")
    card.get_by_role("button", name="提交填报").click()
    phone.wait_for_url(re.compile(r"done="))
    assert phone.locator(f"#p-{late['id']} .flash.ok").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(phone, "3-phone-filed")

    # Back on the desk: green, the return and its photo on the project's timeline.
    desk.goto(f"/staff/s/{SERIES}/projects")
    assert desk.locator(f'tr[data-project="{late["id"]}"]').get_attribute("data-light") == "green"
    desk.goto(f"/staff/s/{SERIES}/projects/{late['id']}")
    photo = desk.locator(".timeline img.evidence-thumb").first
    assert photo.evaluate("img => img.naturalWidth") == 640
    _shot(desk, "4-project-timeline")

    # The bureau adds its own update on the project page: a negative sum is refused beside its field and
    # nothing is recorded; corrected, the funds come in and the timeline shows it.
    before = api(server, "GET", f"/projects/{late['id']}/updates", token=token)[1]
    desk.fill("#u-funds", "-300")
    desk.fill("#u-note", "区投促局现场核实")
    desk.get_by_role("button", name="Record the update").click()
    desk.wait_for_selector("#err-funds_added")
    assert desk.locator("#err-funds_added").inner_text().startswith("Funds added (10k yuan): ")
    assert desk.locator("#u-note").input_value() == "区投促局现场核实"
    assert api(server, "GET", f"/projects/{late['id']}/updates", token=token)[1] == before
    _shot(desk, "5-bureau-update-refused")
    desk.fill("#u-funds", "300")
    desk.get_by_role("button", name="Record the update").click()
    desk.wait_for_url(re.compile(r"recorded="))
    assert desk.locator("#record .flash.ok").is_visible()
    assert "区投促局现场核实" in desk.locator(".timeline li").first.inner_text()
    _shot(desk, "6-bureau-update-recorded")
    after = api(server, "GET", f"/projects/{late['id']}", token=token)[1]
    assert float(after["funds_in"]) == float(late["funds_in"]) + 1200 + 300 and after["light"] == "green"

    # The 通报, downloaded from the list, says what the API says: every rate with its numerator and
    # denominator, the totals and the lights.
    _, figures = api(server, "GET", f"/series/{SERIES}/follow-up", token=token)
    desk.goto(f"/staff/s/{SERIES}/projects")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Report (PDF)").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    for key, rate in figures["rates"].items():
        value = "—" if rate["value"] is None else f"{rate['value']}%"
        row = rf"{re.escape(value)}\s+{rate['numerator']}\s+{rate['denominator']}"
        assert re.search(row, text), (key, rate)
    assert re.search(rf"Signed projects\s+{figures['signed']}\s", text)
    for label, key in (("Investment", "investment_total"), ("Funds in", "funds_in")):  # a cell may wrap
        assert re.search(rf"{label}\s+{re.escape(figures[key])}\s+10k\s+yuan", text), key
    for colour, label in (("red", "Red"), ("yellow", "Yellow"), ("green", "Green")):
        assert f"{label} {figures['lights'][colour]}" in text, colour
    assert "Started = (started + under" in text and "Funds in = funds in ÷ total" in text
    assert figures["lights"]["red"] == 1 and figures["lights"]["green"] == 2
