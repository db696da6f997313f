import re
import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from tests.factories import make_user, token_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


def code_for(user, drift: int = 0) -> str:
    """The code an authenticator app shows (drift: that many 30-second steps later)."""
    device = TOTPDevice.objects.filter(user=user).last()
    return f"{totp(device.bin_key, drift=drift):06d}"


def enrol(client, token: str) -> list[str]:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client.post("/api/v1/me/totp", **auth)
    user = TOTPDevice.objects.last().user
    response = client.post(
        "/api/v1/me/totp/confirm", {"code": code_for(user)}, content_type="application/json", **auth
    )
    assert response.status_code == 200
    return response.json()["recovery_codes"]


def test_enrolment_through_the_api(client):
    token = token_for("boss", "organiser")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    started = client.post("/api/v1/me/totp", **auth)
    assert started.status_code == 200
    body = started.json()
    assert re.fullmatch(r"[A-Z2-7]{32}", body["secret"])
    assert body["otpauth_uri"].startswith("otpauth://totp/huiwu%3Aboss?secret=")
    assert body["secret"] in body["otpauth_uri"]
    assert TOTPDevice.objects.get().confirmed is False

    wrong = client.post(
        "/api/v1/me/totp/confirm", {"code": "000000"}, content_type="application/json", **auth
    )
    assert (wrong.status_code, wrong.json()["field"]) == (422, "code")

    user = TOTPDevice.objects.get().user
    right = client.post(
        "/api/v1/me/totp/confirm", {"code": code_for(user)}, content_type="application/json", **auth
    )
    assert right.status_code == 200
    assert right.json()["enabled"] is True
    assert len(set(right.json()["recovery_codes"])) == 10
    assert TOTPDevice.objects.get().confirmed is True
    # The audit log says it happened, and holds neither the secret nor the codes.
    row = str(list(AuditEntry.objects.values()))
    assert "confirm_totp" in row
    assert body["secret"] not in row
    assert all(c not in row for c in right.json()["recovery_codes"])


def test_confirm_without_enrolment_names_the_code(client):
    token = token_for("boss", "organiser")
    response = client.post(
        "/api/v1/me/totp/confirm",
        {"code": "123456"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()["field"]) == (422, "code")
    assert "Start the set-up first" in response.json()["detail"]


def test_me_endpoints_need_credentials(client):
    assert client.post("/api/v1/me/totp").status_code == 401
    assert (
        client.post("/api/v1/me/totp/confirm", {"code": "1"}, content_type="application/json").status_code
        == 401
    )


def test_login_asks_for_the_code_after_the_password(client):
    user = make_user("boss", "organiser", password=PASSWORD)
    enrol(client, token_for_user(user))
    response = client.post("/staff/login", {"username": "boss", "password": PASSWORD, "next": "/staff/"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/login/code?next=%2Fstaff%2F"
    # Not signed in yet.
    assert client.get("/staff/").status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter the 6-digit code" in page

    wrong = client.post("/staff/login/code", {"code": "000000", "next": "/staff/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "That code is not right." in wrong.content.decode()
    assert client.get("/staff/").status_code == 302

    time.sleep(1.1)  # django-otp refuses codes for a second after a wrong one (doubling each time)
    right = client.post("/staff/login/code", {"code": code_for(user, drift=1), "next": "/staff/"})
    assert (right.status_code, right["Location"]) == (302, "/staff/")
    assert client.get("/staff/").status_code == 200
    actions = list(AuditEntry.objects.filter(username="boss").order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["login_failed", "login"]


def test_a_recovery_code_works_once(client):
    user = make_user("boss", "organiser", password=PASSWORD)
    codes = enrol(client, token_for_user(user))
    for expected in ("/staff/", "/staff/login/code"):
        client.logout()
        client.post("/staff/login", {"username": "boss", "password": PASSWORD, "next": "/staff/"})
        response = client.post("/staff/login/code", {"code": codes[0], "next": "/staff/"})
        assert response.get("Location", "/staff/login/code") == expected


def test_code_step_without_a_password_goes_back_to_login(client):
    response = client.post("/staff/login/code", {"code": "123456"})
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login?")


def test_admin_password_form_refuses_an_account_with_two_factors(client):
    user = make_user("root", password=PASSWORD)
    user.is_staff = user.is_superuser = True
    user.save()
    enrol(client, token_for_user(user))
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_security_page_enrols_with_a_qr_code(client):
    user = make_user("boss", "organiser", password=PASSWORD)
    client.force_login(user)
    page = client.get("/staff/me/security", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Two-factor sign-in is off." in page
    started = client.post(
        "/staff/me/security", {"action": "start"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "<svg" in started
    secret = re.search(r'<code id="secret">([A-Z2-7]+)</code>', started).group(1)
    assert secret in TOTPDevice.objects.get().config_url
    wrong = client.post("/staff/me/security", {"action": "confirm", "code": "12"})
    assert wrong.status_code == 422
    done = client.post(
        "/staff/me/security", {"action": "confirm", "code": code_for(user)}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Two-factor sign-in is on" in done
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done)
    assert len(codes) == 10
    # Shown once: the next visit tells how many are left, not the codes.
    again = client.get("/staff/me/security", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert codes[0] not in again
    assert "Recovery codes left: <strong>10</strong>" in again
    assert "双重验证已开启" in client.get("/staff/me/security").content.decode()


def token_for_user(user) -> str:
    from events.auth import new_api_token

    return new_api_token(user=user)
