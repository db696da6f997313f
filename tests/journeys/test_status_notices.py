"""People who lose their place are told, in their language, by e-mail (read back from the mail directory
`make run` writes): cancelled by the organiser on the dashboard, moved up from the waiting list, replaced
by their unit (换人) on the unit's page, and their own cancellation on the ticket page."""

from tests.journeys.people import (
    SLUG,
    api,
    login,
    organiser_token,
    register_by_api,
    unique_email,
    wait_for_mail,
)


def test_people_who_lose_or_gain_a_place_are_told(server, desk, phone, new_page):
    token = organiser_token(server)
    first_email, waiting_email = unique_email("first"), unique_email("waiting")
    first = register_by_api(server, "先到者", email=first_email, language="zh-hans")
    _, edition = api(server, "GET", f"/events/{SLUG}")
    delegate = next(c for c in edition["categories"] if c["code"] == "delegate")
    full = delegate["capacity"] - delegate["remaining"]
    assert api(server, "PATCH", f"/events/{SLUG}/categories/delegate", {"capacity": full}, token)[0] == 200
    try:
        waiting = register_by_api(server, "Wang Lei", email=waiting_email, language="en")
        assert waiting["status"] == "waitlisted"

        # The organiser cancels the first person on the dashboard: they are told, and the waiting person
        # moves up and is told why the confirmation comes now.
        login(desk, "organizer")
        desk.goto(f"/staff/e/{SLUG}/?q={first['code']}")
        desk.once("dialog", lambda d: d.accept())
        desk.locator(f"tbody tr[data-code='{first['code']}']").get_by_role("button", name="Cancel").click()
        desk.wait_for_load_state()
        cancelled = wait_for_mail(server, first_email, 2)
        assert "主办方已取消您的报名。" in cancelled
        assert "如有疑问，请联系会议组委会。" in cancelled
        promoted = wait_for_mail(server, waiting_email, 2)
        assert "A place has become free: you are moved up from the waiting list." in promoted
        assert "Your registration is confirmed." in promoted
    finally:
        api(server, "PATCH", f"/events/{SLUG}/categories/delegate", {"capacity": delegate["capacity"]}, token)

    # The promoted person later cancels on their own ticket page: the cancellation is confirmed.
    ticket = new_page("desk")
    ticket.goto(f"/r/{waiting['manage_token']}")
    ticket.once("dialog", lambda d: d.accept())
    ticket.get_by_role("button", name="Cancel my registration").click()
    ticket.wait_for_load_state()
    assert ticket.locator(".status-label").inner_text() == "Cancelled"
    own = wait_for_mail(server, waiting_email, 3)
    assert "Your registration has been cancelled, as you asked." in own

    # A unit replaces one of its people (换人) on its page: the replaced person is told who took the place.
    old_email = unique_email("replaced")
    status, added = api(
        server,
        "POST",
        "/units/demo-unit-2/people",
        {
            "category": "delegate",
            "name": "被替换者",
            "phone": "13800001234",
            "email": old_email,
            "consent": True,
        },
    )
    assert status == 201, added
    phone.goto("/u/demo-unit-2")
    phone.locator(f"li.person[data-code='{added['code']}']").get_by_role("link", name="换人").click()
    phone.fill("#id_name", "接替者")
    phone.fill("#id_phone", "13800005678")
    phone.fill("#id_email", unique_email("successor"))
    phone.check("input[name=consent]")  # the contact attests the new person agreed
    phone.get_by_role("button", name="确认换人").click()
    phone.wait_for_load_state()
    replaced = wait_for_mail(server, old_email, 2)
    assert "已安排接替者代替您参会（换人）。" in replaced
    assert "的参会凭证已失效。" in replaced
