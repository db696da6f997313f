"""The follow-up of signed projects (履约跟踪): the ceremony's SigningProject extended (one-to-one, same id),
its append-only updates with evidence, and the periodic returns (月报/季报) by the responsible units."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .enums import ContractKind, Stage

# Evidence lies outside the web root (nothing serves var/private): only the staff view streams it.
EVIDENCE_ROOT = Path(settings.VAR_DIR) / "private" / "followup"
evidence_storage = FileSystemStorage(location=EVIDENCE_ROOT, base_url=None)


class FollowedProject(models.Model):
    """A signing project followed after the ceremony. Its primary key is the signing project's: the same
    record, extended, never copied. `stage`, `funds_in` and `last_period` are what the updates say (written
    only by followup.services from the updates); the rest is set by the bureau."""

    project = models.OneToOneField(
        "signing.SigningProject", on_delete=models.CASCADE, primary_key=True, related_name="follow"
    )
    contract_kind = models.CharField(
        max_length=10, choices=ContractKind.choices, default=ContractKind.CONTRACT
    )
    sector = models.CharField(max_length=100, blank=True)
    investment_total = models.DecimalField(max_digits=14, decimal_places=2, default=0, help_text="万元")
    signed_on = models.DateField()
    start_due_on = models.DateField(null=True, blank=True)
    finish_due_on = models.DateField(null=True, blank=True)
    responsible_unit = models.ForeignKey(
        "events.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_projects",
    )
    liaison_name = models.CharField(max_length=100, blank=True)
    liaison_mobile = models.CharField(max_length=30, blank=True)
    liaison_email = models.EmailField(blank=True)
    converted_on = models.DateField(null=True, blank=True, help_text="An agreement turned into a contract.")
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.SIGNED)
    terminated_reason = models.TextField(blank=True)
    funds_in = models.DecimalField(max_digits=14, decimal_places=2, default=0, help_text="万元, cumulative")
    last_period = models.CharField(max_length=7, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project__edition__starts_on", "project__order", "project_id"]
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["responsible_unit", "stage"])]
        constraints = [
            models.CheckConstraint(condition=Q(investment_total__gte=0), name="followup_investment_positive"),
            models.CheckConstraint(condition=Q(funds_in__gte=0), name="followup_funds_positive"),
        ]

    def __str__(self) -> str:
        return str(self.project)


class ProjectUpdate(models.Model):
    """One return or note on a project (append-only: a correction is a new update naming the one it
    corrects; nothing is edited or deleted in place)."""

    project = models.ForeignKey(FollowedProject, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(max_length=7, help_text="2024-03 or 2024-Q1")
    stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    funds_added = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    blockers = models.JSONField(default=list, blank=True)
    # Only a project's whole record is ever deleted (with its ceremony's project): its updates go with it.
    corrects = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="corrected_by"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_link = models.ForeignKey(
        "followup.ReturnLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    recorded_name = models.CharField(max_length=100, blank=True, help_text="Who filed it, as shown.")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "recorded_at", "id"]
        indexes = [
            models.Index(fields=["project", "recorded_at"]),
            models.Index(fields=["project", "period"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(funds_added__isnull=True) | Q(funds_added__gte=0),
                name="followup_funds_added_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.period}"


class Evidence(models.Model):
    """A file proving an update (PDF or image), stored outside the web root."""

    update = models.ForeignKey(ProjectUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to="%Y/%m")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["update", "id"]

    def __str__(self) -> str:
        return self.name


class ReturnPeriod(models.Model):
    """A return period the bureau opened for a series (2024-Q1, due on a date)."""

    series = models.ForeignKey("events.Series", on_delete=models.CASCADE, related_name="return_periods")
    period = models.CharField(max_length=7)
    due_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["series", "-due_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["series", "period"], name="followup_period_unique")]

    def __str__(self) -> str:
        return f"{self.series.slug} {self.period}"


class ReturnLink(models.Model):
    """A responsible unit's private link for one period: SHA-256 of a 256-bit secret, like the units'."""

    return_period = models.ForeignKey(ReturnPeriod, on_delete=models.CASCADE, related_name="links")
    organization = models.ForeignKey("events.Organization", on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    emailed_to = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["return_period", "id"]
        constraints = [
            models.UniqueConstraint(fields=["return_period", "organization"], name="followup_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.return_period} {self.organization}"
