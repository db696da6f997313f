"""The registration rule and the seat count, as one table of cases. CI runs this file on SQLite and on
PostgreSQL (DATABASE_URL): the same table, the same expectations, one definition in events/registration/seats.py."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from events.enums import RegistrationStatus as S
from events.exceptions import CategoryFull, Conflict, InvalidInput, RegistrationClosed
from events.models import Category, Organization, Registration
from events.registration import seats as registration_seats
from events.registration import services
from tests.factories import make_category, make_edition, register
from tests.races import at_once

pytestmark = pytest.mark.django_db

NEW_ORG = "第一次出现的单位"

# (case, category settings, confirmed already, staff, window open) -> (status or error, confirmed after)
REGISTRATION_CASES = [
    ("seat free", {"capacity": 2}, 1, False, True, S.CONFIRMED, 2),
    ("no limit", {"capacity": None}, 3, False, True, S.CONFIRMED, 4),
    ("last seat", {"capacity": 1}, 0, False, True, S.CONFIRMED, 1),
    ("full, waiting list", {"capacity": 1, "waitlist": True}, 1, False, True, S.WAITLISTED, 1),
    ("no seats at all, waiting list", {"capacity": 0, "waitlist": True}, 0, False, True, S.WAITLISTED, 0),
    ("full, no waiting list", {"capacity": 1}, 1, False, True, CategoryFull, 1),
    ("approval", {"capacity": 5, "requires_approval": True}, 0, False, True, S.PENDING, 0),
    ("approval, full", {"capacity": 0, "requires_approval": True}, 0, False, True, S.PENDING, 0),
    ("approval skipped by staff", {"capacity": 5, "requires_approval": True}, 0, True, True, S.CONFIRMED, 1),
    ("staff, full, no waiting list", {"capacity": 1}, 1, True, True, CategoryFull, 1),
    ("staff, full, waiting list", {"capacity": 1, "waitlist": True}, 1, True, True, S.WAITLISTED, 1),
    ("hidden category, public", {"public": False}, 0, False, True, InvalidInput, 0),
    ("hidden category, staff", {"public": False}, 0, True, True, S.CONFIRMED, 1),
    ("window closed", {"capacity": 5}, 0, False, False, RegistrationClosed, 0),
    ("window closed, staff", {"capacity": 5}, 0, True, False, S.CONFIRMED, 1),
]


def fill(edition, category: Category, n: int) -> None:
    """n confirmed registrations through the service, into the category while it has no limit."""
    for _ in range(n):
        assert register(edition, category.code).registration.status == S.CONFIRMED


@pytest.mark.parametrize(
    "settings_, before, staff, window_open, expected, after",
    [case[1:] for case in REGISTRATION_CASES],
    ids=[case[0] for case in REGISTRATION_CASES],
)
def test_registration_rule(settings_, before, staff, window_open, expected, after):
    edition = make_edition()
    category = make_category(edition)
    fill(edition, category, before)
    Category.objects.filter(pk=category.pk).update(**settings_)  # as the organiser set it
    if not window_open:
        edition.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
        edition.save()
    existing = Registration.objects.count()

    if isinstance(expected, str):
        result = register(edition, staff_override=staff, organization=NEW_ORG)
        assert result.registration.status == expected
        assert Registration.objects.get(pk=result.registration.pk).status == expected
        assert Organization.objects.filter(name=NEW_ORG).count() == 1
    else:
        with pytest.raises(expected):
            register(edition, staff_override=staff, organization=NEW_ORG)
        # A refused registration leaves nothing behind: no row, no new organisation.
        assert Registration.objects.count() == existing
        assert Organization.objects.filter(name=NEW_ORG).count() == 0
    category.refresh_from_db()
    assert category.confirmed_count == after
    assert (
        category.confirmed_count == Registration.objects.filter(category=category, status=S.CONFIRMED).count()
    )


def test_refused_registration_through_the_api_leaves_no_organisation(client):
    # The disagreement that started this: SQLite used to keep the new organisation of a refused request.
    edition = make_edition()
    make_category(edition, capacity=0)
    body = {
        "category": "delegate",
        "name": "李四",
        "organization": NEW_ORG,
        "email": "a@example.com",
        "consent": True,
    }

    response = client.post(
        f"/api/v1/events/{edition.slug}/registrations", body, content_type="application/json"
    )

    assert response.status_code == 409
    assert Organization.objects.filter(name=NEW_ORG).exists() is False


def seats(category: Category) -> tuple[int, int]:
    """(counter, confirmed rows): always equal."""
    category.refresh_from_db()
    return category.confirmed_count, Registration.objects.filter(
        category=category, status=S.CONFIRMED
    ).count()


def test_cancel_frees_the_seat_for_the_first_on_the_waiting_list():
    edition = make_edition()
    category = make_category(edition, capacity=1, waitlist=True)
    first = register(edition).registration
    second = register(edition).registration
    third = register(edition).registration
    assert (second.status, third.status) == (S.WAITLISTED, S.WAITLISTED)

    services.cancel_registration(registration=first)

    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: S.CANCELLED, second.pk: S.CONFIRMED, third.pk: S.WAITLISTED}
    assert seats(category) == (1, 1)


@pytest.mark.parametrize("leave", ["cancel", "reject"])
def test_a_confirmed_leaving_without_a_waiting_list_frees_its_seat(leave):
    edition = make_edition()
    category = make_category(edition, capacity=1)
    reg = register(edition).registration
    getattr(services, f"{leave}_registration")(registration=reg)

    assert seats(category) == (0, 0)
    assert register(edition).registration.status == S.CONFIRMED
    assert seats(category) == (1, 1)


def test_cancelling_a_waitlisted_or_pending_registration_keeps_the_count():
    edition = make_edition()
    full = make_category(edition, capacity=1, waitlist=True)
    vetted = make_category(edition, "guest", capacity=5, requires_approval=True)
    register(edition)
    waiting = register(edition).registration
    pending = register(edition, "guest").registration

    services.cancel_registration(registration=waiting)
    services.cancel_registration(registration=pending)

    assert seats(full) == (1, 1)
    assert seats(vetted) == (0, 0)


@pytest.mark.parametrize(
    "waitlist, expected", [(True, S.WAITLISTED), (False, CategoryFull)], ids=["waiting list", "none"]
)
def test_approving_into_a_full_category(waitlist, expected):
    edition = make_edition()
    category = make_category(edition, capacity=1, requires_approval=True, waitlist=waitlist)
    pending = register(edition).registration
    register(edition, staff_override=True)

    if expected is CategoryFull:
        with pytest.raises(CategoryFull):
            services.approve_registration(registration=pending)
        assert Registration.objects.get(pk=pending.pk).status == S.PENDING
    else:
        assert services.approve_registration(registration=pending).status == expected
    assert seats(category) == (1, 1)


def test_approving_with_a_seat_free_confirms_and_counts():
    edition = make_edition()
    category = make_category(edition, capacity=2, requires_approval=True)
    pending = register(edition).registration

    assert services.approve_registration(registration=pending).status == S.CONFIRMED
    assert seats(category) == (1, 1)


def test_raising_capacity_promotes_and_counts():
    edition = make_edition()
    category = make_category(edition, capacity=1, waitlist=True)
    register(edition)
    register(edition)
    register(edition)

    services.update_category(category=category, changes={"capacity": 2})

    assert seats(category) == (2, 2)
    with pytest.raises(Conflict):
        services.update_category(category=category, changes={"capacity": 1})


def test_an_edit_of_the_category_never_writes_back_a_stale_count():
    # The admin form loads a category, registrations come in, the form is saved.
    edition = make_edition()
    category = make_category(edition, capacity=5)
    stale = Category.objects.get(pk=category.pk)
    register(edition)
    stale.name = "新名称"
    stale.save()

    assert seats(category) == (1, 1)
    assert category.name == "新名称"


def test_migration_backfill_and_recount_agree_with_the_rows():
    edition = make_edition()
    category = make_category(edition, capacity=5)
    register(edition)
    register(edition)
    Category.objects.filter(pk=category.pk).update(confirmed_count=0)

    registration_seats.recount_seats(edition=edition)

    assert seats(category) == (2, 2)


# --- Real threads on PostgreSQL (SQLite serialises writers, so these would only test its file lock).


def rush(edition, n: int, code: str = "delegate") -> list[str]:
    def one(_ready, i: int) -> str:
        try:
            return register(edition, code, email=f"rush{i}@example.com").registration.status
        except CategoryFull:
            return "full"

    return at_once(n, one)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("waitlist", [False, True], ids=["no waiting list", "waiting list"])
def test_threads_racing_for_the_last_seats_never_oversell_on_postgres(waitlist):
    edition = make_edition()
    category = make_category(edition, capacity=105, waitlist=waitlist)
    for _ in range(100):
        register(edition)

    outcomes = rush(edition, 24)

    assert sorted(outcomes).count(S.CONFIRMED) == 5
    assert outcomes.count(S.WAITLISTED if waitlist else "full") == 19
    assert seats(category) == (105, 105)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cancellations_racing_registrations_leave_no_free_seat_beside_a_waiting_list_on_postgres():
    edition = make_edition()
    category = make_category(edition, capacity=10, waitlist=True)
    confirmed = [register(edition).registration for _ in range(10)]
    barrier = threading.Barrier(20)

    def cancel(reg) -> None:
        try:
            barrier.wait()
            services.cancel_registration(registration=reg)
        finally:
            connection.close()

    def join(i: int) -> None:
        try:
            barrier.wait()
            register(edition, email=f"late{i}@example.com")
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed] + [
        threading.Thread(target=join, args=(i,)) for i in range(10)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # Ten seats freed, ten newcomers: every newcomer is confirmed (directly or promoted), nobody waits.
    assert seats(category) == (10, 10)
    assert Registration.objects.filter(category=category, status=S.WAITLISTED).count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_registration_waiting_for_the_seat_sees_the_one_taken_before_it_on_postgres():
    # A takes the last seat and holds its transaction open; B starts meanwhile, must wait for A's row lock,
    # then see A's seat: B is refused.
    edition = make_edition()
    category = make_category(edition, capacity=1)
    started = threading.Event()
    outcome = {}

    def second():
        started.wait()
        try:
            register(edition, email="b@example.com")
            outcome["b"] = "registered"
        except CategoryFull:
            outcome["b"] = "full"
        finally:
            connection.close()

    thread = threading.Thread(target=second)
    thread.start()
    with transaction.atomic():
        register(edition, email="a@example.com")
        started.set()
        thread.join(timeout=0.5)
        assert thread.is_alive()  # B is waiting for A's row
    thread.join(timeout=10)

    assert outcome == {"b": "full"}
    assert seats(category) == (1, 1)
