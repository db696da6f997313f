"""Who a plan seats, in which order: the protocol list, category rank, name; blocks by unit on a floor."""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext as _

from events.enums import RegistrationStatus
from events.models import Edition, Registration

from .. import collation, rules
from ..enums import OrderBy, PlanKind
from ..exceptions import InvalidInput
from ..models import ProtocolEntry, SeatAssignment, SeatingPlan

NO_UNIT = "（无单位）"


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
        raise InvalidInput(_("%(field)s: a person appears twice.") % {"field": field}, field=field)
    found = {p.code: p for p in _persons(Registration.objects.filter(edition=edition, code__in=codes))}
    missing = [c for c in codes if c not in found]
    if missing:
        raise InvalidInput(
            _("%(field)s: unknown codes %(value)s.") % {"value": _(", ").join(missing), "field": field},
            field=field,
        )
    bad = [c for c in codes if found[c].status != RegistrationStatus.CONFIRMED]
    if bad:
        raise InvalidInput(
            _("%(field)s: not confirmed: %(value)s.") % {"value": _(", ").join(bad), "field": field},
            field=field,
        )
    return [found[c] for c in codes]


def people_of(plan: SeatingPlan, codes: list[str] | None, pinned_codes: list[str]) -> list[Person]:
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
