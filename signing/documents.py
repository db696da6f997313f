"""The ceremony's documents: plain dicts built here, templates/documents/*.html render them, the shared
pipeline (documents.pipeline.render_pdf) turns them into PDF. Also the XLSX export of the project list."""

import datetime as dt
import io
import unicodedata
import zipfile
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import FieldError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext

from documents.pipeline import ARCHIVAL, env, font_config, render_pdf
from documents.qr import qr_png_data_uri
from documents.spreadsheets import append
from events.enums import in_both
from events.exceptions import InvalidInput, NotFound
from events.models import Edition

from . import selectors
from .enums import ProjectStatus
from .money import amount_en, amount_text, amount_zh

KINDS = ("run-of-show", "signing-list", "placards", "certificates")
LANGS = ("zh", "en", "both")

# Minutes each step of the ceremony takes (a typical Chinese signing ceremony; the session's own times
# take precedence for the start, and the plan warns when it runs past the session's end).
MINUTES = {"opening": 2, "guests": 3, "sign": 2, "exchange": 1, "group_photo": 2, "close": 1}


def check_lang(lang: str | None) -> str:
    lang = (lang or "zh").strip().lower()
    if lang not in LANGS:
        raise InvalidInput(gettext("lang must be zh, en or both."), field="lang")
    return lang


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
        from agenda.models import Session

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


def _name_width_em(name: str) -> float:
    """Approximate width of a name in em: CJK and full-width one em, Latin letters about half."""
    width = 0.0
    for ch in name:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        elif ch.isspace():
            width += 0.3
        elif ch.isupper():
            width += 0.68
        else:
            width += 0.55
    return max(width, 1.0)


# The name area of a placard face: 180 mm wide by about 70 mm high (A4 portrait folded in two).
PLACARD_WIDTH_PT = 180 / 25.4 * 72 * 0.92
PLACARD_MAX_PT = 150.0
PLACARD_MIN_PT = 28.0


def placard_name(name: str) -> str:
    """Two-character Chinese names get a full-width space between the characters, as 桌签 are set."""
    if len(name) == 2 and all(unicodedata.east_asian_width(c) == "W" for c in name):
        return f"{name[0]}\u3000{name[1]}"
    return name


def name_size_pt(name: str, max_pt: float = PLACARD_MAX_PT) -> float:
    return round(max(PLACARD_MIN_PT, min(max_pt, PLACARD_WIDTH_PT / _name_width_em(name))), 1)


def placards_context(edition: Edition, projects: list[dict], lang: str) -> dict:
    """One placard per signatory and per witnessing leader (each person once), in stage order."""
    cards, seen = [], set()
    for p in projects:
        if p["status"] == ProjectStatus.CANCELLED:
            continue
        people = [
            (party["signatory"], party["signatory_en"], party["organization"], party["organization_en"])
            for party in p["parties"]
            if party["signatory"]
        ] + [(w["name"], w["name_en"], w["title"], "") for w in p["witnesses"]]
        for name, name_en, line, line_en in people:
            key = (name, line)
            if key in seen:
                continue
            seen.add(key)
            shown = name_en if lang == "en" and name_en else placard_name(name)
            cards.append(
                {
                    "name": shown,
                    "size": name_size_pt(shown),
                    "name_en": name_en if lang == "both" else "",
                    "line": (line_en or line) if lang == "en" else line,
                    "line_en": line_en if lang == "both" else "",
                }
            )
    return {"lang": lang, "edition": edition_info(edition), "cards": cards}


def certificate_data(award_dict: dict, edition: dict | None) -> dict:
    serial = award_dict["serial"]
    return {
        **award_dict,
        "qr": qr_png_data_uri(f"{settings.SITE_URL}/verify/{serial}", 8),
        "verify_url": f"{settings.SITE_URL}/verify/{serial}",
        "edition_name": edition["name"] if edition else "",
        "edition_name_en": edition["name_en"] if edition else "",
    }


def certificates_context(awards: list[dict], lang: str, edition: dict | None = None) -> dict:
    return {"lang": lang, "certificates": [certificate_data(a, edition) for a in awards]}


TEMPLATES = {
    "run-of-show": "documents/run_of_show.html",
    "signing-list": "documents/signing_list.html",
    "placards": "documents/placards.html",
    "certificates": "documents/certificate.html",
}
# Strict XHTML templates (documents.pipeline, strict=True: parsed by expat, a small user-agent sheet;
# templates/documents/_signing_ua.css holds what they use of the HTML one).
STRICT = frozenset({"run-of-show", "signing-list", "placards"})
# Certificates are archival records: PDF/A-3b and tagged (documents.pipeline.ARCHIVAL).
PDF_OPTIONS = {"certificates": ARCHIVAL}


def document_context(edition: Edition, kind: str, lang: str, projects: list[dict] | None = None) -> dict:
    """The plain data of one document (all the queries happen here, none in the template)."""
    if kind == "certificates":
        awards = [selectors.award_out(a) for a in selectors.edition_awards(edition)]
        return certificates_context(awards, lang, edition_info(edition))
    projects = selectors.project_list(edition) if projects is None else projects
    if kind == "run-of-show":
        return run_of_show_context(edition, projects, lang, ceremony_session(edition))
    if kind == "signing-list":
        return signing_list_context(edition, projects, lang)
    return placards_context(edition, projects, lang)


def render_document(edition: Edition, kind: str, lang: str = "zh") -> bytes:
    """One of the ceremony's PDFs for an edition."""
    lang = check_lang(lang)
    if kind not in KINDS:
        raise NotFound(f"No document '{kind}'. Documents: {', '.join(KINDS)}.")
    return render_pdf(
        TEMPLATES[kind],
        document_context(edition, kind, lang),
        strict=kind in STRICT,
        pdf_options=PDF_OPTIONS.get(kind),
    )


# The ceremony pack: every document of the ceremony in one ZIP, the largest first so that the two
# worker processes finish together (placards are the most pages, the signing list the fewest).
PACK_ORDER = ("placards", "run-of-show", "signing-list", "certificates")


def render_ceremony_pack(edition: Edition, lang: str = "zh", *, workers: int | None = None) -> bytes:
    """All the ceremony's documents as one ZIP of PDFs: run-of-show, signing list and placards, and the
    certificates when the edition has awards.

    WeasyPrint is single-threaded and CPU-bound: the documents are laid out side by side in render
    processes (the badges' pool: forked from a warm, pipeline-only fork server, documents.render_process;
    plain fork where there is none). The data is read here; the render processes only turn plain dicts
    into PDF bytes and touch no database. See bench/signing_docs.py."""
    from documents import render_process
    from events.badges import render

    lang = check_lang(lang)
    workers = render.WORKERS if workers is None else workers
    if workers > 1:
        render_process.start()  # the fork server (first use in this process) warms up while we read
    projects = selectors.project_list(edition)
    jobs = {kind: (TEMPLATES[kind], document_context(edition, kind, lang, projects)) for kind in PACK_ORDER}
    if not jobs["certificates"][1]["certificates"]:
        del jobs["certificates"]  # no awards at this edition: no empty certificates document
    pool = render.render_pool(workers)
    if pool is None:
        pdfs = {
            kind: render_pdf(*job, strict=kind in STRICT, pdf_options=PDF_OPTIONS.get(kind))
            for kind, job in jobs.items()
        }
    else:
        font_config()  # under plain fork (no fork server): fontconfig initialised once, before it
        for template, _ in jobs.values():
            env.get_template(template)  # under plain fork: compiled once, inherited by the children
        with pool:
            futures = {
                kind: pool.submit(render_pdf, *job, strict=kind in STRICT, pdf_options=PDF_OPTIONS.get(kind))
                for kind, job in jobs.items()
            }
            pdfs = {kind: future.result() for kind, future in futures.items()}
    buf = io.BytesIO()
    # Stored, not deflated: the PDFs' streams are compressed already.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        for kind in KINDS:
            if kind in pdfs:
                archive.writestr(f"{edition.slug}-{kind}-{lang}.pdf", pdfs[kind])
    return buf.getvalue()


def render_certificate(award, lang: str = "both") -> bytes:
    lang = check_lang(lang)
    edition = edition_info(award.edition) if award.edition_id else None
    return render_pdf(
        TEMPLATES["certificates"],
        certificates_context([selectors.award_out(award)], lang, edition),
        pdf_options=ARCHIVAL,
    )


def projects_xlsx(edition: Edition) -> bytes:
    """The project list as a spreadsheet (openpyxl): one row per project, amounts as numbers in 元."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    projects = selectors.project_list(edition)
    wb = Workbook()
    ws = wb.active
    ws.title = "签约项目"
    header = [
        "序号 Order",
        "项目名称",
        "Project",
        "领域 Sector",
        "金额（元）Amount",
        "币种 Currency",
        "金额 Display",
        "状态 Status",
        "签约方 Parties",
        "见签领导 Witnesses",
        "备注 Notes",
    ]
    append(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in projects:
        parties = "\n".join(
            f"{x['role_zh']} {x['organization']}"
            + (f"（{x['signatory']} {x['signatory_title']}）".replace(" ）", "）") if x["signatory"] else "")
            for x in p["parties"]
        )
        witnesses = "\n".join(f"{w['name']} {w['title']}".strip() for w in p["witnesses"])
        append(
            ws,
            [
                p["order"],
                p["name"],
                p["name_en"],
                p["sector"],
                p["amount"],
                p["currency"],
                p["amount_display"],
                in_both(ProjectStatus(p["status"]).label),
                parties,
                witnesses,
                p["notes"],
            ],
        )
        ws.cell(row=ws.max_row, column=5).number_format = "#,##0.00"
    sums = selectors.totals(projects)
    for currency, amount in sums["by_currency"].items():
        append(
            ws, ["", f"合计 Total ({sums['count']})", "", "", amount, currency, amount_zh(amount, currency)]
        )
        ws.cell(row=ws.max_row, column=5).number_format = "#,##0.00"
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJK", (8, 36, 40, 16, 18, 10, 14, 12, 50, 30, 30), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
