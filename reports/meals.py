"""Meals in the report: each meal session's served and planned counts, exactly as reception's own list
(GET /events/{slug}/meals, reception.services.meals.meals_out) counts them: planned from the confirmed
people invited and their reply forms, served from the door's daily scans at the session's point. The report
reads them through reception rather than counting again, so the two can never disagree."""

import datetime as dt

from events.models import Edition
from reception.services.meals import meals_out

KIND_ORDER = {"breakfast": 0, "lunch": 1, "dinner": 2}


def meals(edition: Edition) -> list[dict]:
    """[{date, day, kind, venue, point, served, planned}] in the order of the day (breakfast, lunch, dinner);
    `day` is the day of the edition (1 on its first day), what sets a meal beside the previous edition's;
    `point`: the door point whose scans count the served (None: nobody scans, served is not counted)."""
    rows = [
        {
            "date": m["date"],
            "day": (dt.date.fromisoformat(m["date"]) - edition.starts_on).days + 1,
            "kind": m["kind"],
            "venue": m["venue"],
            "point": m["point"],
            "served": m["served"],
            "planned": m["planned"],
        }
        for m in meals_out(edition)
    ]
    return sorted(rows, key=lambda m: (m["date"], KIND_ORDER.get(m["kind"], 3), m["venue"]))


def totals(rows: list[dict]) -> tuple[int, int]:
    """(served, planned) over every meal session."""
    return sum(m["served"] for m in rows), sum(m["planned"] for m in rows)


def scanned_totals(rows: list[dict]) -> tuple[int, int]:
    """(served, planned) over the meals whose served are counted (a door point scans them): the rate."""
    return totals([m for m in rows if m["point"]])
