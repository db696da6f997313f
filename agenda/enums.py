from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    SPEECH = "speech", _("Speech")
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    FORUM = "forum", _("Forum")
    ANNOUNCEMENT = "announcement", _("Announcement")
    LAUNCH = "launch", _("Launch")
    SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
    AWARDING_CEREMONY = "awarding_ceremony", _("Awarding ceremony")
    VISIT = "visit", _("Visit")
    BREAK = "break", _("Break")
    MEAL = "meal", _("Meal")
    OTHER = "other", _("Other")


class ChangeType(models.TextChoices):
    """What a release's change log says happened to a session since the previous release."""

    NEW = "new", _("New")
    MOVED = "moved", _("Moved")
    CHANGED = "changed", _("Changed")
    CANCELLED = "cancelled", pgettext_lazy("agenda change", "Cancelled")


class ConflictKind(models.TextChoices):
    ROOM_DOUBLE_BOOKED = "room_double_booked", _("Room double-booked")
    PERSON_DOUBLE_BOOKED = "person_double_booked", _("Person in two places")
    OUTSIDE_EDITION = "outside_edition", _("Outside the edition's days")
    ROOM_TOO_SMALL = "room_too_small", _("Room too small")
