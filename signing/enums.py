from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    SIGNED = "signed", _("Signed")
    CANCELLED = "cancelled", _("Cancelled")


class Currency(models.TextChoices):
    CNY = "CNY", _("CNY")
    USD = "USD", _("USD")
    EUR = "EUR", _("EUR")
    HKD = "HKD", _("HKD")


class AwardStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


# Party roles on a Chinese contract: 甲方, 乙方, 丙方 ... (A, B, C ...).
PARTY_ROLE_ZH = dict(zip("ABCDEFGHIJ", "甲乙丙丁戊己庚辛壬癸", strict=True))
