"""One row per staff write, sign-in, failed sign-in and token use from a new address. Append-only: rows are
never changed or deleted through huiwu (save refuses an existing row, delete raises, a database trigger
refuses UPDATE, and on PostgreSQL DELETE too)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """An attempt to change or delete an audit row."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit entries cannot be changed")

    def delete(self):
        raise AppendOnly("audit entries cannot be deleted")


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("at"))
    # No database constraint and no cascade: deleting a user or an edition leaves its entries as they were.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(max_length=150, blank=True, verbose_name=_("username"))
    token_id = models.BigIntegerField(
        null=True, blank=True, verbose_name=_("token ID")
    )  # the API token's id, never its secret
    edition = models.ForeignKey(
        "events.Edition",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edition"),
    )
    # The organiser of a write that names no edition (its teams, members, tokens, series), for the
    # organiser's audit log; an edition's entries reach it through the edition.
    organizer = models.ForeignKey(
        "organizers.Organizer",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizer"),
    )
    action = models.CharField(max_length=100, db_index=True, verbose_name=_("action"))
    object = models.CharField(max_length=200, blank=True, verbose_name=_("object"))
    changes = models.JSONField(
        default=dict, blank=True, verbose_name=_("changes")
    )  # {field: [before, after]}; personal: {field: null}
    ip = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["edition", "-at"]), models.Index(fields=["organizer", "-at"])]
        verbose_name = _("audit entry")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.action} {self.object}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries cannot be deleted")
