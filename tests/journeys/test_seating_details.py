"""Seating details an organiser meets: the plan's heading names its kind in words (both languages), a new
plan is linked to an agenda session from the form, the protocol list takes a person found by name, and the
printed rostrum map numbers ranks and seats as its legend says."""

import re

from tests.journeys.people import login, pdf_text


def test_seating_plan_form_protocol_search_and_map_legend(server, desk, phone, axe):
    login(phone, "organizer")
    phone.goto("/staff/e/dazu-2023/seating")
    phone.get_by_role("link", name="开幕式主席台").click()
    assert phone.locator("h1").inner_text() == "开幕式主席台 主席台"
    href = phone.get_by_role("link", name=re.compile("A4")).first.get_attribute("href")
    text = pdf_text(phone.request.get(href).body())
    assert "位次 1 · " in text and "号座" in text
    assert "位次 1 居中" in text.replace("\n", "")

    page = desk
    login(page, "organizer")
    page.goto("/staff/e/dazu-2023/seating")
    # A plan for a session chosen on the form.
    options = page.locator("#id_session option").all_inner_texts()
    session = next(o for o in options if "开幕" in o or "Opening" in o)
    page.fill("#id_name", "Session-linked rostrum")
    page.select_option("#id_kind", "rostrum")
    page.fill("#id_rows", "3")
    page.select_option("#id_session", label=session)
    page.click("#new button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/e/dazu-2023/seating/\d+$"))
    assert page.locator("h1").inner_text() == "Session-linked rostrum Rostrum"
    page.goto("/staff/e/dazu-2023/seating")
    listed = page.locator(".plan-list li", has_text="Session-linked rostrum").inner_text()
    assert session.split(" ", 2)[2] in listed

    # The protocol list: a person found by typing part of the name.
    before = page.locator("#protocol-list li[data-code]").count()
    known = page.locator("#protocol-people option").evaluate_all("o => o.map(x => x.value)")
    pick = next(v for v in known if v.split(" · ")[-1] not in page.locator("#protocol-list").inner_html())
    page.get_by_label("Add a person: type a name (or a registration code)").fill(pick)
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("#protocol-list li[data-code]").count() == before + 1
    added = page.locator("#protocol-list li[data-code]").last
    assert added.get_attribute("data-code") == pick.split(" · ")[-1]
    axe(page, "seating with the protocol search")
    # Put the demo's list back as it was for the other journeys.
    added.get_by_role("button", name=re.compile("^Remove")).click()
    page.wait_for_load_state()
    assert page.locator("#protocol-list li[data-code]").count() == before
