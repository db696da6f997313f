"""Assigning seats: compute and store a plan's seats (pins, manual swaps, recompute), swap two seats,
the signing table from the signing projects."""

from __future__ import annotations

import re
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import RegistrationStatus
from events.models import Edition, Registration
from signing.enums import ProjectStatus
from signing.selectors import project_list

from .. import rules
from ..enums import PlanKind
from ..exceptions import Conflict, InvalidInput
from ..models import SeatAssignment, SeatingPlan
from .people import people_of


def label_for(plan: SeatingPlan, row: int, seat: int) -> str:
    if plan.kind == PlanKind.ROSTRUM:
        return f"主席台 第{row}排 {seat}号"
    if plan.kind == PlanKind.BANQUET:
        return f"第{row}桌 {seat}号"
    if plan.kind == PlanKind.SIGNING:
        return f"签约桌 第{row}轮 {'客方' if seat == 1 else '主方'}"
    return f"第{row}排 {seat}号"


def _parse_label(plan: SeatingPlan, text: str, valid: set) -> tuple[int, int]:
    """A pin's seat: its label ("主席台 第1排 3号") or "row-seat" ("1-3")."""

    numbers = [int(n) for n in re.findall(r"\d+", text or "")]
    if len(numbers) == 2 and (numbers[0], numbers[1]) in valid:
        return numbers[0], numbers[1]
    raise InvalidInput(_("pins: no seat '%(text)s' in this plan.") % {"text": text}, field="pins")


def _sequence(plan: SeatingPlan) -> list[tuple[int, int]]:
    if plan.kind == PlanKind.ROSTRUM:
        return rules.rostrum_sequence(plan.rows, plan.honour)
    if plan.kind == PlanKind.FLOOR:
        return rules.floor_sequence(plan.rows, plan.layout, plan.honour)
    return rules.banquet_sequence(plan.tables)


def _blocked(plan: SeatingPlan, sequence) -> set[tuple[int, int]]:
    rows = set(plan.reserved_rows)
    return {s for s in sequence if s[0] in rows} | {tuple(x) for x in plan.reserved_seats}


def _double_seated(plan: SeatingPlan, reg_ids: list[int]) -> list[dict]:
    if plan.session_id is None:
        return []
    rows = (
        SeatAssignment.objects.filter(plan__session_id=plan.session_id, registration_id__in=reg_ids)
        .exclude(plan=plan)
        .values_list("registration__code", "registration__name", "plan__name", "label")
    )
    return [
        {
            "kind": "double_seated",
            "code": code,
            "message": _("%(name)s (%(code)s) is also seated in %(other)s at %(label)s in the same session.")
            % {"name": name, "code": code, "other": other, "label": label},
        }
        for code, name, other, label in rows
    ]


SEAT_COLUMNS = ("plan", "registration", "name", "note", "row", "seat", "label", "pinned", "manual")


def insert_seats(rows: list[tuple], batch: int = 500) -> None:
    """INSERT the rows (values in SEAT_COLUMNS order), many to a statement: the same SQL on SQLite and
    PostgreSQL, one round trip per 500 seats and no model instance per seat (bench/seating.py). Kept over
    `bulk_create(batch_size=500)`, which is not as fast: 5,000 seats took 2.2-2.7 s with it against 0.13-0.20 s
    here (three rounds each, alternating, SQLite, 2026-12-07); no signal listens to SeatAssignment."""
    opts = SeatAssignment._meta
    columns = ", ".join(connection.ops.quote_name(opts.get_field(f).column) for f in SEAT_COLUMNS)
    one = "(" + ", ".join(["%s"] * len(SEAT_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(opts.db_table)} ({columns}) VALUES "
                + ", ".join([one] * len(chunk)),
                [value for row in chunk for value in row],
            )


class _Held(NamedTuple):
    pk: int
    registration_id: int | None
    code: str  # the registration's code, or the name of an unregistered signatory
    name: str
    label: str
    row: int
    seat: int
    pinned: bool
    manual: bool


def _held(plan: SeatingPlan) -> list[_Held]:
    rows = plan.seats.values_list(
        "pk", "registration_id", "registration__code", "name", "label", "row", "seat", "pinned", "manual"
    )
    return [_Held(pk, rid, code or name, name, *rest) for pk, rid, code, name, *rest in rows]


@transaction.atomic
def assign_seats(
    *,
    plan: SeatingPlan,
    people: list[str] | None = None,
    pins: dict[str, str] | None = None,
    fresh: bool = False,
) -> dict:
    """Seat the plan's people and store it. Pins and manual swaps survive; a floor keeps everyone who is
    still there in their seat unless `fresh`; a rostrum or banquet is recomputed by precedence. Returns
    {seats, changes [code, name, from, to], conflicts}. A pin of "" unpins that person. Only the rows of
    people who move, come or go are written."""
    plan = SeatingPlan.objects.select_for_update().select_related("edition").get(pk=plan.pk)
    held = _held(plan)
    if plan.kind == PlanKind.SIGNING:
        result = _assign_signing(plan)
        before = {h.code: (h.label, h.name) for h in held}
        after = {s["code"] or s["name"]: (s["label"], s["name"]) for s in result["seats"]}
        changes = [
            {"code": k, "name": n, "from": before.get(k, (None,))[0], "to": lab}
            for k, (lab, n) in after.items()
            if before.get(k, (None,))[0] != lab
        ] + [
            {"code": k, "name": n, "from": lab, "to": None}
            for k, (lab, n) in before.items()
            if k not in after
        ]
        result["changes"] = changes
    else:
        result = _assign_rows(plan, people, pins or {}, held, fresh)
    plan.assigned_at = timezone.now()
    plan.save(update_fields=["assigned_at"])
    return result


def _assign_rows(plan, codes, pins, held: list[_Held], fresh) -> dict:
    sequence = _sequence(plan)
    valid = set(sequence)
    blocked = _blocked(plan, sequence)
    pin_seats: dict[str, tuple[int, int]] = {}
    unpin = set()
    for code, label in pins.items():
        if label in ("", None):
            unpin.add(code)
            continue
        pin_seats[code] = _parse_label(plan, str(label), valid)
    if len(set(pin_seats.values())) != len(pin_seats):
        raise InvalidInput(_("pins: two people pinned to one seat."), field="pins")
    people = people_of(plan, codes, list(pin_seats))
    by_code = {p.code: p for p in people}
    kept: dict[str, tuple[int, int]] = {}
    pinned, manual = set(pin_seats), set()
    for h in held:
        code = h.code
        if h.registration_id is None or code not in by_code or code in unpin or code in pin_seats:
            continue
        if (h.row, h.seat) not in valid:
            continue
        if h.pinned:
            kept[code] = (h.row, h.seat)
            pinned.add(code)
        elif h.manual:
            kept[code] = (h.row, h.seat)
            manual.add(code)
        elif plan.kind == PlanKind.FLOOR and not fresh and (h.row, h.seat) not in blocked:
            kept[code] = (h.row, h.seat)
    # A pin wins over whoever kept that seat: that person is seated afresh.
    for code, seat in pin_seats.items():
        for other, other_seat in list(kept.items()):
            if other_seat == seat:
                kept.pop(other)
                pinned.discard(other)
                manual.discard(other)
        kept[code] = seat
    placed, unseated = rules.assign(
        [p.code for p in people], sequence, kept=kept, blocked=blocked - set(kept.values())
    )
    # Write the difference: rows of people who left or moved go, rows of people who came or moved come.
    old = {h.code: h for h in held if h.registration_id is not None}
    gone = [h.pk for h in held if h.registration_id is None or placed.get(h.code) != (h.row, h.seat)]
    changes, new_rows, flags = [], [], {}
    for h in held:
        if h.registration_id is None or h.code not in placed:
            changes.append({"code": h.code, "name": h.name, "from": h.label, "to": None})
    seats = []
    for code, (row, seat) in sorted(placed.items(), key=lambda kv: kv[1]):
        p = by_code[code]
        label = label_for(plan, row, seat)
        seats.append({"code": code, "name": p.name, "row": row, "seat": seat, "label": label})
        before = old.get(code)
        flag = (code in pinned, code in manual)
        if before is not None and (before.row, before.seat) == (row, seat):
            if (before.pinned, before.manual) != flag:
                flags.setdefault(flag, []).append(before.pk)
            continue
        changes.append({"code": code, "name": p.name, "from": before.label if before else None, "to": label})
        new_rows.append((plan.pk, p.id, p.name, p.unit, row, seat, label, flag[0], flag[1]))
    if gone:
        SeatAssignment.objects.filter(pk__in=gone).delete()
    insert_seats(new_rows)
    for (is_pinned, is_manual), pks in flags.items():
        SeatAssignment.objects.filter(pk__in=pks).update(pinned=is_pinned, manual=is_manual)
    conflicts = _double_seated(plan, [p.id for p in people if p.code in placed])
    if unseated:
        conflicts.append(
            {
                "kind": "over_capacity",
                "codes": unseated,
                "message": _("%(count)s more people than seats: %(codes)s.")
                % {
                    "count": len(unseated),
                    "codes": _(", ").join(unseated[:10]) + ("…" if len(unseated) > 10 else ""),
                },
            }
        )
    return {"seats": seats, "changes": changes, "conflicts": conflicts}


def _seat_out(a: SeatAssignment) -> dict:
    return {
        "code": a.registration.code if a.registration_id else "",
        "name": a.name,
        "row": a.row,
        "seat": a.seat,
        "label": a.label,
    }


def signing_rounds(edition: Edition) -> list[dict]:
    """The signing projects in stage order, cancelled ones left out: one round of the table each."""

    return [p for p in project_list(edition) if p["status"] != ProjectStatus.CANCELLED]


def _assign_signing(plan: SeatingPlan) -> dict:
    """The signing table from the edition's signing projects (not cancelled), in stage order: a round per
    project, party A's signatory the host, party B's the guest. A signatory who registered is linked."""
    rounds, notes = [], {}
    for p in signing_rounds(plan.edition):
        parties = {party["role"]: party for party in p["parties"]}
        host, guest = parties.get("A", {}), parties.get("B", {})
        rounds.append((host.get("signatory", ""), guest.get("signatory", "")))
        notes[len(rounds)] = (host.get("organization", ""), guest.get("organization", ""))
    confirmed = {}
    for reg in Registration.objects.filter(edition=plan.edition, status=RegistrationStatus.CONFIRMED):
        confirmed.setdefault(reg.name, []).append(reg)
    SeatAssignment.objects.filter(plan=plan).delete()
    rows = []
    for (row, seat), name in rules.signing_seats(rounds):
        match = confirmed.get(name, [])
        host_org, guest_org = notes[row]
        rows.append(
            SeatAssignment(
                plan=plan,
                registration=match[0] if len(match) == 1 else None,
                name=name or "—",
                note=guest_org if seat == 1 else host_org,
                row=row,
                seat=seat,
                label=label_for(plan, row, seat),
            )
        )
    # One person may sign several rounds (the host's signatory usually does): that is one table, not a clash.
    linked = {}
    for a in rows:
        if a.registration_id in linked:
            a.registration = None
        elif a.registration_id:
            linked[a.registration_id] = a
    SeatAssignment.objects.bulk_create(rows)
    return {"seats": [_seat_out(a) for a in rows], "conflicts": []}


@transaction.atomic
def swap_seats(*, plan: SeatingPlan, a: str, b: str) -> dict:
    """Swap two people's seats (by code, or a label for an empty seat as `b`); both are marked manual so
    a recompute keeps them."""
    seats = {
        s.registration.code: s
        for s in plan.seats.select_related("registration").filter(registration__isnull=False)
    }
    if a not in seats:
        raise InvalidInput(_("a: %(a)s has no seat in this plan.") % {"a": a}, field="a")
    first = seats[a]
    if b in seats:
        second = seats[b]
        spots = [(first.row, first.seat), (second.row, second.seat)]
        # Through a free spot (row 0 does not exist), so the seat uniqueness holds at every step.
        SeatAssignment.objects.filter(pk=first.pk).update(row=0, seat=0)
        for s, (row, seat) in ((second, spots[0]), (first, spots[1])):
            SeatAssignment.objects.filter(pk=s.pk).update(
                row=row, seat=seat, label=label_for(plan, row, seat), manual=True
            )
        moved = [(a, spots[0], spots[1]), (b, spots[1], spots[0])]
    else:
        valid = set(_sequence(plan)) if plan.kind != PlanKind.SIGNING else set()
        row, seat = _parse_label(plan, b, valid)
        if plan.seats.filter(row=row, seat=seat).exists():
            raise Conflict(_("b: that seat is taken."), field="b")
        moved = [(a, (first.row, first.seat), (row, seat))]
        SeatAssignment.objects.filter(pk=first.pk).update(
            row=row, seat=seat, label=label_for(plan, row, seat), manual=True
        )
    return {
        "changes": [
            {"code": code, "from": label_for(plan, *old), "to": label_for(plan, *new)}
            for code, old, new in moved
        ]
    }
