"""Seating plans: create one (rows, tables, reserved seats, the session it belongs to)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agenda.models import Session
from events.access import is_en
from events.models import Category, Edition

from ..enums import Honour, Layout, OrderBy, PlanKind
from ..exceptions import Conflict, InvalidInput
from ..models import SeatingPlan

MAX_ROWS = 200
MAX_PER_ROW = 200


def _choice(value, enum, field: str, zh: str):
    if value not in enum.values:
        raise InvalidInput(
            _("%(field)s must be one of %(value)s.")
            % {"field": field if is_en() else zh, "value": ", ".join(enum.values)},
            field=field,
        )
    return value


def _rows(rows, field: str = "rows") -> list[int]:
    if not isinstance(rows, list) or not rows or len(rows) > MAX_ROWS:
        raise InvalidInput(
            _("%(field)s: seats per row, front first, 1-%(max)s rows.") % {"field": field, "max": MAX_ROWS},
            field=field,
        )
    for n in rows:
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_PER_ROW:
            raise InvalidInput(
                _("%(field)s: each row has 1-%(MAX_PER_ROW)s seats.")
                % {"MAX_PER_ROW": MAX_PER_ROW, "field": field},
                field=field,
            )
    return rows


def _tables(tables) -> list[dict]:
    if not isinstance(tables, list) or not tables or len(tables) > MAX_ROWS:
        raise InvalidInput(_("tables: [{number, seats}] required."), field="tables")
    numbers = [t.get("number") for t in tables]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput(_("tables: table numbers repeat."), field="tables")
    out = []
    for t in tables:
        number, seats = t.get("number"), t.get("seats")
        if not isinstance(number, int) or number < 1 or not isinstance(seats, int) or not 2 <= seats <= 30:
            raise InvalidInput(_("tables: number >= 1 and 2-30 seats each."), field="tables")
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
        raise InvalidInput(_("name is required."), field="name")
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
        raise InvalidInput(_("reserved_rows: a row that the plan has not."), field="reserved_rows")
    reserved_seats = [list(x) for x in (reserved_seats or [])]
    for pair in reserved_seats:
        if len(pair) != 2 or not 1 <= pair[0] <= len(rows) or not 1 <= pair[1] <= rows[pair[0] - 1]:
            raise InvalidInput(
                _("reserved_seats: [row, seat] of a seat the plan has."),
                field="reserved_seats",
            )
    if session is not None and session.edition_id != edition.pk:
        raise InvalidInput(_("session: not a session of this edition."), field="session")
    cats = []
    for code in categories or []:
        cat = Category.objects.filter(edition=edition, code=code).first()
        if cat is None:
            raise InvalidInput(_("categories: no category %(code)s.") % {"code": code}, field="categories")
        cats.append(cat)
    if SeatingPlan.objects.filter(edition=edition, name=name).exists():
        raise Conflict(_("a plan named %(name)s exists.") % {"name": name}, field="name")
    try:
        with transaction.atomic():
            plan = SeatingPlan.objects.create(
                edition=edition,
                name=name,
                kind=kind,
                session=session,
                rows=rows,
                tables=tables,
                honour=honour,
                order_by=order_by,
                layout=layout,
                units=list(units or []),
                reserved_rows=reserved_rows,
                reserved_seats=reserved_seats,
            )
    except IntegrityError as exc:
        raise Conflict(_("a plan named %(name)s exists.") % {"name": name}, field="name") from exc
    plan.categories.set(cats)
    return plan


def session_of(edition: Edition, session_id: int | None):
    """The agenda session a plan belongs to (its seats clash with other plans of the same session)."""
    if session_id is None:
        return None

    session = Session.objects.filter(edition=edition, pk=session_id).first()
    if session is None:
        raise InvalidInput(
            _("session: no session %(session_id)s in this edition.") % {"session_id": session_id},
            field="session",
        )
    return session
