"""Organisers (tenants) and their teams. An organiser owns its series (events.Series.organizer); a team holds
flags (organizers.permissions.FLAGS) over a scope: the whole organiser, listed series (and so every edition of
them, future ones included) or listed editions. organizers/permissions.py is the only reader of these rows
for a decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organizer(models.Model):
    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_en = models.CharField(max_length=200, blank=True, verbose_name=_("name (English)"))
    require_two_factor = models.BooleanField(
        default=False,
        help_text="Require two factors for teams with admin, settings or registrations.",
        verbose_name=_("require two factor"),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organizer")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="huiwu_teams", blank=True, verbose_name=_("members")
    )
    permissions = models.JSONField(
        default=list, blank=True, help_text='Flags, e.g. ["checkin"].', verbose_name=_("permissions")
    )
    all_series = models.BooleanField(
        default=False, help_text="Scope: the whole organiser.", verbose_name=_("all series")
    )
    series = models.ManyToManyField(
        "events.Series", related_name="teams", blank=True, verbose_name=_("series")
    )
    editions = models.ManyToManyField(
        "events.Edition", related_name="teams", blank=True, verbose_name=_("editions")
    )

    class Meta:
        ordering = ["organizer", "name"]
        constraints = [models.UniqueConstraint(fields=["organizer", "name"], name="team_name_per_organizer")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.organizer.slug}: {self.name}"
