"""Printed seating: the seat map (A4/A3, labelled with its viewpoint), seat cards (坐签, on signing's
placard document) and a per-unit seat list. Services build plain dicts; templates do no queries."""

from __future__ import annotations

from django.utils.translation import gettext as _

from documents.pipeline import render_pdf
from events.enums import in_each
from signing.placards import name_size_pt, placard_name

from . import rules, selectors
from .enums import PlanKind
from .exceptions import InvalidInput
from .services.assignment import signing_rounds

PAPERS = ("A4", "A3")


def _edition(plan) -> dict:
    e = plan.edition
    return {"name": e.name, "name_en": e.name_en or e.name, "venue": e.venue, "starts_on": e.starts_on}


def _signing_behind(plan) -> list[dict]:
    """Who stands behind each round of the signing table: the witnessing leaders of that project."""

    return [
        {"round": i, "project": p["name"], "witnesses": [w["name"] for w in p["witnesses"]]}
        for i, p in enumerate(signing_rounds(plan.edition), 1)
    ]


def seat_map_context(plan, paper: str = "A4") -> dict:
    if paper not in PAPERS:
        raise InvalidInput(_("paper must be A4 or A3."), field="paper")
    grid = selectors.seat_grid(plan)
    width = max((len(r["cells"]) for r in grid), default=1)
    if plan.kind == PlanKind.ROSTRUM:
        # The legend speaks of precedence (位次 1 in the centre, 2 on its left...): each box prints its rank
        # beside its seat number, so the two never read as the same numbering.
        for r in grid:
            for rank, index in enumerate(rules.centre_out(len(r["cells"]), plan.honour), 1):
                r["cells"][index]["rank"] = rank
    # The stage (or head table) is at the top and the audience looks at it: the map is drawn as the
    # audience sees it, so the front row is nearest the stage and seat 1 on the left.
    return {
        "edition": _edition(plan),
        "plan": {
            "name": plan.name,
            "kind": plan.kind,
            "kind_label": in_each(PlanKind(plan.kind).label),
            "honour": plan.honour,
        },
        "paper": paper,
        "grid": grid,
        "width": width,
        "banquet": plan.kind == PlanKind.BANQUET,
        "behind": _signing_behind(plan) if plan.kind == PlanKind.SIGNING else [],
        "count": sum(1 for r in grid for c in r["cells"] if c["name"]),
    }


def seat_map_pdf(plan, paper: str = "A4") -> bytes:
    return render_pdf("documents/seat_map.html", seat_map_context(plan, paper))


def seat_cards_context(plan, codes: list[str] | None = None) -> dict:
    """One tent card per seated person (坐签): the name large, the unit and the seat beneath."""
    cards = []
    for s in selectors.seat_rows(plan):
        if codes is not None and s["code"] not in codes:
            continue
        name = placard_name(s["name"])
        cards.append(
            {
                "name": name,
                "size": name_size_pt(name),
                "name_en": "",
                "line": s["organization"],
                "line_en": s["label"],
            }
        )
    return {"lang": "zh", "edition": _edition(plan), "cards": cards}


def seat_cards_pdf(plan, codes: list[str] | None = None) -> bytes:
    return render_pdf("documents/placards.html", seat_cards_context(plan, codes))


def seat_list_context(plan) -> dict:
    """The seats grouped by unit, units in the order of their first seat, for each unit's contact."""
    units: dict[str, list[dict]] = {}
    for s in selectors.seat_rows(plan):
        units.setdefault(s["organization"] or "（无单位）", []).append(s)
    return {
        "edition": _edition(plan),
        "plan": {"name": plan.name, "kind_label": in_each(PlanKind(plan.kind).label)},
        "units": [{"name": name, "seats": seats} for name, seats in units.items()],
    }


def seat_list_pdf(plan) -> bytes:
    return render_pdf("documents/seat_list.html", seat_list_context(plan))
