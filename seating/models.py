from django.db import models

from agenda.models import Session
from events.models import Category, Edition, Registration

from .enums import Honour, Layout, OrderBy, PlanKind


class ProtocolEntry(models.Model):
    """The edition's protocol list (礼宾名单): the most senior people in order, position 1 first."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="protocol_entries")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="protocol_entries")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["edition", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "registration"], name="protocol_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.registration_id}"


class SeatingPlan(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="seating_plans")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=PlanKind.choices)
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="seating_plans"
    )
    # Seats per row, front row first (rostrum, floor); or tables [{number, seats}] (banquet).
    rows = models.JSONField(default=list, blank=True)
    tables = models.JSONField(default=list, blank=True)
    honour = models.CharField(max_length=5, choices=Honour.choices, default=Honour.LEFT)
    order_by = models.CharField(max_length=8, choices=OrderBy.choices, default=OrderBy.LIST)
    layout = models.CharField(max_length=8, choices=Layout.choices, default=Layout.ACROSS)
    # The published order of units (organisation names) for order_by=list.
    units = models.JSONField(default=list, blank=True)
    # Reserved (media, staff): whole rows by number and single seats as [row, seat].
    reserved_rows = models.JSONField(default=list, blank=True)
    reserved_seats = models.JSONField(default=list, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="seating_plans")
    assigned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="seating_plan_name_unique")]

    def __str__(self) -> str:
        return self.name


class SeatAssignment(models.Model):
    """One occupied seat. `pinned` and `manual` (a swap) seats survive a recompute. A signing table seats
    signatories who need not be registered: then `registration` is empty and `name` says who."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, null=True, blank=True, related_name="seat_assignments"
    )
    name = models.CharField(max_length=100)
    note = models.CharField(max_length=200, blank=True)
    row = models.PositiveIntegerField()
    seat = models.PositiveIntegerField()
    label = models.CharField(max_length=60)
    pinned = models.BooleanField(default=False)
    manual = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan", "row", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "row", "seat"], name="seat_assignment_seat_unique"),
            models.UniqueConstraint(
                fields=["plan", "registration"],
                condition=models.Q(registration__isnull=False),
                name="seat_assignment_person_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.name}"
