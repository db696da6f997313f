#!/usr/bin/env python
"""Scale-out on one machine: two gunicorn instances on two ports against one PostgreSQL and one task
worker (docs/deploy.md), a registration rush driven at both at once. Prints registrations/s and the audit:
seats oversold and people registered twice, both 0.

    .venv/bin/python bench/faults/scaleout.py [--people 1500 --seats 600 --concurrency 16]
"""

import argparse

from common import (
    Rush,
    audit,
    make_edition,
    setup_django,
    start_db_worker,
    start_gunicorn,
    start_postgres,
    stop,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1500)
    parser.add_argument("--seats", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--ports", type=int, nargs=2, default=[8792, 8793])
    args = parser.parse_args()

    url = start_postgres()
    setup_django(url)
    slug = "scaleout"
    make_edition(slug, args.seats)
    worker = start_db_worker(url)
    servers = [start_gunicorn(port, url, workers=1) for port in args.ports]
    try:
        rush = Rush(list(args.ports), slug, args.people, args.concurrency, retries=0)
        elapsed = rush.run()
        result = audit(slug, args.seats)
    finally:
        for server in servers:
            stop(server)
        stop(worker)
    print(
        f"2 gunicorn instances (ports {args.ports[0]}, {args.ports[1]}, 1 worker each), 1 db_worker, "
        f"1 PostgreSQL; {args.concurrency} clients, {args.people} people for {args.seats} seats"
    )
    for port in args.ports:
        n = sum(1 for _, p, _ in rush.answers if p == port)
        ok = sum(1 for _, p, s in rush.answers if p == port and s in (201, 202))
        print(f"  port {port}: {n} answers, accepted (202)={ok}")
    print(
        f"{args.people / elapsed:.1f} registrations/s; accepted (202)={rush.count(lambda s: s in (201, 202))} "
        f"409={rush.count(lambda s: s == 409)} 5xx={rush.count(lambda s: s >= 500)} "
        f"no answer={rush.count(lambda s: s == 0)}"
    )
    print(
        f"audit: confirmed={result['confirmed']}/{args.seats} oversold={result['oversold']} "
        f"duplicates={result['duplicates']}"
    )
    raise SystemExit(0 if result["oversold"] == 0 and result["duplicates"] == 0 else 1)


if __name__ == "__main__":
    main()
