"""The CPU a benchmarked server spends: its gunicorn workers and the PostgreSQL backends serving the database
(Linux /proc). Less disturbed by the other work on a shared machine than throughput is."""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def server_pids(master: int) -> tuple[list[int], list[int]]:
    """The gunicorn workers, and the PostgreSQL backends serving this database (the workers' connections)."""
    from django.db import connection

    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    backends = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
            backends = [row[0] for row in cursor.fetchall()]
    return [int(c) for c in children], backends


def snapshot(master: int) -> tuple[dict[int, float], dict[int, float]]:
    workers, backends = server_pids(master)
    return (
        {pid: cpu for pid in workers if (cpu := _cpu(pid)) is not None},
        {pid: cpu for pid in backends if (cpu := _cpu(pid)) is not None},
    )


def spent(before: tuple[dict, dict], after: tuple[dict, dict]) -> tuple[float, float]:
    """CPU seconds (web, database) between two snapshots: per process, so a backend that closed in between
    (its connection aged out) is left out instead of counting negative; one that opened counts from 0."""
    return tuple(
        sum(cpu - then.get(pid, 0.0) for pid, cpu in now.items())
        for then, now in zip(before, after, strict=True)
    )
