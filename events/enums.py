from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


# The one wording of each registration status: the choices' labels, in English, translated by Django's
# catalogs (locale/zh_Hans: 待审核, 已确认, 候补中, 已取消, 未通过). Pages, the staff list and its filter,
# the unit contact's page, the XLSX and the admin all read `RegistrationStatus(value).label`.
class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Not approved")


def status_label(status: str) -> str:
    """A registration status in the active language (the value itself if it is not one)."""
    try:
        return str(RegistrationStatus(status).label)
    except ValueError:
        return status


def in_both(label) -> str:
    """A translatable label in both languages, "待审核 Awaiting approval": for the bilingual spreadsheets and
    print documents, whose headers carry both languages too."""
    return " ".join(in_each(label))


def in_each(label) -> tuple[str, str]:
    """A translatable label as (中文, English)."""
    words = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            words.append(str(label))
    return words[0], words[1]


def status_in_both(status: str) -> str:
    return in_both(RegistrationStatus(status).label) if status in RegistrationStatus.values else status


# Statuses that hold (or wait for) a place: one person has at most one such registration per edition.
ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class Language(models.TextChoices):
    ZH = "zh-hans", "中文"
    EN = "en", "English"


class ScanVerdict(models.TextChoices):
    """The door's verdicts, one wording each (the scanner page, the admin): `verdict_label(value)`."""

    OK = "ok", _("Checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("Already checked in")
    UNKNOWN = "unknown", _("Unknown ticket")
    CANCELLED = "cancelled", _("Registration cancelled")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
    WRONG_EVENT = "wrong_event", _("Ticket for another event")
    NOT_ALLOWED = "not_allowed", _("Not admitted at this point")


def verdict_label(verdict: str) -> str:
    """A scan verdict in the active language (the value itself if it is not one)."""
    try:
        return str(ScanVerdict(verdict).label)
    except ValueError:
        return verdict


class EntryRule(models.TextChoices):
    """How often a check-in point admits the same ticket."""

    ONCE = "once", _("Once")
    DAILY = "daily", _("Once a day")
    MANY = "many", _("Many times")
