"""Sign-in with the organisation's identity provider, against a real OpenID Connect provider process (the
`oidc-provider` npm package, tests/accounts/oidc_provider.mjs) started by the test: huiwu's side runs as
deployed (discovery, the code flow with PKCE, the token exchange over HTTP, the ID token's signature checked
against the provider's keys); the browser's part (following redirects, the provider's login and consent
forms) is played with `requests`."""

import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from accounts import oidc
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
CALLBACK = "http://testserver/staff/oidc/callback/"
ACCOUNTS = {
    "li": {"email": "Li.Ming@example.gov.cn", "email_verified": True, "name": "李明"},
    "newcomer": {"email": "new@example.gov.cn", "email_verified": True, "name": "新人"},
    "unverified": {"email": "boss@example.gov.cn", "email_verified": False},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (HERE / ".vendor" / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("the OIDC test provider is not installed: run scripts/test-vendor.sh (make test does)")
    port = _free_port()
    env = dict(
        os.environ,
        PORT=str(port),
        CLIENT_ID="huiwu",
        CLIENT_SECRET="provider-shared-secret-1",
        REDIRECT_URI=CALLBACK,
        ACCOUNTS=json.dumps(ACCOUNTS),
    )
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    with open(log, "w") as out:
        process = subprocess.Popen([node, str(HERE / "oidc_provider.mjs")], env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 30
        while "ready" not in log.read_text().splitlines() and process.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        assert process.poll() is None, log.read_text()
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def configured(settings, provider):
    settings.OIDC_ISSUER = provider
    settings.OIDC_RP_CLIENT_ID = "huiwu"
    settings.OIDC_RP_CLIENT_SECRET = "provider-shared-secret-1"
    oidc._discovery.cache_clear()
    return provider


def _submit_form(browser: requests.Session, page: requests.Response, fields: dict) -> requests.Response:
    """Post the provider's first form with its hidden inputs and `fields`, as a browser would."""
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
    data = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.text))
    data.update(fields)
    return browser.post(urljoin(page.url, action), data=data, allow_redirects=False)


def _follow(browser: requests.Session, response: requests.Response) -> requests.Response | str:
    """Follow the provider's redirects until it sends the browser back to huiwu (returns that URL)."""
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(CALLBACK):
            return location
        response = browser.get(location, allow_redirects=False)
    return response


def sign_in_at_provider(client, login: str, next_url: str = "/staff/") -> str:
    """Press the button on huiwu's login page, sign in at the provider and consent: the callback URL."""
    start = client.get(f"/staff/oidc/authenticate/?next={next_url}")
    assert start.status_code == 302
    browser = requests.Session()
    page = _follow(browser, browser.get(start["Location"], allow_redirects=False))
    page = _follow(browser, _submit_form(browser, page, {"login": login, "password": "any"}))
    if isinstance(page, str):
        return page
    callback = _follow(browser, _submit_form(browser, page, {}))  # the consent page
    assert isinstance(callback, str), callback.text[:500]
    return callback


def test_login_page_offers_the_organisation_account_only_when_configured(client, settings, configured):
    html = client.get("/staff/login", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in with the organisation&#39;s account" in html
    settings.OIDC_RP_CLIENT_ID = ""
    assert 'id="sso"' not in client.get("/staff/login").content.decode()
    assert client.get("/staff/oidc/authenticate/").status_code == 404


def test_staff_member_signs_in_with_the_provider_matched_by_email(client, configured):
    user = make_user("liming", "organiser", password=None)
    user.email = "li.ming@example.gov.cn"
    user.save()
    callback = sign_in_at_provider(client, "li")
    assert "code=" in callback
    response = client.get(callback.removeprefix("http://testserver"))
    assert (response.status_code, response["Location"]) == (302, "/staff/")
    assert client.get("/staff/").status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_stranger_gets_an_account_that_reaches_nothing(client, configured):
    from django.contrib.auth import get_user_model

    callback = sign_in_at_provider(client, "newcomer")
    response = client.get(callback.removeprefix("http://testserver"))
    assert response.status_code == 302
    created = get_user_model().objects.get(email="new@example.gov.cn")
    assert (created.username, created.has_usable_password()) == ("new@example.gov.cn", False)
    assert client.get("/staff/").status_code == 403


def test_an_unverified_address_does_not_sign_in(client, configured):
    boss = make_user("boss", "organiser", password=None)
    boss.email = "boss@example.gov.cn"
    boss.save()
    callback = sign_in_at_provider(client, "unverified")
    response = client.get(callback.removeprefix("http://testserver"))
    assert response["Location"] == "/staff/login?sso=failed"
    assert "_auth_user_id" not in client.session


def test_an_account_with_an_authenticator_still_gives_its_code(client, configured):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("liming", "organiser", password=None)
    user.email = "li.ming@example.gov.cn"
    user.save()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    callback = sign_in_at_provider(client, "li")
    response = client.get(callback.removeprefix("http://testserver"))
    assert response["Location"] == "/staff/login/code?next=%2Fstaff%2F"
    assert "_auth_user_id" not in client.session
    done = client.post("/staff/login/code", {"code": f"{totp(device.bin_key):06d}", "next": "/staff/"})
    assert done["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
