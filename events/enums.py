from django.db import models


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "待审核 Pending"
    CONFIRMED = "confirmed", "已确认 Confirmed"
    WAITLISTED = "waitlisted", "候补 Waitlisted"
    CANCELLED = "cancelled", "已取消 Cancelled"
    REJECTED = "rejected", "未通过 Rejected"


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
