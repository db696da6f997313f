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
    position = models.PositiveIntegerField(_("position"))

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
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seating_plans",
        verbose_name=_("session"),
    )
    # Seats per row, front row first (rostrum, floor); or tables [{number, seats}] (banquet).
    rows = models.JSONField(_("rows"), default=list, blank=True)
    tables = models.JSONField(_("tables"), default=list, blank=True)
    honour = models.CharField(_("honour"), max_length=5, choices=Honour.choices, default=Honour.LEFT)
    order_by = models.CharField(_("order by"), max_length=8, choices=OrderBy.choices, default=OrderBy.LIST)
    layout = models.CharField(_("layout"), max_length=8, choices=Layout.choices, default=Layout.ACROSS)
    # The published order of units (organisation names) for order_by=list.
    units = models.JSONField(_("units"), default=list, blank=True)
    # Reserved (media, staff): whole rows by number and single seats as [row, seat].
    reserved_rows = models.JSONField(_("reserved rows"), default=list, blank=True)
    reserved_seats = models.JSONField(_("reserved seats"), default=list, blank=True)
    categories = models.ManyToManyField(
        Category, blank=True, related_name="seating_plans", verbose_name=_("categories")
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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
    name = models.CharField(_("name"), max_length=100)
    note = models.CharField(_("note"), max_length=200, blank=True)
    row = models.PositiveIntegerField(_("row"))
    seat = models.PositiveIntegerField(_("seat"))
    label = models.CharField(_("label"), max_length=60)
    pinned = models.BooleanField(_("pinned"), default=False)
    manual = models.BooleanField(_("manual"), default=False)

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
