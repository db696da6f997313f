"""Every write of seating: plans, the protocol list, assigning seats (with pins, swaps and recompute)."""

from __future__ import annotations

from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from events.access import is_en
from events.enums import RegistrationStatus
from events.models import Category, Edition, Registration

from . import collation, rules
from .enums import Honour, Layout, OrderBy, PlanKind
from .exceptions import Conflict, InvalidInput, NotFound
from .models import ProtocolEntry, SeatAssignment, SeatingPlan

MAX_ROWS = 200
MAX_PER_ROW = 200
NO_UNIT = "（无单位）"


def _choice(value, enum, field: str, zh: str):
    if value not in enum.values:
        raise InvalidInput(
            gettext("%(field)s must be one of %(value)s.")
            % {"field": field if is_en() else zh, "value": ", ".join(enum.values)},
            field=field,
        )
    return value


def _rows(rows, field: str = "rows") -> list[int]:
    if not isinstance(rows, list) or not rows or len(rows) > MAX_ROWS:
        raise InvalidInput(
            f"请给出每排座位数（前排在前，1–{MAX_ROWS} 排）· {field}: seats per row, front first, 1-{MAX_ROWS} rows.",
            field=field,
        )
    for n in rows:
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_PER_ROW:
            raise InvalidInput(
                gettext("%(field)s: each row has 1-%(MAX_PER_ROW)s seats.")
                % {"MAX_PER_ROW": MAX_PER_ROW, "field": field},
                field=field,
            )
    return rows


def _tables(tables) -> list[dict]:
    if not isinstance(tables, list) or not tables or len(tables) > MAX_ROWS:
        raise InvalidInput(gettext("tables: [{number, seats}] required."), field="tables")
    numbers = [t.get("number") for t in tables]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput(gettext("tables: table numbers repeat."), field="tables")
    out = []
    for t in tables:
        number, seats = t.get("number"), t.get("seats")
        if not isinstance(number, int) or number < 1 or not isinstance(seats, int) or not 2 <= seats <= 30:
            raise InvalidInput(gettext("tables: number >= 1 and 2-30 seats each."), field="tables")
        out.append({"number": number, "seats": seats})
    return out


@transaction.atomic
def create_plan(
    *,
    edition: Edition,
    name: str,
    kind: str,
    session=None,
    rows: list[int] | None = None,
    tables: list[dict] | None = None,
    honour: str = Honour.LEFT,
    order_by: str = OrderBy.LIST,
    layout: str = Layout.ACROSS,
    units: list[str] | None = None,
    reserved_rows: list[int] | None = None,
    reserved_seats: list[list[int]] | None = None,
    categories: list[str] | None = None,
) -> SeatingPlan:
    """Create a seating plan; nobody is seated until `assign_seats`."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput(gettext("name is required."), field="name")
    _choice(kind, PlanKind, "kind", "类型")
    _choice(honour, Honour, "honour", "尊位")
    _choice(order_by, OrderBy, "order_by", "排序")
    _choice(layout, Layout, "layout", "排法")
    if kind in (PlanKind.ROSTRUM, PlanKind.FLOOR):
        rows, tables = _rows(rows), []
    elif kind == PlanKind.BANQUET:
        tables, rows = _tables(tables), []
    else:
        rows, tables = [], []
    reserved_rows = sorted(set(reserved_rows or []))
    if any(not isinstance(r, int) or not 1 <= r <= len(rows) for r in reserved_rows):
        raise InvalidInput(gettext("reserved_rows: a row that the plan has not."), field="reserved_rows")
    reserved_seats = [list(x) for x in (reserved_seats or [])]
    for pair in reserved_seats:
        if len(pair) != 2 or not 1 <= pair[0] <= len(rows) or not 1 <= pair[1] <= rows[pair[0] - 1]:
            raise InvalidInput(
                gettext("reserved_seats: [row, seat] of a seat the plan has."),
                field="reserved_seats",
            )
    if session is not None and session.edition_id != edition.pk:
        raise InvalidInput(gettext("session: not a session of this edition."), field="session")
    cats = []
    for code in categories or []:
        cat = Category.objects.filter(edition=edition, code=code).first()
        if cat is None:
            raise InvalidInput(
                gettext("categories: no category %(code)s.") % {"code": code}, field="categories"
            )
        cats.append(cat)
    if SeatingPlan.objects.filter(edition=edition, name=name).exists():
        raise Conflict(gettext("a plan named %(name)s exists.") % {"name": name}, field="name")
    try:
        with transaction.atomic():
            plan = SeatingPlan.objects.create(
                edition=edition, name=name, kind=kind, session=session, rows=rows, tables=tables,
                honour=honour, order_by=order_by, layout=layout, units=list(units or []),
                reserved_rows=reserved_rows, reserved_seats=reserved_seats,
            )  # fmt: skip
    except IntegrityError as exc:
        raise Conflict(gettext("a plan named %(name)s exists.") % {"name": name}, field="name") from exc
    plan.categories.set(cats)
    return plan


# --- the protocol list ---------------------------------------------------------------------------------


def _registrations_by_code(edition: Edition, codes: list[str], field: str) -> dict[str, Registration]:
    found = {
        r.code: r
        for r in Registration.objects.filter(edition=edition, code__in=codes).select_related(
            "organization", "category"
        )
    }
    missing = [c for c in codes if c not in found]
    if missing:
        raise InvalidInput(
            gettext("%(field)s: unknown codes %(value)s.")
            % {"value": gettext(", ").join(missing), "field": field},
            field=field,
        )
    return found


@transaction.atomic
def set_protocol_list(*, edition: Edition, codes: list[str]) -> list[str]:
    """Replace the edition's protocol list with these registration codes, most senior first."""
    codes = [c.strip() for c in codes if c and c.strip()]
    if len(set(codes)) != len(codes):
        raise InvalidInput(gettext("codes: a person appears twice."), field="codes")
    found = _registrations_by_code(edition, codes, "codes")
    ProtocolEntry.objects.filter(edition=edition).delete()
    ProtocolEntry.objects.bulk_create(
        [ProtocolEntry(edition=edition, registration=found[c], position=i) for i, c in enumerate(codes, 1)]
    )
    return codes


def protocol_codes(edition: Edition) -> list[str]:
    return list(
        ProtocolEntry.objects.filter(edition=edition)
        .order_by("position", "id")
        .values_list("registration__code", flat=True)
    )


def move_in_protocol_list(*, edition: Edition, code: str, delta: int) -> list[str]:
    """Move one person up (delta -1) or down (+1): the keyboard way to order the list."""
    codes = protocol_codes(edition)
    if code not in codes:
        raise NotFound(gettext("%(code)s is not on the protocol list.") % {"code": code})
    i = codes.index(code)
    j = max(0, min(len(codes) - 1, i + delta))
    codes.insert(j, codes.pop(i))
    return set_protocol_list(edition=edition, codes=codes)


def import_protocol_xlsx(*, edition: Edition, data: bytes) -> list[str]:
    """The protocol list from a spreadsheet: the first column holds registration codes (or names, when a
    name is unique in the edition), from the top; a header row and blank rows are skipped."""
    import io

    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise InvalidInput(gettext("file: not a readable XLSX workbook."), field="file") from exc
    regs = list(Registration.objects.filter(edition=edition).values_list("code", "name"))
    codes = {c for c, _ in regs}
    by_name: dict[str, list[str]] = {}
    for code, name in regs:
        by_name.setdefault(name, []).append(code)
    out, errors = [], []
    for number, row in enumerate(sheet.iter_rows(max_col=1, values_only=True), 1):
        value = str(row[0]).strip() if row and row[0] is not None else ""
        if not value:
            continue
        if value in codes:
            out.append(value)
        elif len(by_name.get(value, [])) == 1:
            out.append(by_name[value][0])
        elif number == 1:
            continue  # a header
        else:
            errors.append(f"{number}: {value}")
    if errors:
        raise InvalidInput(
            gettext("rows not matching one person: %(value)s.") % {"value": gettext("; ").join(errors)},
            field="file",
        )
    return set_protocol_list(edition=edition, codes=list(dict.fromkeys(out)))


# --- assigning seats -----------------------------------------------------------------------------------


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
    import re

    numbers = [int(n) for n in re.findall(r"\d+", text or "")]
    if len(numbers) == 2 and (numbers[0], numbers[1]) in valid:
        return numbers[0], numbers[1]
    raise InvalidInput(gettext("pins: no seat '%(text)s' in this plan.") % {"text": text}, field="pins")


class Person(NamedTuple):
    """What seating needs of a registration, read as plain values (2,000 model instances cost more than
    the whole computation: bench/seating.py)."""

    id: int
    code: str
    name: str
    status: str
    rank: int  # the category's order
    unit: str  # the organisation's name, or "" without one


PERSON_FIELDS = ("id", "code", "name", "status", "category__order", "organization__name")


def _persons(queryset) -> list[Person]:
    return [Person(i, c, n, st, r, u or "") for i, c, n, st, r, u in queryset.values_list(*PERSON_FIELDS)]


def _precedence(edition: Edition, people: list[Person], by: str = OrderBy.STROKES) -> list[Person]:
    """Most senior first: the protocol list, then category rank, then name (stroke order by default)."""
    protocol = dict(ProtocolEntry.objects.filter(edition=edition).values_list("registration_id", "position"))
    key = collation.sort_key(OrderBy.PINYIN if by == OrderBy.PINYIN else OrderBy.STROKES)
    big = 1 << 30
    return sorted(people, key=lambda p: (protocol.get(p.id, big), p.rank, key(p.name), p.code))


def _by_unit(plan: SeatingPlan, ordered: list[Person]) -> list[Person]:
    """Blocks by unit, units in the plan's order; within a unit, the given precedence."""
    key = collation.sort_key(OrderBy.PINYIN if plan.order_by == OrderBy.PINYIN else OrderBy.STROKES)
    units = rules.order_units(
        (p.unit or NO_UNIT for p in ordered), by=plan.order_by, published=plan.units, key=key
    )
    rank = {u: i for i, u in enumerate(units)}
    return sorted(ordered, key=lambda p: rank[p.unit or NO_UNIT])  # stable: keeps precedence in a unit


def _named(edition: Edition, codes: list[str], field: str) -> list[Person]:
    """These registrations, in this order; 422 for an unknown code or one not confirmed."""
    if len(set(codes)) != len(codes):
        raise InvalidInput(gettext("%(field)s: a person appears twice.") % {"field": field}, field=field)
    found = {p.code: p for p in _persons(Registration.objects.filter(edition=edition, code__in=codes))}
    missing = [c for c in codes if c not in found]
    if missing:
        raise InvalidInput(
            gettext("%(field)s: unknown codes %(value)s.")
            % {"value": gettext(", ").join(missing), "field": field},
            field=field,
        )
    bad = [c for c in codes if found[c].status != RegistrationStatus.CONFIRMED]
    if bad:
        raise InvalidInput(
            gettext("%(field)s: not confirmed: %(value)s.")
            % {"value": gettext(", ").join(bad), "field": field},
            field=field,
        )
    return [found[c] for c in codes]


def _people(plan: SeatingPlan, codes: list[str] | None, pinned_codes: list[str]) -> list[Person]:
    edition = plan.edition
    if codes is not None:
        people = _named(edition, codes, "people")
    else:
        confirmed = Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED)
        if plan.kind in (PlanKind.ROSTRUM, PlanKind.BANQUET) and not plan.categories.exists():
            # The rostrum and the head tables seat the protocol list, in its order.
            confirmed = confirmed.filter(protocol_entries__edition=edition)
        elif plan.categories.exists():
            confirmed = confirmed.filter(category__in=plan.categories.all())
        if plan.session_id is not None:
            # Whoever another plan of the same session seats (the rostrum) is not seated twice.
            elsewhere = SeatAssignment.objects.filter(
                plan__session_id=plan.session_id, registration__isnull=False
            )
            confirmed = confirmed.exclude(pk__in=elsewhere.exclude(plan=plan).values("registration_id"))
        people = _precedence(edition, _persons(confirmed), plan.order_by)
    if plan.kind == PlanKind.FLOOR:
        people = _by_unit(plan, people)
    have = {p.code for p in people}
    extra = [c for c in pinned_codes if c not in have]
    if extra:
        people = _named(edition, extra, "pins") + people
    return people


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
            "message": gettext(
                "%(name)s (%(code)s) is also seated in %(other)s at %(label)s in the same session."
            )
            % {"name": name, "code": code, "other": other, "label": label},
        }
        for code, name, other, label in rows
    ]


SEAT_COLUMNS = ("plan", "registration", "name", "note", "row", "seat", "label", "pinned", "manual")


def insert_seats(rows: list[tuple], batch: int = 500) -> None:
    """INSERT the rows (values in SEAT_COLUMNS order), many to a statement: the same SQL on SQLite and
    PostgreSQL, one round trip per 500 seats and no model instance per seat (bench/seating.py)."""
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
        raise InvalidInput(gettext("pins: two people pinned to one seat."), field="pins")
    people = _people(plan, codes, list(pin_seats))
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
                "message": (
                    f"人数多于座位：{len(unseated)} 人没有座位（{'、'.join(unseated[:10])}"
                    f"{'…' if len(unseated) > 10 else ''}）· {len(unseated)} more people than seats."
                ),
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
    from signing.enums import ProjectStatus
    from signing.selectors import project_list

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
                plan=plan, registration=match[0] if len(match) == 1 else None, name=name or "—",
                note=guest_org if seat == 1 else host_org, row=row, seat=seat, label=label_for(plan, row, seat),
            )
        )  # fmt: skip
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
        raise InvalidInput(gettext("a: %(a)s has no seat in this plan.") % {"a": a}, field="a")
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
            raise Conflict(gettext("b: that seat is taken."), field="b")
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


def session_of(edition: Edition, session_id: int | None):
    """The agenda session a plan belongs to (its seats clash with other plans of the same session)."""
    if session_id is None:
        return None
    from agenda.models import Session

    session = Session.objects.filter(edition=edition, pk=session_id).first()
    if session is None:
        raise InvalidInput(
            gettext("session: no session %(session_id)s in this edition.") % {"session_id": session_id},
            field="session",
        )
    return session
