"""A hypothesis state machine over the registration services: register, cancel, approve, reject, raise
capacity and check in, in any order. After every step: confirmed never exceeds capacity, only confirmed
registrations are ever admitted at the door, and the waiting list is served first come, first served."""

import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from events import tickets
from events.enums import RegistrationStatus as S
from events.exceptions import DomainError
from events.models import Admission, Category, Registration
from events.registration import services
from tests.factories import make_category, make_edition, make_point

try:  # the door service arrived with the check-in work; the machine runs without it too
    from events.checkin import scanning
except ImportError:  # pragma: no cover
    scanning = None

_people = itertools.count(1)


class RegistrationMachine(RuleBasedStateMachine):
    @initialize(
        open_capacity=st.integers(0, 3),
        vetted_capacity=st.integers(0, 2),
        waitlist=st.booleans(),
    )
    def setup(self, open_capacity, vetted_capacity, waitlist):
        self.edition = make_edition()
        self.categories = [
            make_category(self.edition, code="open", capacity=open_capacity, waitlist=waitlist),
            make_category(
                self.edition,
                code="vetted",
                name="嘉宾",
                capacity=vetted_capacity,
                requires_approval=True,
                waitlist=True,
            ),
        ]
        self.point = make_point(self.edition)
        self.regs: list[int] = []

    # --- helpers ------------------------------------------------------------------------------------

    def _statuses(self) -> dict[int, str]:
        return dict(Registration.objects.filter(edition=self.edition).values_list("id", "status"))

    def _waiting_order(self) -> list[int]:
        return list(
            Registration.objects.filter(edition=self.edition, status=S.WAITLISTED)
            .order_by("created_at", "id")
            .values_list("id", flat=True)
        )

    def _act(self, action, target: int | None = None) -> None:
        """Run one service call and check that any promotion took the head of the waiting list."""
        before = self._statuses()
        queue = self._waiting_order()
        try:
            action()
        except DomainError:
            pass
        after = self._statuses()
        promoted = [
            pk for pk in queue if pk != target and before[pk] == S.WAITLISTED and after[pk] == S.CONFIRMED
        ]
        by_category: dict[int, list[int]] = {}
        cats = dict(Registration.objects.filter(pk__in=queue).values_list("id", "category_id"))
        for pk in queue:
            by_category.setdefault(cats[pk], []).append(pk)
        for cat_queue in by_category.values():
            moved = [pk for pk in cat_queue if pk in promoted]
            assert moved == cat_queue[: len(moved)], "promotion skipped someone earlier on the waiting list"

    def _reg(self, index: int) -> Registration | None:
        if not self.regs:
            return None
        return Registration.objects.get(pk=self.regs[index % len(self.regs)])

    # --- rules --------------------------------------------------------------------------------------

    @rule(category=st.sampled_from(["open", "vetted"]))
    def register(self, category):
        n = next(_people)

        def go():
            result = services.register_attendee(
                edition=self.edition,
                category_code=category,
                name=f"状态机{n}",
                organization="测试单位",
                email=f"sm{n}@example.com",
                consent=True,
            )
            self.regs.append(result.registration.pk)

        self._act(go)

    @rule(index=st.integers(0, 50))
    def cancel(self, index):
        reg = self._reg(index)
        if reg is not None:
            self._act(lambda: services.cancel_registration(registration=reg), reg.pk)

    @rule(index=st.integers(0, 50))
    def approve(self, index):
        reg = self._reg(index)
        if reg is not None:
            self._act(lambda: services.approve_registration(registration=reg), reg.pk)

    @rule(index=st.integers(0, 50))
    def reject(self, index):
        reg = self._reg(index)
        if reg is not None:
            self._act(lambda: services.reject_registration(registration=reg), reg.pk)

    @rule(which=st.integers(0, 1), by=st.integers(1, 2))
    def raise_capacity(self, which, by):
        cat = Category.objects.get(pk=self.categories[which].pk)
        self._act(lambda: services.update_category(category=cat, changes={"capacity": cat.capacity + by}))

    @rule(index=st.integers(0, 50))
    def check_in(self, index):
        reg = self._reg(index)
        if reg is None or scanning is None:
            return
        # A ticket signed for this registration whatever its status: the door, not the signature, must
        # refuse one that is not confirmed.
        token = tickets.sign_ticket(
            signing_key=self.edition.signing_key,
            edition_slug=self.edition.slug,
            code=reg.code,
            version=reg.ticket_version,
        )
        admissions_before = Admission.objects.filter(registration=reg).count()
        response = scanning.check_in(slug=self.edition.slug, token=token, point=self.point.code)
        admitted_now = Admission.objects.filter(registration=reg).count() - admissions_before
        if reg.status == S.CONFIRMED:
            assert response["result"] in ("ok", "already_checked_in")
            assert response["result"] == ("ok" if admissions_before == 0 else "already_checked_in")
        else:
            assert response["result"] not in ("ok", "already_checked_in")
            assert admitted_now == 0

    # --- invariants ---------------------------------------------------------------------------------

    @invariant()
    def confirmed_never_exceeds_capacity(self):
        if not hasattr(self, "edition"):
            return
        for cat in Category.objects.filter(edition=self.edition):
            confirmed = Registration.objects.filter(category=cat, status=S.CONFIRMED).count()
            assert cat.capacity is None or confirmed <= cat.capacity

    @invariant()
    def nobody_waits_while_a_seat_is_free(self):
        if not hasattr(self, "edition"):
            return
        for cat in Category.objects.filter(edition=self.edition):
            waiting = Registration.objects.filter(category=cat, status=S.WAITLISTED).exists()
            confirmed = Registration.objects.filter(category=cat, status=S.CONFIRMED).count()
            assert not waiting or confirmed == cat.capacity

    @invariant()
    def only_confirmed_tickets_have_scans_that_admitted(self):
        if not hasattr(self, "edition"):
            return
        # Registrations admitted at the door were confirmed then; a later cancellation may follow, but
        # never a pending, waitlisted or rejected one that was never confirmed.
        admitted = Registration.objects.filter(edition=self.edition, admissions__isnull=False)
        never_confirmed = admitted.filter(status__in=[S.PENDING, S.WAITLISTED])
        assert not never_confirmed.exists()


@pytest.mark.django_db
def test_registration_services_keep_their_invariants_under_any_sequence():
    run_state_machine_as_test(
        RegistrationMachine,
        settings=settings(
            max_examples=50,
            stateful_step_count=12,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
