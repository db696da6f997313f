from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import Session
from events.models import Category, Edition, Registration

from .enums import Honour, Layout, OrderBy, PlanKind


class ProtocolEntry(models.Model):
    """The edition's protocol list (礼宾名单): the most senior people in order, position 1 first."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="protocol_entries", verbose_name=_("edition")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="protocol_entries",
        verbose_name=_("registration"),
    )
    position = models.PositiveIntegerField(verbose_name=_("position"))

    class Meta:
        verbose_name_plural = _("protocol entries")
        verbose_name = _("protocol entry")
        ordering = ["edition", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "registration"], name="protocol_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.registration_id}"


class SeatingPlan(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="seating_plans", verbose_name=_("edition")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    kind = models.CharField(max_length=10, choices=PlanKind.choices, verbose_name=_("kind"))
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seating_plans",
        verbose_name=_("session"),
    )
    # Seats per row, front row first (rostrum, floor); or tables [{number, seats}] (banquet).
    rows = models.JSONField(default=list, blank=True, verbose_name=_("rows"))
    tables = models.JSONField(default=list, blank=True, verbose_name=_("tables"))
    honour = models.CharField(
        max_length=5, choices=Honour.choices, default=Honour.LEFT, verbose_name=_("honour")
    )
    order_by = models.CharField(
        max_length=8, choices=OrderBy.choices, default=OrderBy.LIST, verbose_name=_("order by")
    )
    layout = models.CharField(
        max_length=8, choices=Layout.choices, default=Layout.ACROSS, verbose_name=_("layout")
    )
    # The published order of units (organisation names) for order_by=list.
    units = models.JSONField(default=list, blank=True, verbose_name=_("units"))
    # Reserved (media, staff): whole rows by number and single seats as [row, seat].
    reserved_rows = models.JSONField(default=list, blank=True, verbose_name=_("reserved rows"))
    reserved_seats = models.JSONField(default=list, blank=True, verbose_name=_("reserved seats"))
    categories = models.ManyToManyField(
        Category, blank=True, related_name="seating_plans", verbose_name=_("categories")
    )
    assigned_at = models.DateTimeField(null=True, blank=True, verbose_name=_("assigned at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name_plural = _("seating plans")
        verbose_name = _("seating plan")
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="seating_plan_name_unique")]

    def __str__(self) -> str:
        return self.name


class SeatAssignment(models.Model):
    """One occupied seat. `pinned` and `manual` (a swap) seats survive a recompute. A signing table seats
    signatories who need not be registered: then `registration` is empty and `name` says who."""

    plan = models.ForeignKey(
        SeatingPlan, on_delete=models.CASCADE, related_name="seats", verbose_name=_("plan")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seat_assignments",
        verbose_name=_("registration"),
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    note = models.CharField(max_length=200, blank=True, verbose_name=_("note"))
    row = models.PositiveIntegerField(verbose_name=_("row"))
    seat = models.PositiveIntegerField(verbose_name=_("seat"))
    label = models.CharField(max_length=60, verbose_name=_("label"))
    pinned = models.BooleanField(default=False, verbose_name=_("pinned"))
    manual = models.BooleanField(default=False, verbose_name=_("manual"))

    class Meta:
        verbose_name_plural = _("seat assignments")
        verbose_name = _("seat assignment")
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
