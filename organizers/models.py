"""Organisers (tenants) and their teams. An organiser owns its series (events.Series.organizer); a team holds
flags (organizers.permissions.FLAGS) over a scope: the whole organiser, listed series (and so every edition of
them, future ones included) or listed editions. organizers/permissions.py is the only reader of these rows
for a decision."""

from django.conf import settings
from django.db import models


class Organizer(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    require_two_factor = models.BooleanField(
        default=False, help_text="Require two factors for teams with admin, settings or registrations."
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=100)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="huiwu_teams", blank=True)
    permissions = models.JSONField(default=list, blank=True, help_text='Flags, e.g. ["checkin"].')
    all_series = models.BooleanField(default=False, help_text="Scope: the whole organiser.")
    series = models.ManyToManyField("events.Series", related_name="teams", blank=True)
    editions = models.ManyToManyField("events.Edition", related_name="teams", blank=True)

    class Meta:
        ordering = ["organizer", "name"]
        constraints = [models.UniqueConstraint(fields=["organizer", "name"], name="team_name_per_organizer")]

    def __str__(self) -> str:
        return f"{self.organizer.slug}: {self.name}"
