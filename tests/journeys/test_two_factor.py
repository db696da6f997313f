"""An organiser's secretary turns on two-factor sign-in (QR, code, recovery codes), logs in again with the
password and the app's code, changes a category's capacity through the API, and finds the change in the
edition's audit log."""

import base64

from django_otp.oath import totp
from playwright.sync_api import expect

from tests.journeys.people import PASSWORD, SLUG, api

CREATE_SECRETARY = (
    "from django.contrib.auth import get_user_model; from organizers.models import Team; "
    "u = get_user_model().objects.create_user('secretary', password='{pw}'); "
    "Team.objects.filter(members__username='organizer').first().members.add(u)"
)


def app_code(secret: str, later: int = 0) -> str:
    """What an authenticator app shows for `secret` (base32), `later` 30-second steps from now."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=later):06d}"


def test_secretary_enrols_logs_in_with_a_code_and_reads_the_audit_log(server, desk, axe):
    server.manage("shell", "-c", CREATE_SECRETARY.format(pw=PASSWORD))
    page = desk
    page.goto("/staff/login")
    page.fill("#id_username", "secretary")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")

    page.get_by_role("link", name="Sign-in security").click()
    page.wait_for_url("**/staff/me/security")
    expect(page.locator("#status")).to_have_text("Two-factor sign-in is off.")
    page.get_by_role("button", name="Set up an authenticator app").click()
    expect(page.locator("#enrol svg")).to_be_visible()
    axe(page, "enrolment with the QR code")
    secret = page.locator("#secret").inner_text()
    page.fill("#id_code", app_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    expect(page.locator("#status")).to_contain_text("Two-factor sign-in is on")
    axe(page, "recovery codes")

    page.get_by_role("button", name="Log out (secretary)").click()
    page.wait_for_url("**/staff/login")
    page.fill("#id_username", "secretary")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/login/code**")
    axe(page, "the code step")
    page.fill("#id_code", app_code(secret, later=1))  # the code already used to confirm is spent
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/staff/")

    token = server.manage("create_token", "secretary").strip().splitlines()[-1]
    status, out = api(server, "GET", f"/events/{SLUG}", token=token)
    category = out["categories"][0]
    new_capacity = (category["capacity"] or 0) + 7
    status, _ = api(
        server, "PATCH", f"/events/{SLUG}/categories/{category['code']}", {"capacity": new_capacity}, token
    )
    assert status == 200
    page.goto(f"/staff/e/{SLUG}/audit")
    row = page.locator("#audit tbody tr").filter(has_text="patch_category").first
    expect(row).to_contain_text("secretary")
    before = "—" if category["capacity"] is None else category["capacity"]
    expect(row).to_contain_text(f"capacity: {before} → {new_capacity}")
    axe(page, "audit log")
