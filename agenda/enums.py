from django.db import models


class SessionKind(models.TextChoices):
    OPENING = "opening", "开幕式 Opening"
    SPEECH = "speech", "致辞 Speech"
    KEYNOTE = "keynote", "主旨演讲 Keynote"
    TALK = "talk", "演讲 Talk"
    PANEL = "panel", "圆桌对话 Panel"
    FORUM = "forum", "分论坛 Forum"
    ANNOUNCEMENT = "announcement", "发布 Announcement"
    LAUNCH = "launch", "启动仪式 Launch"
    SIGNING_CEREMONY = "signing_ceremony", "签约仪式 Signing ceremony"
    AWARDING_CEREMONY = "awarding_ceremony", "授牌仪式 Awarding ceremony"
    VISIT = "visit", "参观考察 Visit"
    BREAK = "break", "茶歇 Break"
    MEAL = "meal", "用餐 Meal"
    OTHER = "other", "其他 Other"


class ChangeType(models.TextChoices):
    """What a release's change log says happened to a session since the previous release."""

    NEW = "new", "新增 New"
    MOVED = "moved", "调整时间或地点 Moved"
    CHANGED = "changed", "内容调整 Changed"
    CANCELLED = "cancelled", "取消 Cancelled"


class ConflictKind(models.TextChoices):
    ROOM_DOUBLE_BOOKED = "room_double_booked", "会场冲突 Room double-booked"
    PERSON_DOUBLE_BOOKED = "person_double_booked", "人员冲突 Person in two places"
    OUTSIDE_EDITION = "outside_edition", "不在会期内 Outside the edition's days"
    ROOM_TOO_SMALL = "room_too_small", "会场容量不足 Room too small"
