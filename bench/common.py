"""Pieces the benchmarks share: an edition to fill, a PostgreSQL database of their own, waiting for the
server they started. (The fault benchmarks have theirs in bench/faults/common.py.)"""

import datetime as dt
import http.client
import time


def bench_edition(slug: str, name: str, *, starts_on: dt.date, ends_on: dt.date | None = None, **fields):
    """An edition of the "bench" series with its own ticket key (after django.setup())."""
    from events import tickets
    from events.models import Edition, Series
    from organizers.models import Organizer

    organizer, _ = Organizer.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    series, _ = Series.objects.get_or_create(slug="bench", defaults={"name": "Bench", "organizer": organizer})
    fields.setdefault("venue", "bench")
    return Edition.objects.create(
        series=series,
        slug=slug,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        signing_key=tickets.new_private_key(),
        **{"published": True, **fields},
    )


def pg_database(base: str, name: str, *, fresh: bool = True) -> str:
    """The URL of database `name` on the server of `base`, created when missing (dropped first if fresh)."""
    import psycopg

    server = base.rsplit("/", 1)[0]
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def wait_port(port: int, timeout: float = 30) -> None:
    """Until the server on `port` answers GET /api/v1/events."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/v1/events")
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not start")
