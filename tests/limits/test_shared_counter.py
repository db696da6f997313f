"""Two web servers, one limit: with HUIWU_CACHE=redis://… the rate-limit counters live in a real Redis that
both gunicorn processes use, so a client gains nothing by landing on the other server."""

import concurrent.futures
import shutil
import urllib.error
import urllib.request

import pytest

from tests.servers import gunicorn, redis_server

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="redis-server is not installed (make test installs it as root: scripts/system-deps.sh test)",
    ),
]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def two_servers(tmp_path):
    with redis_server(tmp_path) as (redis_url, client):
        env = {"HUIWU_CACHE": redis_url, "HUIWU_RATE_MANAGE": "3/m", "HUIWU_THROTTLE": "1"}
        with (
            gunicorn(tmp_path / "a", tmp_path / "a.log", **env) as a,
            gunicorn(tmp_path / "b", tmp_path / "b.log", **env) as b,
        ):
            yield a, b, client


def test_two_gunicorn_processes_share_one_limit_through_redis(two_servers):
    a, b, client = two_servers
    path = "/api/v1/registrations/" + "guess" * 9
    codes = [status((a, b)[i % 2] + path) for i in range(6)]
    assert codes == [404, 404, 404, 429, 429, 429]
    assert client.get("huiwu:1:throttle_manage_127.0.0.1") == b"6"


def test_a_burst_across_both_servers_gets_exactly_the_allowance(two_servers):
    a, b, _ = two_servers
    path = "/api/v1/registrations/" + "burst" * 9
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: status((a, b)[i % 2] + path), range(16)))
    assert sorted(codes) == [404] * 3 + [429] * 13
