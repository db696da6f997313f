"""A unit's delegation, as people live it: the organiser adds a unit and copies its link; the contact opens it
on a phone, fills in the template with one bad row, sees the verdict, fixes it, imports, fills in a reply
form, replaces a person and downloads the letters; at the door the replaced person's QR reads `unknown`
(revoked) and the new person's checks in."""

import json
import os
import tempfile
import urllib.request
from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse

from openpyxl import load_workbook

from tests.events.badge_helpers import decode_qr_codes, page_count, pdf_fonts, pdf_text
from tests.journeys.people import PASSWORD

SHOTS = Path(os.environ.get("HUIWU_SHOTS", tempfile.gettempdir())) / "units-journey"
ORG = "YTC Technologies（重庆）智能科技发展有限公司"


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fill(template: bytes, rows: list[dict]) -> bytes:
    wb = load_workbook(BytesIO(template))
    ws = wb.worksheets[0]
    order = ["marker", "category", "name", "name_en", "title", "phone", "email", "language", "consent"]
    for r, row in enumerate(rows, start=3):
        for c, key in enumerate(order, start=1):  # the contact attests each person's consent: 是
            ws.cell(row=r, column=c, value=row.get(key, "是" if key == "consent" else None))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _scan(server, token: str, ticket: str) -> dict:
    request = urllib.request.Request(
        server + "/api/v1/events/dazu-2023/checkin",
        data=json.dumps({"token": ticket}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _download(page, link_text: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    return Path(info.value.path()).read_bytes()


def test_unit_contact_uploads_fixes_imports_replaces_and_downloads_letters(
    server, desk, phone, axe, tmp_path
):
    # The organiser adds the unit with a quota of three delegates and copies its private link.
    desk.goto("/staff/login?next=/staff/e/dazu-2023/units")
    desk.fill("input[name=username]", "organizer")
    desk.fill("input[name=password]", PASSWORD)
    desk.locator("main form [type=submit]").click()
    desk.wait_for_url(lambda url: urlparse(url).path == "/staff/e/dazu-2023/units")
    desk.fill("#u_org", ORG)
    desk.fill("#u_q_delegate", "3")
    desk.fill("#u_cn", "杨联络")
    desk.locator("#add-unit-h + form button").click()
    link = desk.locator(".new-links input").input_value()
    assert "/u/" in link
    _shot(desk, "staff-units-desk")
    axe(desk, "staff units")
    token = link.rsplit("/u/", 1)[1]

    # The contact opens the link on a phone.
    phone.goto(f"/u/{token}")
    assert phone.locator("h1").inner_text() == ORG
    assert phone.locator('[data-category="delegate"]').inner_text() == "0 / 3"
    _shot(phone, "unit-phone-empty")
    axe(phone, "unit page")

    template = _download(phone, "下载模板 (.xlsx)")
    rows = [
        {
            "marker": 1,
            "category": "参会代表 Delegate (delegate)",
            "name": "杨一",
            "title": "总经理",
            "phone": "13811110001",
            "email": "yang1@example.com",
        },
        {
            "marker": 2,
            "category": "参会代表 Delegate (delegate)",
            "name": "杨二",
            "title": "设计总监",
            "phone": "1381111",
            "email": "yang2@example.com",
        },
        {
            "marker": 3,
            "category": "参会代表 Delegate (delegate)",
            "name": "杨三",
            "name_en": "Yang San",
            "phone": "13811110003",
            "email": "yang3@example.com",
            "language": "English",
        },
    ]
    bad = tmp_path / "delegation.xlsx"
    bad.write_bytes(_fill(template, rows))
    phone.set_input_files("#id_file", str(bad))
    phone.get_by_role("button", name="上传并检查").click()
    _shot(phone, "unit-phone-verdict")
    verdict = phone.locator('[data-row="4"]')
    assert "手机" in verdict.inner_text() and "手机号码格式不正确" in verdict.inner_text()
    assert phone.get_by_role("button", name="确认导入").count() == 0
    _shot(phone, "unit-phone-verdict")
    axe(phone, "verdict")

    rows[1]["phone"] = "13811110002"
    good = tmp_path / "delegation-fixed.xlsx"
    good.write_bytes(_fill(template, rows))
    phone.set_input_files("#id_file", str(good))
    phone.get_by_role("button", name="上传并检查").click()
    assert phone.locator('[data-count="created"]').inner_text() == "3"
    phone.get_by_role("button", name="确认导入").click()
    assert "已导入：新增 3 人" in phone.locator(".flash").inner_text()
    assert phone.locator('[data-category="delegate"]').inner_text() == "3 / 3"
    names = phone.locator(".person-name").all_inner_texts()
    assert sorted(names) == ["杨一", "杨三", "杨二"]

    # The letters before the change: the QR of the person about to be replaced.
    before = _download(phone, "下载邀请函（中文）")
    first_page = next(i for i in range(1, 4) if "尊敬的 杨一" in pdf_text(_page(before, i)))
    (old_ticket,) = decode_qr_codes(before, first_page)

    # A reply form for 杨三.
    phone.locator('.person:has-text("杨三")').get_by_role("link", name="回执").click()
    phone.fill("#id_arrival_date", "2023-06-27")
    phone.fill("#id_arrival_time", "16:20")
    phone.fill("#id_arrival_number", "G8501")
    phone.fill("#id_arrival_place", "大足南站")
    phone.select_option("#id_dinner", "yes")
    phone.get_by_role("button", name="保存回执").click()
    assert phone.locator(".flash").inner_text() == "回执已保存。"
    phone.get_by_role("link", name="返回").click()

    # 杨一 cannot come: 杨新 goes instead.
    phone.locator('.person:has-text("杨一")').get_by_role("link", name="换人").click()
    phone.fill("#id_name", "杨新")
    phone.fill("#id_title", "副总经理")
    phone.fill("#id_phone", "13811110009")
    phone.fill("#id_email", "yangxin@example.com")
    phone.check("input[name=consent]")
    _shot(phone, "unit-phone-substitute")
    phone.get_by_role("button", name="确认换人").click()
    assert "杨一 → 杨新" in phone.locator(".flash").inner_text()
    assert sorted(phone.locator(".person-name").all_inner_texts()) == ["杨三", "杨二", "杨新"]
    assert phone.locator('[data-category="delegate"]').inner_text() == "3 / 3"
    _shot(phone, "unit-phone-delegation")
    axe(phone, "unit page with people")

    letters = _download(phone, "下载邀请函（中文）")
    assert page_count(letters) == 3
    text = pdf_text(letters)
    assert "尊敬的 杨新 副总经理：" in text and "尊敬的 杨一" not in text
    assert all(f["emb"] == "yes" for f in pdf_fonts(letters))
    (tmp_path / "letters.pdf").write_bytes(letters)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "letters.pdf").write_bytes(letters)

    checkin = server.manage("create_token", "checkin").strip().split()[-1]
    new_page = next(i for i in range(1, 4) if "尊敬的 杨新" in pdf_text(_page(letters, i)))
    (new_ticket,) = decode_qr_codes(letters, new_page)
    assert _scan(server, checkin, new_ticket)["result"] == "ok"
    old = _scan(server, checkin, old_ticket)
    assert (old["result"], old["reason"]) == ("unknown", "revoked")

    # The organiser sees the unit: quota 3, registered 3, one checked in; the reply form in the export.
    desk.goto("/staff/e/dazu-2023/units")
    row = desk.locator("#units tr", has_text=ORG)
    cells = row.locator("td").all_inner_texts()
    assert cells[-5:-1] == ["3", "3", "3", "1"]
    with desk.expect_download() as info:
        desk.locator("a[href$='replies.xlsx?order=arrival']").click()
    ws = load_workbook(BytesIO(Path(info.value.path()).read_bytes())).active
    headers = [c.value for c in ws[1]]
    replies = [dict(zip(headers, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]
    mine = [r for r in replies if r["单位 Unit"] == ORG]
    assert [(r["姓名 Name"], r["车次/航班 Train/flight"]) for r in mine][0] == ("杨三", "G8501")


def _page(pdf: bytes, number: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(BytesIO(pdf)).pages[number - 1])
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
