import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from events.models import Category, Edition, Organization, Registration

from .enums import SessionKind


class Room(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Seats; empty: not limited.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="room_name_unique")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A speaker or host on the programme; linked to their registration when they registered."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="agenda_people")
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=200, blank=True)
    title_en = models.CharField(max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_people"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_people"
    )

    class Meta:
        ordering = ["edition", "id"]
        verbose_name_plural = "people"
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="agenda_person_name_unique")]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """The working copy of one programme item. Publishing freezes all of them into a Release."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    # Stable across releases (the iCalendar UID); a cloned edition gets new ones.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=24, choices=SessionKind.choices, default=SessionKind.TALK)
    title = models.CharField(max_length=200)
    title_en = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    # Aware datetimes; shown and entered in the edition's time zone.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="sessions")
    host = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_sessions"
    )
    speakers = models.ManyToManyField(Person, through="SessionSpeaker", related_name="sessions", blank=True)
    expected_categories = models.ManyToManyField(
        Category, blank=True, related_name="agenda_sessions", help_text="Who is expected in the room."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "starts_at", "room__order", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_times")]
        indexes = [models.Index(fields=["edition", "starts_at"], name="session_edition_start")]

    def __str__(self) -> str:
        return self.title


class SessionSpeaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speaker_links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="speaker_links")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["session", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="session_speaker_unique")]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.person_id}"


class Release(models.Model):
    """A published, frozen version of the programme (as pretalx does it)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="agenda_releases")
    version = models.PositiveIntegerField()
    comment = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # The sessions as published (plain data) and what changed since the previous release.
    snapshot = models.JSONField(default=list)
    changes = models.JSONField(default=list)
    # The public JSON, serialised once at publish time and served as it is.
    payload = models.BinaryField()
    etag = models.CharField(max_length=64)

    class Meta:
        ordering = ["edition", "-version"]
        constraints = [models.UniqueConstraint(fields=["edition", "version"], name="release_version_unique")]

    def __str__(self) -> str:
        return f"{self.edition_id} v{self.version}"
