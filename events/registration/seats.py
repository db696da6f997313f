"""Seats of a category: the one place `Category.confirmed_count` is written, the decision of a new
registration's status, the one function that changes a status, and the waiting list moving up."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from ..enums import RegistrationStatus
from ..exceptions import CategoryFull
from ..language import localized
from ..models import Category, Edition, Registration
from ..statements import compiled_row, compiled_update, insert_new_if_updated
from .notices import send_notice

S = RegistrationStatus


def category_full(name: str, name_en: str) -> CategoryFull:
    return CategoryFull(
        gettext("%(category)s is full.") % {"category": localized({"name": name, "name_en": name_en})},
        field="category",
    )


def seats_remaining(category: Category) -> int | None:
    if category.capacity is None:
        return None
    return max(category.capacity - category.confirmed_count, 0)


# --- Seats. `Category.confirmed_count` is written here only: `take_seat` and `release_seat`, called by the
# registration rule (`decide_status`), the waiting list (`promote_waitlist`) and the one function that
# changes a registration's status (`set_status`). Each runs inside the transaction that writes the status.


# Take one seat if one is free: a single conditional UPDATE, whose row lock (held to the commit) serialises
# the writers of this category on every database; no rows are counted. (Compiled once: events/statements.py.)
_take_seat = compiled_update(
    lambda category_id: Category.objects.filter(
        Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity")), pk=category_id
    ),
    confirmed_count=F("confirmed_count") + 1,
)


def take_seat(category_id: int) -> bool:
    """Take one seat if one is free (the conditional UPDATE above): True when taken."""
    return _take_seat(category_id) == 1


def confirm_with_seat(category: Category, build: Callable[[str], Registration]) -> Registration | None:
    """PostgreSQL: `decide_status`'s first answer and the new registration in one statement (no BEGIN and
    COMMIT around it): the seat taken if one is free and, only then, `build(confirmed)` inserted. None when the
    category is full: nothing is written, and `decide_status` decides in a transaction (its row lock, the
    waiting list). For a category without an approval step (or a staff override) only."""
    registration = build(S.CONFIRMED)
    return registration if insert_new_if_updated(_take_seat, (category.pk,), registration) else None


def release_seat(category_id: int) -> None:
    # Never below 0: rows written outside the services (fixtures, imports) are not counted until
    # `recount_seats` runs, and releasing one of them must not fail.
    Category.objects.filter(pk=category_id, confirmed_count__gt=0).update(
        confirmed_count=F("confirmed_count") - 1
    )


def recount_seats(*, edition: Edition) -> None:
    """Set each category's seat count from its confirmed rows: for data written in bulk outside the services
    (the demo, benchmarks). The migration that added the counter filled it the same way."""
    confirmed = (
        Registration.objects.filter(category=OuterRef("pk"), status=S.CONFIRMED)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Category.objects.filter(edition=edition).update(confirmed_count=Coalesce(Subquery(confirmed), 0))


# `lock_category` for the decision: what it reads of the row (compiled once: events/statements.py).
_lock_for_decision = compiled_row(
    lambda category_id: (
        Category.objects.select_for_update()
        .filter(pk=category_id)
        .values_list("waitlist", "name", "name_en")[:1]
    )
)


def lock_category(category_id: int) -> Category:
    # The category row lock (PostgreSQL: SELECT ... FOR UPDATE; SQLite: transactions are IMMEDIATE, so
    # writers are already serialised and this is a plain read).
    return Category.objects.select_for_update().get(pk=category_id)


def decide_status(category: Category, *, staff_override: bool, found_full: bool = False) -> str:
    """THE registration rule, for a new registration and for an approval alike. Pending when the category
    needs approval (staff skip that); confirmed when a seat is taken; waitlisted when full and the category
    keeps a waiting list; CategoryFull (409) otherwise. Answering `confirmed`, it has taken the seat.
    `found_full`: `confirm_with_seat` has just found no free seat, so the first attempt is not repeated."""
    if category.requires_approval and not staff_override:
        return S.PENDING
    if not found_full and take_seat(category.pk):
        return S.CONFIRMED
    # Full as this statement saw it. Lock the row and look once more: a cancellation in flight commits first
    # (its freed seat is then taken here), or waits for this transaction and finds this registration on the
    # waiting list. Never a free seat beside a waiting list.
    # (A category deleted meanwhile has no seat to give: full, not a 500.)
    waitlist, name, name_en = _lock_for_decision(category.pk) or (False, category.name, category.name_en)
    if take_seat(category.pk):
        return S.CONFIRMED
    if waitlist:
        return S.WAITLISTED
    raise category_full(name, name_en)


def set_status(
    registration: Registration, status: str, *, seat_passes_on: bool = False, also: tuple[str, ...] = ()
) -> None:
    """The one function that changes a registration's status. Entering `confirmed`, the caller's decision has
    taken the seat; leaving it, the seat is released and goes to the first on the waiting list - unless
    `seat_passes_on`: a substitution (换人) hands it to the new person in the same transaction, so the seat
    count and the waiting list stay as they are. `also`: other fields the caller changed, saved with it."""
    was = registration.status
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at", "updated_at", *also])
    if was == S.CONFIRMED and status != S.CONFIRMED and not seat_passes_on:
        release_seat(registration.category_id)
        promote_waitlist(registration.category_id)


def promote_waitlist(category_id: int) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served (inside a transaction that holds the
    category row: its seat UPDATE or its lock)."""
    promoted = []
    while True:
        nxt = (
            Registration.objects.filter(category_id=category_id, status=S.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if nxt is None or not take_seat(category_id):
            break
        set_status(nxt, S.CONFIRMED)
        promoted.append(nxt)
    for reg in promoted:
        transaction.on_commit(lambda pk=reg.pk: send_notice(registration_id=pk, kind="promoted"))
    return promoted
