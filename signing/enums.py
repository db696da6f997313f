from django.db import models


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "拟签约 Planned"
    CONFIRMED = "confirmed", "已确认 Confirmed"
    SIGNED = "signed", "已签约 Signed"
    CANCELLED = "cancelled", "已取消 Cancelled"


class Currency(models.TextChoices):
    CNY = "CNY", "人民币 CNY"
    USD = "USD", "美元 USD"
    EUR = "EUR", "欧元 EUR"
    HKD = "HKD", "港元 HKD"


class AwardStatus(models.TextChoices):
    ACTIVE = "active", "有效 Active"
    EXPIRED = "expired", "已过期 Expired"
    REVOKED = "revoked", "已撤销 Revoked"


# Party roles on a Chinese contract: 甲方, 乙方, 丙方 ... (A, B, C ...).
PARTY_ROLE_ZH = dict(zip("ABCDEFGHIJ", "甲乙丙丁戊己庚辛壬癸", strict=True))
