"""Every write of seating: plans, the protocol list, assigning seats (with pins, swaps and recompute)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

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
            f"{zh}应为 {' / '.join(enum.values)} · {field} must be one of {', '.join(enum.values)}.",
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
                f"每排座位数应为 1–{MAX_PER_ROW} · {field}: each row has 1-{MAX_PER_ROW} seats.", field=field
            )
    return rows


def _tables(tables) -> list[dict]:
    if not isinstance(tables, list) or not tables or len(tables) > MAX_ROWS:
        raise InvalidInput("请给出桌号与每桌座位数 · tables: [{number, seats}] required.", field="tables")
    numbers = [t.get("number") for t in tables]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput("桌号重复 · tables: table numbers repeat.", field="tables")
    out = []
    for t in tables:
        number, seats = t.get("number"), t.get("seats")
        if not isinstance(number, int) or number < 1 or not isinstance(seats, int) or not 2 <= seats <= 30:
            raise InvalidInput(
                "每桌应有桌号（≥1）和 2–30 个座位 · tables: number >= 1 and 2-30 seats each.", field="tables"
            )
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
        raise InvalidInput("请填写座次图名称 · name is required.", field="name")
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
        raise InvalidInput(
            "预留排号超出范围 · reserved_rows: a row that the plan has not.", field="reserved_rows"
        )
    reserved_seats = [list(x) for x in (reserved_seats or [])]
    for pair in reserved_seats:
        if len(pair) != 2 or not 1 <= pair[0] <= len(rows) or not 1 <= pair[1] <= rows[pair[0] - 1]:
            raise InvalidInput(
                "预留座位超出范围 · reserved_seats: [row, seat] of a seat the plan has.",
                field="reserved_seats",
            )
    if session is not None and session.edition_id != edition.pk:
        raise InvalidInput("议程不属于本届大会 · session: not a session of this edition.", field="session")
    cats = []
    for code in categories or []:
        cat = Category.objects.filter(edition=edition, code=code).first()
        if cat is None:
            raise InvalidInput(f"没有类别 {code} · categories: no category {code}.", field="categories")
        cats.append(cat)
    if SeatingPlan.objects.filter(edition=edition, name=name).exists():
        raise Conflict(f"已有名为“{name}”的座次图 · a plan named {name} exists.", field="name")
    try:
        with transaction.atomic():
            plan = SeatingPlan.objects.create(
                edition=edition, name=name, kind=kind, session=session, rows=rows, tables=tables,
                honour=honour, order_by=order_by, layout=layout, units=list(units or []),
                reserved_rows=reserved_rows, reserved_seats=reserved_seats,
            )  # fmt: skip
    except IntegrityError as exc:
        raise Conflict(f"已有名为“{name}”的座次图 · a plan named {name} exists.", field="name") from exc
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
            f"没有这些报名编号：{'、'.join(missing)} · {field}: unknown codes {', '.join(missing)}.",
            field=field,
        )
    return found


@transaction.atomic
def set_protocol_list(*, edition: Edition, codes: list[str]) -> list[str]:
    """Replace the edition's protocol list with these registration codes, most senior first."""
    codes = [c.strip() for c in codes if c and c.strip()]
    if len(set(codes)) != len(codes):
        raise InvalidInput("名单中有重复的人 · codes: a person appears twice.", field="codes")
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
        raise NotFound(f"{code} 不在礼宾名单上 · {code} is not on the protocol list.")
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
        raise InvalidInput(
            "无法读取该文件，请上传 XLSX · file: not a readable XLSX workbook.", field="file"
        ) from exc
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
            f"这些行找不到对应的人：{'；'.join(errors)} · rows not matching one person: {'; '.join(errors)}.",
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
    raise InvalidInput(f"座位“{text}”不在这张座次图上 · pins: no seat '{text}' in this plan.", field="pins")


def _precedence(edition: Edition, regs: list[Registration], by: str = OrderBy.STROKES):
    """Most senior first: the protocol list, then category rank, then name (stroke order by default)."""
    protocol = {
        rid: pos
        for rid, pos in ProtocolEntry.objects.filter(edition=edition).values_list(
            "registration_id", "position"
        )
    }
    key = collation.sort_key(OrderBy.PINYIN if by == OrderBy.PINYIN else OrderBy.STROKES)
    big = 1 << 30
    return sorted(regs, key=lambda r: (protocol.get(r.pk, big), r.category.order, key(r.name), r.code))


def _unit(reg: Registration) -> str:
    return reg.organization.name if reg.organization else NO_UNIT


def _by_unit(plan: SeatingPlan, ordered: list[Registration]) -> list[Registration]:
    """Blocks by unit, units in the plan's order; within a unit, the given precedence."""
    key = collation.sort_key(OrderBy.PINYIN if plan.order_by == OrderBy.PINYIN else OrderBy.STROKES)
    units = rules.order_units((_unit(r) for r in ordered), by=plan.order_by, published=plan.units, key=key)
    rank = {u: i for i, u in enumerate(units)}
    return sorted(ordered, key=lambda r: rank[_unit(r)])  # stable: keeps precedence within a unit


def _people(plan: SeatingPlan, codes: list[str] | None, pinned_codes: list[str]) -> list[Registration]:
    edition = plan.edition
    base = Registration.objects.filter(edition=edition).select_related("organization", "category")
    if codes is not None:
        if len(set(codes)) != len(codes):
            raise InvalidInput("people 中有重复的人 · people: a person appears twice.", field="people")
        found = _registrations_by_code(edition, codes, "people")
        not_confirmed = [c for c in codes if found[c].status != RegistrationStatus.CONFIRMED]
        if not_confirmed:
            raise InvalidInput(
                f"只有已确认的报名才能排座：{'、'.join(not_confirmed)} · people: not confirmed: {', '.join(not_confirmed)}.",
                field="people",
            )
        people = [found[c] for c in codes]
        if plan.kind == PlanKind.FLOOR:
            people = _by_unit(plan, people)
    else:
        confirmed = base.filter(status=RegistrationStatus.CONFIRMED)
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
        people = _precedence(edition, list(confirmed), plan.order_by)
        if plan.kind == PlanKind.FLOOR:
            people = _by_unit(plan, people)
    have = {r.code for r in people}
    extra = [c for c in pinned_codes if c not in have]
    if extra:
        found = _registrations_by_code(edition, extra, "pins")
        bad = [c for c in extra if found[c].status != RegistrationStatus.CONFIRMED]
        if bad:
            raise InvalidInput(
                f"只有已确认的报名才能排座：{'、'.join(bad)} · pins: not confirmed: {', '.join(bad)}.",
                field="pins",
            )
        people = [found[c] for c in extra] + people
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
            "message": f"{name}（{code}）在同一场次还坐在“{other}”{label} · also seated in {other} at {label} in the same session.",
        }
        for code, name, other, label in rows
    ]


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
    {seats, changes [code, name, from, to], conflicts}. A pin of "" unpins that person."""
    plan = SeatingPlan.objects.select_for_update().select_related("edition").get(pk=plan.pk)
    previous = {s.registration_id or s.name: s for s in plan.seats.select_related("registration")}
    before = {
        (s.registration.code if s.registration_id else s.name): (s.label, s.name) for s in previous.values()
    }
    if plan.kind == PlanKind.SIGNING:
        result = _assign_signing(plan)
    else:
        result = _assign_rows(plan, people, pins or {}, previous, fresh)
    after = {s["code"] or s["name"]: (s["label"], s["name"]) for s in result["seats"]}
    changes = []
    for key, (label, name) in after.items():
        if before.get(key, (None,))[0] != label:
            changes.append({"code": key, "name": name, "from": before.get(key, (None,))[0], "to": label})
    for key, (label, name) in before.items():
        if key not in after:
            changes.append({"code": key, "name": name, "from": label, "to": None})
    plan.assigned_at = timezone.now()
    plan.save(update_fields=["assigned_at"])
    result["changes"] = changes
    return result


def _assign_rows(plan, codes, pins, previous, fresh) -> dict:
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
        raise InvalidInput("两个人被固定在同一个座位 · pins: two people pinned to one seat.", field="pins")
    regs = _people(plan, codes, list(pin_seats))
    by_code = {r.code: r for r in regs}
    order = [r.code for r in regs]
    kept: dict[str, tuple[int, int]] = {}
    pinned, manual = set(pin_seats), set()
    for s in previous.values():
        reg = s.registration
        if reg is None or reg.code not in by_code or reg.code in unpin or reg.code in pin_seats:
            continue
        if (s.row, s.seat) not in valid:
            continue
        if s.pinned:
            kept[reg.code] = (s.row, s.seat)
            pinned.add(reg.code)
        elif s.manual:
            kept[reg.code] = (s.row, s.seat)
            manual.add(reg.code)
        elif plan.kind == PlanKind.FLOOR and not fresh and (s.row, s.seat) not in blocked:
            kept[reg.code] = (s.row, s.seat)
    # A pin wins over whoever kept that seat: that person is seated afresh.
    for code, seat in pin_seats.items():
        for other, other_seat in list(kept.items()):
            if other_seat == seat:
                kept.pop(other)
                pinned.discard(other)
                manual.discard(other)
        kept[code] = seat
    placed, unseated = rules.assign(order, sequence, kept=kept, blocked=blocked - set(kept.values()))
    SeatAssignment.objects.filter(plan=plan).delete()
    rows = []
    for code, (row, seat) in sorted(placed.items(), key=lambda kv: (kv[1][0], kv[1][1])):
        reg = by_code[code]
        rows.append(
            SeatAssignment(
                plan=plan, registration=reg, name=reg.name, note=_unit(reg) if reg.organization else "",
                row=row, seat=seat, label=label_for(plan, row, seat),
                pinned=code in pinned, manual=code in manual,
            )
        )  # fmt: skip
    SeatAssignment.objects.bulk_create(rows)
    conflicts = _double_seated(plan, [r.pk for r in regs if r.code in placed])
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
    return {"seats": [_seat_out(a) for a in rows], "conflicts": conflicts}


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
        raise InvalidInput(f"{a} 在这张座次图上没有座位 · a: {a} has no seat in this plan.", field="a")
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
            raise Conflict("该座位已有人 · b: that seat is taken.", field="b")
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
            f"没有议程 {session_id} · session: no session {session_id} in this edition.", field="session"
        )
    return session
