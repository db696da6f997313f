"""Rate limits count per connecting address: a header the client writes buys no fresh allowance, and
X-Forwarded-For is read only through the number of proxies the deployment trusts."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import make_category, make_edition, make_user, register

pytestmark = pytest.mark.django_db
RATES = {"register": "3/m", "manage": "3/m", "verify": "3/m", "login": "3/m"}


@pytest.fixture(autouse=True)
def limits():
    cache.clear()
    with override_settings(HUIWU_THROTTLE_RATES=RATES):
        yield
    cache.clear()


def guess(client, n: int, **headers) -> int:
    return client.get("/api/v1/registrations/" + f"guess{n}" * 8, **headers).status_code


def test_a_new_forwarded_for_value_buys_no_fresh_allowance(client):
    codes = [guess(client, i, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}") for i in range(5)]
    assert codes == [404, 404, 404, 429, 429]


def test_each_connecting_address_has_its_own_allowance(client):
    first = [guess(client, i, REMOTE_ADDR="198.51.100.1") for i in range(4)]
    second = [guess(client, i, REMOTE_ADDR="198.51.100.2") for i in range(4)]
    assert (first, second) == ([404, 404, 404, 429], [404, 404, 404, 429])


@override_settings(HUIWU_TRUSTED_PROXIES=1)
def test_behind_one_trusted_proxy_the_client_is_the_address_it_appended(client):
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    # The client writes whatever it likes in front; the proxy appends the address it really saw.
    spoofing = [guess(client, i, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 203.0.113.7", **proxy) for i in range(4)]
    neighbour = [guess(client, i, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy) for i in range(4)]
    assert (spoofing, neighbour) == ([404, 404, 404, 429], [404, 404, 404, 429])


@override_settings(HUIWU_TRUSTED_PROXIES=2)
def test_two_trusted_proxies_read_the_second_entry_from_the_right(client):
    codes = [
        guess(client, i, HTTP_X_FORWARDED_FOR=f"9.9.9.{i}, 203.0.113.7, 10.0.0.9", REMOTE_ADDR="10.0.0.5")
        for i in range(4)
    ]
    assert codes == [404, 404, 404, 429]


def test_a_refusal_says_when_to_retry(client):
    for i in range(3):
        guess(client, i)
    response = client.get("/api/v1/registrations/" + "guess9" * 8)
    assert response.status_code == 429
    assert 55 <= int(response["Retry-After"]) <= 60


def test_admin_login_is_limited_like_staff_login_and_shares_its_allowance(client):
    make_user("organizer", "organiser", password="right-password-1")
    wrong = {"username": "organizer", "password": "wrong"}
    codes = [client.post("/admin/login/", wrong).status_code for _ in range(2)]
    codes.append(client.post("/staff/login", wrong).status_code)
    codes.append(client.post("/admin/login/", wrong).status_code)
    right = client.post("/admin/login/", {"username": "organizer", "password": "right-password-1"})
    assert codes == [200, 200, 200, 429]
    assert right.status_code == 429
    assert "Too many login attempts" in right.content.decode() or "登录尝试过于频繁" in right.content.decode()


def test_admin_login_page_still_opens_and_logs_in(client):
    user = make_user("root", password="right-password-1")
    user.is_staff = user.is_superuser = True
    user.save()
    assert client.get("/admin/login/").status_code == 200
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": "right-password-1"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_manage_link_export_and_cancel_are_throttled(client):
    edition = make_edition()
    make_category(edition)
    token = register(edition).manage_token
    exports = [client.get(f"/r/{token}/export").status_code for _ in range(4)]
    cache.clear()
    cancels = [client.post(f"/r/{token}/cancel").status_code for _ in range(4)]
    assert (exports, cancels) == ([200, 200, 200, 429], [302, 302, 302, 429])


def test_manage_link_guesses_on_export_share_the_page_allowance(client):
    codes = [client.get("/r/" + f"nope{i}" * 8 + "/export").status_code for i in range(2)]
    codes += [
        client.get("/r/" + "nope" * 8).status_code,
        client.post("/r/" + "nope" * 8 + "/cancel").status_code,
    ]
    assert codes == [404, 404, 404, 429]


def test_registration_behind_a_venue_nat_without_trusted_proxies_counts_the_nat(client):
    edition = make_edition()
    make_category(edition)
    codes = []
    for i in range(4):
        body = {"category": "delegate", "name": "甲", "organization": "x", "email": f"n{i}@example.com"}
        body["consent"] = True
        codes.append(
            client.post(
                f"/api/v1/events/{edition.slug}/registrations",
                json.dumps(body),
                content_type="application/json",
                HTTP_X_FORWARDED_FOR=f"192.168.1.{i}",
            ).status_code
        )
    assert codes == [202, 202, 202, 429]
