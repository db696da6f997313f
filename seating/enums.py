from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    ROSTRUM = "rostrum", _("Rostrum")
    FLOOR = "floor", _("Floor")
    SIGNING = "signing", _("Signing table")
    BANQUET = "banquet", _("Banquet")


class Honour(models.TextChoices):
    LEFT = "left", _("Left (Chinese government practice)")
    RIGHT = "right", _("Right (international practice)")


class OrderBy(models.TextChoices):
    LIST = "list", _("Published list")
    STROKES = "strokes", _("Stroke order")
    PINYIN = "pinyin", _("Pinyin")


class Layout(models.TextChoices):
    ACROSS = "across", _("Across the rows")
    COLUMNS = "columns", _("A unit per column")
    CENTRE = "centre", _("Outwards from the centre")
