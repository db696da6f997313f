"""The door's tables (check-in points, hand-over items and hand-overs, admissions, scans): tables of the
events app, kept beside the check-in code as the units' are (events.models imports them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import EntryRule, ScanVerdict


class CheckInPoint(models.Model):
    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="checkin_points", verbose_name=_("edition")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    categories = models.ManyToManyField(
        "events.Category", related_name="checkin_points", blank=True, verbose_name=_("categories")
    )
    entry = models.CharField(
        _("entry"),
        max_length=8,
        choices=EntryRule.choices,
        default=EntryRule.ONCE,
        help_text="Admit the same ticket once, once a day (meals), or any number of times.",
    )
    is_default = models.BooleanField(_("is default"), default=False)

    class Meta:
        verbose_name_plural = _("check-in points")
        verbose_name = _("check-in point")
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="checkin_point_code_unique")]

    def __str__(self) -> str:
        return self.name


class HandoverItem(models.Model):
    """Something handed over at a check-in point (资料袋, 午餐券, room card): to the categories named, plus
    the people named one by one. An item naming neither goes to everyone the point admits."""

    point = models.ForeignKey(
        CheckInPoint, on_delete=models.CASCADE, related_name="handover_items", verbose_name=_("point")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    categories = models.ManyToManyField(
        "events.Category", related_name="handover_items", blank=True, verbose_name=_("categories")
    )
    people = models.ManyToManyField(
        "events.Registration",
        related_name="handover_items",
        blank=True,
        help_text="Handed to these people whatever their category (e.g. a room card).",
        verbose_name=_("people"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name_plural = _("handover items")
        verbose_name = _("handover item")
        ordering = ["point", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["point", "code"], name="handover_item_code_unique")]

    def __str__(self) -> str:
        return self.name


class Handover(models.Model):
    """An item handed to a person, confirmed by staff: the unique row refuses a second hand-out."""

    item = models.ForeignKey(
        HandoverItem, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("item")
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="handovers",
        verbose_name=_("registration"),
    )
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    device = models.CharField(_("device"), max_length=100, blank=True)
    nonce = models.CharField(_("nonce"), max_length=64, null=True, blank=True)

    class Meta:
        # A retry of the same hand-out (same nonce) finds this row and answers as the first time.
        verbose_name_plural = _("handovers")
        verbose_name = _("handover")
        constraints = [models.UniqueConstraint(fields=["registration", "item"], name="handover_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}->{self.registration_id}"


class Admission(models.Model):
    """A registration admitted at a point: the unique row decides double scans; `entries` and `last_at`
    count re-entries (points admitting many times, or once a day)."""

    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="admissions",
        verbose_name=_("registration"),
    )
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.CASCADE, related_name="admissions", verbose_name=_("point")
    )
    first_at = models.DateTimeField(_("first at"))
    last_at = models.DateTimeField(
        _("last at"),
        help_text="The latest admission (for a daily point: the first of that day).",
    )
    entries = models.PositiveIntegerField(_("entries"), default=1)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )

    class Meta:
        verbose_name_plural = _("admissions")
        verbose_name = _("admission")
        constraints = [models.UniqueConstraint(fields=["registration", "point"], name="admission_unique")]

    def __str__(self) -> str:
        return f"{self.registration_id}@{self.point_id}"

    def save(self, *args, **kwargs):
        if self.last_at is None:
            self.last_at = self.first_at
        super().save(*args, **kwargs)


class Scan(models.Model):
    """Append-only log of every scan, good or bad."""

    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="scans", verbose_name=_("edition")
    )
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("point")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("user")
    )
    device = models.CharField(_("device"), max_length=100, blank=True)
    at = models.DateTimeField(_("at"), db_index=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=ScanVerdict.choices)
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("registration"),
    )
    nonce = models.CharField(_("nonce"), max_length=64, null=True, blank=True)
    response = models.JSONField(_("response"), default=dict, blank=True)
    # A person checked in by hand (found by name, no QR, no phone): why, as staff gave it (手动补签).
    manual_reason = models.CharField(_("manual reason"), max_length=200, null=True, blank=True)

    class Meta:
        verbose_name_plural = _("scans")
        verbose_name = _("scan")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "nonce"], condition=Q(nonce__isnull=False), name="scan_nonce_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.verdict}"
