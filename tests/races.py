"""Real threads racing on the real database (PostgreSQL in CI): `at_once` releases them together."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def at_once(n: int, work: Callable[[Any, int], Any], prepare: Callable[[int], Any] = lambda i: None) -> list:
    """Run `work(prepare(i), i)` in `n` threads. Each thread prepares first (e.g. a logged-in test client),
    then all wait at one barrier and go at the same moment; each closes its own database connection.
    Returns the results in thread order; the first exception a thread raised is raised here."""
    barrier = threading.Barrier(n)
    results: list = [None] * n
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            ready = prepare(i)
            barrier.wait(timeout=60)
            results[i] = work(ready, i)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results
