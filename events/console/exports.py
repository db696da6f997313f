"""The registrations as an organiser's spreadsheet (XLSX): one row per person, bilingual headers, real dates,
every cell written through documents/spreadsheets.py (typed text never becomes a formula). Here in the console,
which reads both packages, since it adds each person's unit and reply form (回执) to registration's list."""

import zoneinfo

from django.db.models import Min

from documents.spreadsheets import workbook_bytes

from ..enums import status_in_both
from ..models import Edition
from ..registration.selectors import list_registrations
from ..units.reply_form import asked_fields
from ..units.unit_sheets import REPLY_HEADERS

HEADERS = [
    "报名编号 Code",
    "姓名 Name",
    "英文名 Name in Latin letters",
    "单位 Organisation",
    "职务 Job title",
    "电子邮箱 E-mail",
    "手机 Mobile",
    "类别 Category",
    "状态 Status",
    "报名时间 Registered at",
    "首次签到 First check-in",
]


def registrations_xlsx(
    edition: Edition, *, category: str | None = None, status: str | None = None, q: str | None = None
) -> bytes:
    """The registrations the dashboard shows for the same filters, oldest first."""
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    regs = (
        list_registrations(edition, category=category, status=status, q=q)
        .annotate(first_in=Min("admissions__first_at"))
        .order_by("created_at", "pk")
    )
    # The unit (单位) and the reply form's answers (回执), the fields this edition asks.
    reply_fields = asked_fields(edition)
    reply_labels = dict(REPLY_HEADERS)
    headers = HEADERS + ["参会单位 Unit"] + [reply_labels[f] for f in reply_fields]
    regs = regs.select_related("unit__organization", "reply")

    def answer(reg, name):
        reply = getattr(reg, "reply", None)
        value = getattr(reply, name) if reply is not None else None
        if name == "room_type" and value:
            return reply.get_room_type_display()
        return {True: "是 yes", False: "否 no"}.get(value, value) if isinstance(value, bool) else value

    def local(value):
        return value.astimezone(tz).replace(tzinfo=None) if value else None

    rows = (
        [
            r.code,
            r.name,
            r.name_en,
            r.organization.name if r.organization else "",
            r.title,
            r.email,
            r.phone,
            f"{r.category.name} {r.category.name_en}".strip(),
            status_in_both(r.status),
            local(r.created_at),
            local(r.first_in),
            r.unit.organization.name if r.unit else "",
            *[answer(r, f) for f in reply_fields],
        ]
        for r in regs
    )
    return workbook_bytes([("报名 Registrations", headers, rows)])
