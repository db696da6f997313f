"""Reads: plans, their seats, seat maps and the hall screen's state."""

from __future__ import annotations

from collections.abc import Iterable

from django.shortcuts import get_object_or_404
from django.utils import timezone

from agenda.models import Session
from events import cache
from events.enums import RegistrationStatus
from events.language import localized
from events.models import Admission, Edition, Registration

from .enums import PlanKind
from .models import ProtocolEntry, SeatAssignment, SeatingPlan

# The configuration cache's scope (events/cache.py) of `has_plans`, bumped in apps.py: the edition's own, so
# a scan reads one version for the edition, its points and whether it has plans, hotels and stations.
PLANS = cache.EDITIONS


def has_plans(edition_id: int) -> bool:
    """Whether the edition has a seating plan, from the configuration cache: creating or deleting a plan
    bumps it (apps.py), so every worker knows at once. An edition without a plan seats nobody."""
    return cache.cached(
        PLANS,
        f"seating-plans:{edition_id}",
        lambda: SeatingPlan.objects.filter(edition_id=edition_id).exists(),
    )


def seats_for(edition_id: int, codes: Iterable[str] | None) -> dict[str, list[dict]]:
    """{registration code: [{plan, label}]} for the check-in verdict and the ticket page (one query, none
    for an edition without a seating plan); codes None: every seated registration of the edition (the
    offline door's snapshot)."""
    if not has_plans(edition_id):
        return {}
    seated = SeatAssignment.objects.filter(plan__edition_id=edition_id, registration__isnull=False)
    if codes is not None:
        codes = list(codes)
        if not codes:
            return {}
        seated = seated.filter(registration__code__in=codes)
    out: dict[str, list[dict]] = {}
    rows = seated.order_by("plan_id", "row", "seat").values_list("registration__code", "plan__name", "label")
    for code, plan, label in rows:
        out.setdefault(code, []).append({"plan": plan, "label": label})
    return out


def seat_labels(edition_id: int) -> dict[int, str]:
    """{registration id: its seat labels joined} for every seated person of an edition (the offline
    door's snapshot)."""
    out: dict[int, str] = {}
    rows = (
        SeatAssignment.objects.filter(plan__edition_id=edition_id, registration__isnull=False)
        .order_by("plan_id", "row", "seat")
        .values_list("registration_id", "label")
    )
    for rid, label in rows:
        out[rid] = f"{out[rid]} · {label}" if rid in out else label
    return out


def plans(edition: Edition) -> list[SeatingPlan]:
    return list(SeatingPlan.objects.filter(edition=edition).select_related("session").order_by("id"))


def get_plan(edition: Edition, plan_id: int) -> SeatingPlan:
    return get_object_or_404(
        SeatingPlan.objects.select_related("session", "edition"), edition=edition, pk=plan_id
    )


def seat_rows(plan: SeatingPlan) -> list[dict]:
    """The plan's seats as the API gives them: code, name, row, seat, label (front row first)."""
    return [
        {
            "code": s.registration.code if s.registration_id else "",
            "name": s.name,
            "organization": s.note,
            "row": s.row,
            "seat": s.seat,
            "label": s.label,
            "pinned": s.pinned,
            "manual": s.manual,
        }
        for s in plan.seats.select_related("registration").order_by("row", "seat")
    ]


def plan_out(plan: SeatingPlan, *, with_seats: bool = True) -> dict:
    data = {
        "id": plan.pk,
        "name": plan.name,
        "kind": plan.kind,
        "session": plan.session_id,
        "rows": plan.rows,
        "tables": plan.tables,
        "honour": plan.honour,
        "order_by": plan.order_by,
        "layout": plan.layout,
        "units": plan.units,
        "reserved_rows": plan.reserved_rows,
        "reserved_seats": plan.reserved_seats,
        "categories": [c.code for c in plan.categories.all()],
        "capacity": capacity(plan),
    }
    if with_seats:
        data["seats"] = seat_rows(plan)
    return data


def capacity(plan: SeatingPlan) -> int:
    if plan.kind == PlanKind.BANQUET:
        return sum(t["seats"] for t in plan.tables)
    return sum(plan.rows)


def protocol_list(edition: Edition) -> list[dict]:
    entries = (
        ProtocolEntry.objects.filter(edition=edition)
        .select_related("registration", "registration__organization", "registration__category")
        .order_by("position", "id")
    )
    return [
        {
            "position": i,
            "code": e.registration.code,
            "name": e.registration.name,
            "title": e.registration.title,
            "organization": e.registration.organization.name if e.registration.organization else "",
            "status": e.registration.status,
        }
        for i, e in enumerate(entries, 1)
    ]


def protocol_candidates(edition: Edition) -> list[str]:
    """The edition's active people as the protocol list's search offers them: "name · organisation · code"."""
    people = (
        Registration.objects.filter(edition=edition)
        .exclude(status__in=[RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED])
        .select_related("organization")
        .order_by("name")
    )
    return [f"{r.name} · {r.organization.name if r.organization_id else ''} · {r.code}" for r in people]


def session_choices(edition: Edition) -> list[tuple[int, str]]:
    """The agenda's sessions a plan may seat, by start: (id, "06-28 09:00 title")."""
    return [
        (
            s.pk,
            f"{timezone.localtime(s.starts_at):%m-%d %H:%M} {localized(s, 'title')}",
        )
        for s in Session.objects.filter(edition=edition).order_by("starts_at", "id")
    ]


def seat_grid(plan: SeatingPlan) -> list[dict]:
    """Rows of cells for maps and the hall screen, each row from the audience's left; a banquet's rows are
    its tables. Cell: seat number, label, name, code, reserved."""
    taken = {(s.row, s.seat): s for s in plan.seats.select_related("registration")}
    reserved_rows = set(plan.reserved_rows)
    reserved = {tuple(x) for x in plan.reserved_seats}
    if plan.kind == PlanKind.BANQUET:
        shape = [(t["number"], t["seats"]) for t in plan.tables]
    elif plan.kind == PlanKind.SIGNING:
        shape = [(row, 2) for row in sorted({r for r, _ in taken})]
    else:
        shape = list(enumerate(plan.rows, 1))
    grid = []
    for row, count in shape:
        cells = []
        for seat in range(1, count + 1):
            s = taken.get((row, seat))
            cells.append(
                {
                    "row": row,
                    "seat": seat,
                    "name": s.name if s else "",
                    "code": s.registration.code if s and s.registration_id else "",
                    "registration_id": s.registration_id if s else None,
                    "organization": s.note if s else "",
                    "label": s.label if s else "",
                    "reserved": row in reserved_rows or (row, seat) in reserved,
                }
            )
        grid.append({"row": row, "cells": cells})
    return grid


def hall_state(plan: SeatingPlan) -> dict:
    """For the hall screen: which seats are taken by people already checked in (any door)."""
    seats = list(plan.seats.filter(registration__isnull=False).values_list("row", "seat", "registration_id"))
    arrived = set(
        Admission.objects.filter(registration_id__in=[r for _, _, r in seats]).values_list(
            "registration_id", flat=True
        )
    )
    return {
        "plan": plan.name,
        "assigned": len(seats),
        "arrived": len(arrived),
        "seats": [[row, seat, rid in arrived] for row, seat, rid in seats],
    }


def confirmed(edition: Edition):
    return Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED)
