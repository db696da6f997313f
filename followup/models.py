"""The follow-up of signed projects (履约跟踪): the ceremony's SigningProject extended (one-to-one, same id),
its append-only updates with evidence, and the periodic returns (月报/季报) by the responsible units."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ContractKind, Stage

# Evidence lies outside the web root (nothing serves var/private): only the staff view streams it.
EVIDENCE_ROOT = Path(settings.VAR_DIR) / "private" / "followup"
_EVIDENCE_STORAGE = FileSystemStorage(location=EVIDENCE_ROOT, base_url=None)


def evidence_storage() -> FileSystemStorage:
    """The evidence's storage, as a callable so that migrations name it rather than this checkout's path."""
    return _EVIDENCE_STORAGE


class FollowedProject(models.Model):
    """A signing project followed after the ceremony. Its primary key is the signing project's: the same
    record, extended, never copied. `stage`, `funds_in` and `last_period` are what the updates say (written
    only by followup.services from the updates); the rest is set by the bureau."""

    project = models.OneToOneField(
        "signing.SigningProject",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="follow",
        verbose_name=_("project"),
    )
    contract_kind = models.CharField(
        max_length=10,
        choices=ContractKind.choices,
        default=ContractKind.CONTRACT,
        verbose_name=_("contract kind"),
    )
    sector = models.CharField(max_length=100, blank=True, verbose_name=_("sector"))
    investment_total = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, help_text="万元", verbose_name=_("investment total")
    )
    signed_on = models.DateField(verbose_name=_("signed on"))
    start_due_on = models.DateField(null=True, blank=True, verbose_name=_("start due on"))
    finish_due_on = models.DateField(null=True, blank=True, verbose_name=_("finish due on"))
    responsible_unit = models.ForeignKey(
        "events.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_projects",
        verbose_name=_("responsible unit"),
    )
    liaison_name = models.CharField(max_length=100, blank=True, verbose_name=_("liaison name"))
    liaison_mobile = models.CharField(max_length=30, blank=True, verbose_name=_("liaison mobile"))
    liaison_email = models.EmailField(blank=True, verbose_name=_("liaison email"))
    converted_on = models.DateField(
        null=True,
        blank=True,
        help_text="An agreement turned into a contract.",
        verbose_name=_("converted on"),
    )
    stage = models.CharField(
        max_length=12, choices=Stage.choices, default=Stage.SIGNED, verbose_name=_("stage")
    )
    terminated_reason = models.TextField(blank=True, verbose_name=_("terminated reason"))
    funds_in = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, help_text="万元, cumulative", verbose_name=_("funds in")
    )
    last_period = models.CharField(max_length=7, blank=True, verbose_name=_("last period"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["project__edition__starts_on", "project__order", "project_id"]
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["responsible_unit", "stage"])]
        constraints = [
            models.CheckConstraint(condition=Q(investment_total__gte=0), name="followup_investment_positive"),
            models.CheckConstraint(condition=Q(funds_in__gte=0), name="followup_funds_positive"),
        ]
        verbose_name = _("followed project")
        verbose_name_plural = _("followed projects")

    def __str__(self) -> str:
        return str(self.project)


class ProjectUpdate(models.Model):
    """One return or note on a project (append-only: a correction is a new update naming the one it
    corrects; nothing is edited or deleted in place)."""

    project = models.ForeignKey(
        FollowedProject, on_delete=models.CASCADE, related_name="updates", verbose_name=_("project")
    )
    period = models.CharField(max_length=7, help_text="2024-03 or 2024-Q1", verbose_name=_("period"))
    stage = models.CharField(max_length=12, choices=Stage.choices, blank=True, verbose_name=_("stage"))
    funds_added = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, verbose_name=_("funds added")
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    blockers = models.JSONField(default=list, blank=True, verbose_name=_("blockers"))
    # Only a project's whole record is ever deleted (with its ceremony's project): its updates go with it.
    corrects = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    return_link = models.ForeignKey(
        "followup.ReturnLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("return link"),
    )
    recorded_name = models.CharField(
        max_length=100, blank=True, help_text="Who filed it, as shown.", verbose_name=_("recorded name")
    )
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["project", "recorded_at", "id"]
        indexes = [
            models.Index(fields=["project", "recorded_at"]),
            models.Index(fields=["project", "period"]),
            # The lights' "no return for the last closed period": the updates of one period, all projects.
            models.Index(fields=["period", "project"], name="followup_update_period_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(funds_added__isnull=True) | Q(funds_added__gte=0),
                name="followup_funds_added_positive",
            )
        ]
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")

    def __str__(self) -> str:
        return f"{self.project_id} {self.period}"


class Evidence(models.Model):
    """A file proving an update (PDF or image), stored outside the web root."""

    update = models.ForeignKey(
        ProjectUpdate, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("update")
    )
    file = models.FileField(storage=evidence_storage, upload_to="%Y/%m", verbose_name=_("file"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    content_type = models.CharField(max_length=50, verbose_name=_("content type"))
    size = models.PositiveIntegerField(verbose_name=_("size"))
    sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256"))

    class Meta:
        ordering = ["update", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


class ReturnPeriod(models.Model):
    """A return period the bureau opened for a series (2024-Q1, due on a date)."""

    series = models.ForeignKey(
        "events.Series", on_delete=models.CASCADE, related_name="return_periods", verbose_name=_("series")
    )
    period = models.CharField(max_length=7, verbose_name=_("period"))
    due_on = models.DateField(verbose_name=_("due on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(default=timezone.now, verbose_name=_("opened at"))
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))

    class Meta:
        ordering = ["series", "-due_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["series", "period"], name="followup_period_unique")]
        verbose_name = _("return period")
        verbose_name_plural = _("return periods")

    def __str__(self) -> str:
        return f"{self.series.slug} {self.period}"


class ReturnLink(models.Model):
    """A responsible unit's private link for one period: SHA-256 of a 256-bit secret, like the units'."""

    return_period = models.ForeignKey(
        ReturnPeriod, on_delete=models.CASCADE, related_name="links", verbose_name=_("return period")
    )
    organization = models.ForeignKey(
        "events.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    token_hash = models.CharField(max_length=64, unique=True, verbose_name=_("token hash"))
    emailed_to = models.JSONField(default=list, blank=True, verbose_name=_("emailed to"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))

    class Meta:
        ordering = ["return_period", "id"]
        constraints = [
            models.UniqueConstraint(fields=["return_period", "organization"], name="followup_link_unique")
        ]
        verbose_name = _("return link")
        verbose_name_plural = _("return links")

    def __str__(self) -> str:
        return f"{self.return_period} {self.organization}"
