"""The ceremony's documents as plain dicts (run-of-show, signing list, certificates): all the queries
happen here, none in the templates (templates/documents/*.html); `signing.documents` renders them."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import FieldError
from django.db import DatabaseError, transaction

from agenda.models import Session
from documents.qr import qr_png_data_uri
from events.models import Edition

from . import selectors
from .enums import ProjectStatus
from .money import amount_en, amount_text, amount_zh

# Minutes each step of the ceremony takes (a typical Chinese signing ceremony; the session's own times
# take precedence for the start, and the plan warns when it runs past the session's end).
MINUTES = {"opening": 2, "guests": 3, "sign": 2, "exchange": 1, "group_photo": 2, "close": 1}


def edition_info(edition: Edition) -> dict:
    return {
        "slug": edition.slug,
        "name": edition.name,
        "name_en": edition.name_en or edition.name,
        "venue": edition.venue,
        "venue_en": edition.venue_en or edition.venue,
        "starts_on": edition.starts_on,
        "timezone": edition.timezone,
    }


def ceremony_session(edition: Edition, kind: str = "signing_ceremony") -> dict | None:
    """The agenda's ceremony session, when the agenda app has one (guarded: agenda may not exist yet)."""
    try:
        with transaction.atomic():
            session = Session.objects.filter(edition=edition, kind=kind).order_by("starts_at").first()
    except (ImportError, LookupError, FieldError, DatabaseError):
        return None
    if session is None or not getattr(session, "starts_at", None):
        return None
    tz = ZoneInfo(edition.timezone)
    room = getattr(session, "room", None)
    return {
        "title": getattr(session, "title", "") or "",
        "title_en": getattr(session, "title_en", "") or "",
        "starts_at": session.starts_at.astimezone(tz),
        "ends_at": session.ends_at.astimezone(tz) if getattr(session, "ends_at", None) else None,
        "room": str(getattr(room, "name", room) or ""),
        "room_en": str(getattr(room, "name_en", "") or ""),
    }


def _guests(projects: list[dict]) -> list[dict]:
    """Witnessing leaders first (in order of appearance), then the signatories, each once."""
    seen, guests = set(), []
    for p in projects:
        for w in p["witnesses"]:
            if w["name"] not in seen:
                seen.add(w["name"])
                guests.append(
                    {"name": w["name"], "name_en": w["name_en"], "title": w["title"], "role": "witness"}
                )
    for p in projects:
        for party in p["parties"]:
            if party["signatory"] and party["signatory"] not in seen:
                seen.add(party["signatory"])
                guests.append(
                    {
                        "name": party["signatory"],
                        "name_en": party["signatory_en"],
                        "title": f"{party['organization']} {party['signatory_title']}".strip(),
                        "role": "signatory",
                    }
                )
    return guests


def run_of_show_context(edition: Edition, projects: list[dict], lang: str, session: dict | None) -> dict:
    live = [p for p in projects if p["status"] != ProjectStatus.CANCELLED]
    tz = ZoneInfo(edition.timezone)
    start = session["starts_at"] if session else dt.datetime.combine(edition.starts_on, dt.time(10, 0), tz)
    steps, clock = [], start

    def step(minutes: int, kind: str, zh: str, en: str, **extra) -> None:
        nonlocal clock
        steps.append(
            {"at": clock.strftime("%H:%M"), "minutes": minutes, "kind": kind, "zh": zh, "en": en, **extra}
        )
        clock += dt.timedelta(minutes=minutes)

    step(
        MINUTES["opening"],
        "opening",
        "主持人开场，宣布签约仪式开始",
        "The host opens the ceremony",
    )
    guests = _guests(live)
    step(
        MINUTES["guests"],
        "guests",
        "主持人介绍出席领导和嘉宾",
        "The host introduces the guests",
        guests=guests,
    )
    for number, p in enumerate(live, start=1):
        step(
            MINUTES["sign"],
            "sign",
            f"第{number}项签约：{p['name']}",
            f"Signing {number}: {p['name_en'] or p['name']}",
            project=p,
            amount=amount_text(p["amount"], p["currency"], lang),
        )
        step(
            MINUTES["exchange"],
            "exchange",
            "交换文本，握手合影",
            "Exchange of texts, handshake and photo",
        )
    step(
        MINUTES["group_photo"],
        "group_photo",
        "签约代表与见签领导集体合影",
        "Group photo of signatories and witnessing leaders",
    )
    step(MINUTES["close"], "close", "主持人宣布签约仪式结束", "The host closes the ceremony")
    overrun = None
    if session and session["ends_at"] and clock > session["ends_at"]:
        overrun = int((clock - session["ends_at"]).total_seconds() // 60)
    return {
        "lang": lang,
        "edition": edition_info(edition),
        "session": session,
        "day": start.strftime("%Y-%m-%d"),
        "starts": start.strftime("%H:%M"),
        "ends": clock.strftime("%H:%M"),
        "planned_end": session["ends_at"].strftime("%H:%M") if session and session["ends_at"] else None,
        "overrun": overrun,
        "steps": steps,
        "summary": selectors.press_summary(edition, projects),
    }


def signing_list_context(edition: Edition, projects: list[dict], lang: str) -> dict:
    sums = selectors.totals(projects)
    rows = []
    for p in projects:
        rows.append({**p, "amount_text": amount_text(p["amount"], p["currency"], lang)})
    return {
        "lang": lang,
        "edition": edition_info(edition),
        "projects": rows,
        "count": sums["count"],
        "totals": [
            {"currency": c, "zh": amount_zh(a, c), "en": amount_en(a, c), "exact": f"{a:,.2f}"}
            for c, a in sums["by_currency"].items()
        ],
        "cancelled": sum(1 for p in projects if p["status"] == ProjectStatus.CANCELLED),
    }


def certificate_data(award_dict: dict, edition: dict | None) -> dict:
    serial = award_dict["serial"]
    return {
        **award_dict,
        "qr": qr_png_data_uri(selectors.verify_url(serial), 8),
        "verify_url": selectors.verify_url(serial),
        "edition_name": edition["name"] if edition else "",
        "edition_name_en": edition["name_en"] if edition else "",
    }


def certificates_context(awards: list[dict], lang: str, edition: dict | None = None) -> dict:
    return {"lang": lang, "certificates": [certificate_data(a, edition) for a in awards]}
