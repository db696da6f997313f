"""Rate-limit counters every web worker shares (events/throttles.py).

A fixed window per key: `hit(key, seconds)` counts one request and answers (count in this window, seconds
left in it), atomically, whichever worker asks.

- With a shared cache (HUIWU_CACHE=redis://… in production, or db) the counters live there: `add` + `incr`,
  atomic in Redis, across every server.
- Without one (the embedded default: `make run`, a worker per core) they live in one SQLite file on this host
  (settings.HUIWU_THROTTLE_FILE): one `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement per hit, which
  SQLite runs under its write lock, so two workers never both read the same count. The per-process cache
  would give each worker its own allowance (every limit multiplied by the number of workers).
"""

import os
import sqlite3
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

_HIT = """
INSERT INTO hits (key, count, opened) VALUES (:key, 1, :now)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN hits.opened + :seconds <= :now THEN 1 ELSE hits.count + 1 END,
    opened = CASE WHEN hits.opened + :seconds <= :now THEN :now ELSE hits.opened END
RETURNING count, opened
"""
_FORGET_AFTER = 86_400  # rows of windows closed a day ago are deleted now and then
_local = threading.local()


class FileCounters:
    """The counters in one SQLite file, opened once per process and thread (a forked worker opens its own)."""

    def __init__(self, path: str):
        self.path = path

    def _db(self) -> sqlite3.Connection:
        held = getattr(_local, "counters", None)
        if held is not None and held[0] == (self.path, os.getpid()):
            return held[1]
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a counter lost in a power cut only forgives a few requests
        db.execute(
            "CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, count INTEGER NOT NULL, opened REAL NOT NULL)"
        )
        _local.counters = ((self.path, os.getpid()), db)
        return db

    def hit(self, key: str, seconds: int) -> tuple[int, float]:
        now = time.time()
        db = self._db()
        count, opened = db.execute(_HIT, {"key": key, "now": now, "seconds": seconds}).fetchone()
        if count == 1 and int(now) % 64 == 0:  # now and then, a new window sweeps the old ones away
            db.execute("DELETE FROM hits WHERE opened < ?", (now - _FORGET_AFTER,))
        return count, max(opened + seconds - now, 0.0)

    def clear(self) -> None:
        self._db().execute("DELETE FROM hits")


class CacheCounters:
    """The counters in the default cache (Redis: shared by every server; per process in tests)."""

    def hit(self, key: str, seconds: int) -> tuple[int, float]:
        counters = caches["default"]
        # The window opens at this key's first hit and lasts `seconds`: `add` sets the expiry once.
        if counters.add(key, 0, seconds):
            counters.set(f"{key}_opened", time.time(), seconds)
        try:
            count = counters.incr(key)
        except ValueError:  # expired between add and incr: this request opens a new window
            counters.set(key, 1, seconds)
            counters.set(f"{key}_opened", time.time(), seconds)
            count = 1
        opened = counters.get(f"{key}_opened")
        left = seconds if opened is None else max(opened + seconds - time.time(), 0.0)
        if not isinstance(counters, RedisCache | LocMemCache):
            # Redis and the per-process cache increment in place and keep the expiry; Django's generic
            # incr (the database cache) re-sets the key with the default timeout: restore it.
            counters.touch(key, max(1, int(left)))
        return count, left

    def clear(self) -> None:
        caches["default"].clear()


def store() -> FileCounters | CacheCounters:
    """Where the counters are: the file when settings name one (no shared cache), else the default cache."""
    path = getattr(settings, "HUIWU_THROTTLE_FILE", None)
    return FileCounters(str(path)) if path else CacheCounters()
