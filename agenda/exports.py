"""Exports of the programme: iCalendar (published release), printed programme PDF and XLSX (working copy)."""

import datetime as dt
import io

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from documents.pipeline import render_pdf
from documents.spreadsheets import append
from events.enums import in_both
from events.models import Edition

from . import selectors
from .enums import SessionKind
from .models import Release
from .services import diff_snapshots


def kind_label(kind: str) -> str:
    """A session's kind in both languages ("开幕式 Opening"), as the programme and its XLSX print it."""
    return in_both(SessionKind(kind).label) if kind in SessionKind.values else kind


def _people_line(people: list[dict], en: bool) -> str:
    parts = []
    for p in people:
        name = (p["name_en"] or p["name"]) if en else p["name"]
        title = (p["title_en"] or p["title"]) if en else p["title"]
        org = (p["organization_en"] or p["organization"]) if en else p["organization"]
        parts.append(
            ", ".join(x for x in (name, title, org) if x)
            if en
            else " ".join(x for x in (org, title, name) if x)
        )
    return "; ".join(parts)


def agenda_ics(edition: Edition, release: Release) -> bytes:
    """One VEVENT per session, UIDs stable across releases, times with the edition's TZID."""
    tz = selectors.edition_tz(edition)
    cal = Calendar()
    cal.add("prodid", "-//huiwu//agenda//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{edition.name} / {edition.name_en}" if edition.name_en else edition.name)
    cal.add("x-wr-timezone", tz.key)
    stamp = release.published_at.astimezone(dt.UTC)
    site = settings.SITE_URL.rstrip("/")
    for s in release.snapshot:
        event = Event()
        event.add("uid", f"{s['uid']}@huiwu")
        event.add("dtstamp", stamp)
        event.add("dtstart", selectors.local(s["starts_at"], tz))
        event.add("dtend", selectors.local(s["ends_at"], tz))
        event.add("sequence", s.get("sequence", 0))
        summary = s["title"] if not s["title_en"] else f"{s['title']} / {s['title_en']}"
        event.add("summary", summary)
        event.add("location", s["room"] if not s["room_en"] else f"{s['room']} / {s['room_en']}")
        lines = [x for x in (s["description"], s["description_en"]) if x]
        if s["speakers"]:
            lines.append(_people_line(s["speakers"], False))
            lines.append(_people_line(s["speakers"], True))
        if lines:
            event.add("description", "\n".join(lines))
        event.add("categories", [s["kind"]])
        if site:
            event.add("url", site + reverse("agenda", kwargs={"slug": edition.slug}) + f"#s{s['id']}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def programme_context(edition: Edition) -> dict:
    """Plain data for templates/documents/programme.html: the working copy by day and room."""
    tz = selectors.edition_tz(edition)
    sessions = selectors.working_copy(edition)
    rooms = selectors.rooms(edition)
    days = selectors.programme_days(sessions, [r.name for r in rooms], tz)
    latest = selectors.latest_release(edition)
    unpublished = True
    if latest is not None:
        unpublished = bool(diff_snapshots(latest.snapshot, sessions))
    weekday_zh = "一二三四五六日"
    for day in days:
        d = day["date"]
        day["label"] = f"{d.year}年{d.month}月{d.day}日（星期{weekday_zh[d.weekday()]}）"
        day["label_en"] = d.strftime("%A %-d %B %Y")
        for item in day["sessions"]:
            item["kind_label"] = kind_label(item["kind"])
            item["speakers_zh"] = _people_line(item["speakers"], False)
            item["speakers_en"] = _people_line(item["speakers"], True)
            item["host_zh"] = _people_line([item["host"]], False) if item["host"] else ""
            item["host_en"] = _people_line([item["host"]], True) if item["host"] else ""
    return {
        "edition": {
            "name": edition.name,
            "name_en": edition.name_en,
            "tagline": edition.tagline,
            "tagline_en": edition.tagline_en,
            "venue": edition.venue,
            "venue_en": edition.venue_en,
            "starts_on": edition.starts_on.isoformat(),
            "ends_on": edition.ends_on.isoformat(),
        },
        "rooms": [{"name": r.name, "name_en": r.name_en, "capacity": r.capacity} for r in rooms],
        "days": days,
        "release": latest.version if latest else None,
        "unpublished": unpublished,
        "printed_at": timezone.now().astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "timezone": tz.key,
    }


def programme_pdf(edition: Edition) -> bytes:
    return render_pdf("documents/programme.html", programme_context(edition))


def agenda_xlsx(edition: Edition) -> bytes:
    """The working copy as a spreadsheet for the printer: one row per session, both languages."""
    # openpyxl loads only when a spreadsheet is made: a heavy import kept off every other request
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    tz = selectors.edition_tz(edition)
    wb = Workbook()
    ws = wb.active
    ws.title = "Programme 议程"
    header = [
        "日期 Date",
        "开始 Start",
        "结束 End",
        "会场 Room",
        "Room",
        "类型 Kind",
        "议程 Title",
        "Title",
        "演讲嘉宾 Speakers",
        "Speakers",
        "主持 Host",
        "Host",
    ]
    append(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="9B1C1C")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for s in selectors.working_copy(edition):
        start, end = selectors.local(s["starts_at"], tz), selectors.local(s["ends_at"], tz)
        host = [s["host"]] if s["host"] else []
        append(
            ws,
            [
                start.date(),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                s["room"],
                s["room_en"],
                kind_label(s["kind"]),
                s["title"],
                s["title_en"],
                _people_line(s["speakers"], False),
                _people_line(s["speakers"], True),
                _people_line(host, False),
                _people_line(host, True),
            ],
        )
        ws.cell(row=ws.max_row, column=1).number_format = "yyyy-mm-dd"
    widths = [12, 8, 8, 14, 16, 16, 40, 48, 40, 48, 24, 30]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
