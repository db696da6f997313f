"""The embedded default (no HUIWU_CACHE, no Redis) as `make run` serves it: scripts/serve.sh with two
gunicorn workers. The rate-limit counters are one file both workers count in (events/counters.py), so one
address gets exactly its allowance whichever worker answers - not one allowance per worker."""

import concurrent.futures
import sqlite3
import urllib.error
import urllib.request

import pytest

from events.counters import FileCounters
from tests.servers import serve_sh

pytestmark = pytest.mark.django_db(transaction=True)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_two_workers_of_make_run_give_one_address_exactly_its_allowance(tmp_path):
    env = {"HUIWU_RATE_MANAGE": "3/m", "HUIWU_THROTTLE": "1"}
    with serve_sh(tmp_path / "var", tmp_path / "serve.log", workers=2, **env) as base:
        path = base + "/api/v1/registrations/" + "guess" * 9
        # A burst from one address, eight at a time: both workers answer some of it.
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda _: status(path), range(24)))
        assert sorted(codes) == [404] * 3 + [429] * 21
        later = [status(path) for _ in range(2)]
        assert later == [429, 429]
    with sqlite3.connect(tmp_path / "var" / "throttle-counters.sqlite3") as db:
        assert db.execute("SELECT key, count FROM hits").fetchall() == [("throttle_manage_127.0.0.1", 26)]


def test_the_file_counts_a_window_and_opens_the_next(tmp_path, monkeypatch):
    counters = FileCounters(str(tmp_path / "c.sqlite3"))
    clock = iter([1000.0, 1001.0, 1059.0, 1060.0, 1061.0])
    monkeypatch.setattr("events.counters.time.time", lambda: next(clock))
    assert [counters.hit("k", 60) for _ in range(5)] == [(1, 60.0), (2, 59.0), (3, 1.0), (1, 60.0), (2, 59.0)]
