from django.db import models


class PlanKind(models.TextChoices):
    ROSTRUM = "rostrum", "主席台 Rostrum"
    FLOOR = "floor", "会场 Floor"
    SIGNING = "signing", "签约桌 Signing table"
    BANQUET = "banquet", "宴会 Banquet"


class Honour(models.TextChoices):
    LEFT = "left", "以左为尊 Left (Chinese government practice)"
    RIGHT = "right", "以右为尊 Right (international practice)"


class OrderBy(models.TextChoices):
    LIST = "list", "按公布名单 Published list"
    STROKES = "strokes", "按姓氏笔画 Stroke order"
    PINYIN = "pinyin", "按拼音 Pinyin"


class Layout(models.TextChoices):
    ACROSS = "across", "横排 Across the rows"
    COLUMNS = "columns", "竖排 A unit per column"
    CENTRE = "centre", "左右 Outwards from the centre"
