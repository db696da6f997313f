#!/usr/bin/env python
"""Fault: PostgreSQL restarted in the middle of a registration rush.

Starts a PostgreSQL of its own (port 54339, /tmp/huiwu-pg-faults, so the shared one is left alone), huiwu
under gunicorn against it, and a rush of more people than seats. A second into the rush it restarts
PostgreSQL (`pg_ctl restart -m fast`: every connection is cut). Nobody intervenes afterwards: the web
workers' dead persistent connections are found by CONN_HEALTH_CHECKS and replaced. Prints the 5xx answers
during the outage, the recovery time (restart finished -> first good answer) and the audit: seats
oversold and people registered twice (clients retry a failed request for the same person), both 0.

    .venv/bin/python bench/faults/pg_restart.py [--people 1200 --seats 500 --concurrency 16]
"""

import argparse
import threading
import time

from common import (
    PGPORT,
    Rush,
    audit,
    make_edition,
    pg_ctl,
    setup_django,
    start_gunicorn,
    start_postgres,
    stop,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1200)
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--restart-after", type=float, default=1.5, help="seconds into the rush")
    args = parser.parse_args()

    url = start_postgres()
    setup_django(url)
    make_edition("fault-pg-restart", args.seats)
    server = start_gunicorn(args.port, url)
    try:
        rush = Rush([args.port], "fault-pg-restart", args.people, args.concurrency)
        marks = {}

        def restart():
            time.sleep(args.restart_after)
            marks["down"] = time.monotonic()
            pg_ctl("restart", "-m", "fast")
            marks["up"] = time.monotonic()

        chaos = threading.Thread(target=restart)
        t0 = time.monotonic()
        chaos.start()
        elapsed = rush.run()
        chaos.join()
        from django.db import connection

        connection.close()  # ours died in the restart too
        result = audit("fault-pg-restart", args.seats)
    finally:
        stop(server)

    bad = [(t, s) for t, _, s in rush.answers if s == 0 or s >= 500]
    good_after = [t for t, _, s in rush.answers if 0 < s < 500 and t > marks["up"]]
    recovery = (min(good_after) - marks["up"]) if good_after else float("nan")
    print(
        f"PostgreSQL on port {PGPORT}, gunicorn 2 workers, {args.concurrency} clients, {args.people} people "
        f"for {args.seats} seats, restart {args.restart_after}s in"
    )
    print(
        f"rush took {elapsed:.1f}s; restart took {marks['up'] - marks['down']:.2f}s "
        f"(started {marks['down'] - t0:.2f}s in)"
    )
    print(
        f"answers: {len(rush.answers)}  accepted (202)={rush.count(lambda s: s in (201, 202))}  409={rush.count(lambda s: s == 409)}"
        f"  5xx={rush.count(lambda s: s >= 500)}  no answer={rush.count(lambda s: s == 0)}"
    )
    if bad:
        print(
            f"failed answers between {min(t for t, _ in bad) - t0:.2f}s and {max(t for t, _ in bad) - t0:.2f}s "
            f"(outage window {max(t for t, _ in bad) - min(t for t, _ in bad):.2f}s)"
        )
    print(f"recovery: first good answer {recovery:.2f}s after PostgreSQL was back; no manual step")
    print(
        f"audit: confirmed={result['confirmed']}/{args.seats} oversold={result['oversold']} "
        f"duplicates={result['duplicates']} rows={result['rows']}"
    )
    ok = result["oversold"] == 0 and result["duplicates"] == 0 and good_after
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
