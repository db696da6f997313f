from django.db import models

# The one wording of each registration status, (中文, English). Pages, the staff list, the unit contact's
# page and the model's choices (the admin, get_status_display) all read it from here.
STATUS_WORDS = {
    "pending": ("待审核", "Awaiting approval"),
    "confirmed": ("已确认", "Confirmed"),
    "waitlisted": ("候补中", "On the waiting list"),
    "cancelled": ("已取消", "Cancelled"),
    "rejected": ("未通过", "Not approved"),
}


def _both(status: str) -> str:
    return " ".join(STATUS_WORDS[status])


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _both("pending")
    CONFIRMED = "confirmed", _both("confirmed")
    WAITLISTED = "waitlisted", _both("waitlisted")
    CANCELLED = "cancelled", _both("cancelled")
    REJECTED = "rejected", _both("rejected")


# Statuses that hold (or wait for) a place: one person has at most one such registration per edition.
ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class Language(models.TextChoices):
    ZH = "zh-hans", "中文"
    EN = "en", "English"


class Role(models.TextChoices):
    """Staff roles, each a Django group of the same name."""

    ORGANISER = "organiser", "Organiser"
    CHECKIN = "checkin", "Check-in"
    VIEWER = "viewer", "Viewer"


class ScanVerdict(models.TextChoices):
    OK = "ok", "OK"
    ALREADY_CHECKED_IN = "already_checked_in", "Already checked in"
    UNKNOWN = "unknown", "Unknown ticket"
    CANCELLED = "cancelled", "Cancelled"
    NOT_CONFIRMED = "not_confirmed", "Not confirmed"
    WRONG_EVENT = "wrong_event", "Wrong event"
    NOT_ALLOWED = "not_allowed", "Not allowed here"


class EntryRule(models.TextChoices):
    """How often a check-in point admits the same ticket."""

    ONCE = "once", "仅一次 Once"
    DAILY = "daily", "每天一次 Once a day"
    MANY = "many", "可多次 Many times"
