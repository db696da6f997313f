"""Someone registers with an address that already holds a registration, someone else with a new address:
both phones show the same "check your e-mail" page (only the address typed differs), so a stranger learns
nothing. The holder finds an e-mail (make run writes them under var/mail) with a new link to their ticket,
the newcomer the confirmation with theirs; the server's log holds no private link."""

from tests.journeys.people import SLUG, link_in, register_by_api, unique_email, wait_for_mail


def register_on_the_page(page, name: str, email: str) -> str:
    page.goto(f"/e/{SLUG}/register")
    page.fill("#id_name", name)
    page.fill("#id_organization", "某单位")
    page.fill("#id_email", email)
    page.check("#id_consent")
    page.get_by_role("button", name="提交报名").click()
    page.wait_for_load_state()
    return page.locator("main").inner_text()


def test_a_stranger_learns_nothing_and_the_holder_gets_the_link(server, phone, new_page, axe):
    held_email, new_email = unique_email("held"), unique_email("new")
    held = register_by_api(server, "周海", email=held_email)
    stranger = register_on_the_page(phone, "冒名者", held_email)
    newcomer = register_on_the_page(new_page("phone"), "吴新", new_email)
    assert stranger == newcomer.replace(new_email, held_email)
    panel = phone.locator('[data-state="check-email"]')
    assert panel.locator("h2").inner_text() == "请查收邮件"
    assert "周海" not in stranger and held["code"] not in stranger and "已报名" not in stranger
    axe(phone, "check your e-mail")
    phone.screenshot(path="/tmp/hardening-check-email-phone.png", full_page=True)

    # The holder: the confirmation (from the organiser's registration), then the new link.
    token = link_in(wait_for_mail(server, held_email, count=2))
    phone.goto(f"/r/{token}")
    assert phone.locator(".status-label").inner_text() == "已确认"
    assert held["code"] in phone.locator("main").inner_text()
    # The newcomer: the confirmation with their link.
    newcomer_token = link_in(wait_for_mail(server, new_email))
    phone.goto(f"/r/{newcomer_token}")
    assert phone.locator(".ticket-name").inner_text() == "吴新"
    log = server.log.read_text(errors="replace")
    assert token not in log and newcomer_token not in log
