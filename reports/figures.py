"""The edition in figures (会后总结): every number of the report, read with aggregate queries from what the
other apps hold. Counts are the ones their own pages show: units as the units page counts them
(events.units.selectors.unit_rows), hand-outs as the arrivals dashboard does (events.checkin.stats), arrivals
as the door admitted them (first admission per point, confirmed people), projects as the signing app counts
them (every project not cancelled; signing.selectors.totals)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.apps import apps
from django.db import connection
from django.db.models import CharField, Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Substr, TruncMinute
from django.utils.translation import gettext as _

from events.checkin.config import edition_config
from events.checkin.stats import handover_counts, manual_count
from events.enums import ACTIVE_STATUSES
from events.enums import RegistrationStatus as S
from events.exceptions import InvalidInput
from events.models import Admission, Edition, Registration
from events.units.selectors import unit_rows
from signing.enums import Currency, ProjectStatus
from signing.models import Award, SigningProject

from .approvals import BASIS as APPROVAL_BASIS
from .approvals import approval_median_hours
from .meals import meals, totals

BIN_MINUTES = 10
CENT = Decimal("0.01")
YI = Decimal("100000000")
# The scalar figures shown beside the previous edition's.
COMPARED = (
    "registered",
    "confirmed",
    "checked_in",
    "no_show",
    "manual",
    "attendance_rate",
    "arrivals_peak",
    "approval_median_hours",
    "projects",
    "investment_total",
    "awards",
    "meals_served",
    "meals_planned",
)


def edition_out(edition: Edition) -> dict:
    return {
        "slug": edition.slug,
        "name": edition.name,
        "name_en": edition.name_en,
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "time_zone": edition.timezone or "Asia/Shanghai",
    }


def previous_edition(edition: Edition, compare: str | None = None) -> Edition | None:
    """The edition to set beside this one: `compare` (a slug of the same series), or the series' edition
    that started last before this one. A slug of another series, or this edition itself, is a 422."""
    if compare:
        other = Edition.objects.filter(slug=compare).first()
        if other is None or other.series_id != edition.series_id or other.pk == edition.pk:
            raise InvalidInput(_("Compare with another edition of the same series."), field="compare")
        return other
    return (
        Edition.objects.filter(series_id=edition.series_id, starts_on__lt=edition.starts_on)
        .order_by("-starts_on", "-id")
        .first()
    )


def series_editions(edition: Edition) -> list[Edition]:
    """The other editions of the series, newest first: what `compare` may name."""
    return list(
        Edition.objects.filter(series_id=edition.series_id).exclude(pk=edition.pk).order_by("-starts_on")
    )


def attendance(edition: Edition, *, with_units: bool = True) -> dict:
    """Registered (pending, confirmed or waitlisted), confirmed, checked in (confirmed and admitted at any
    point), no-shows (confirmed, never admitted), people admitted by hand; by category and by unit."""
    admitted = Exists(Admission.objects.filter(registration=OuterRef("pk")))
    rows = (
        Registration.objects.filter(edition=edition)
        .values("category_id")
        .annotate(
            registered=Count("id", filter=Q(status__in=ACTIVE_STATUSES)),
            confirmed=Count("id", filter=Q(status=S.CONFIRMED)),
            checked_in=Count("id", filter=Q(status=S.CONFIRMED) & Q(admitted)),
        )
        .order_by()
    )
    per_cat = {r["category_id"]: r for r in rows}
    by_category = [
        {
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            **{k: per_cat.get(c.pk, {}).get(k, 0) for k in ("registered", "confirmed", "checked_in")},
        }
        for c in edition.categories.all()
    ]
    by_unit = [
        {
            k: u[k]
            for k in ("organization", "organization_en", "quota", "registered", "confirmed", "checked_in")
        }
        for u in (unit_rows(edition) if with_units else [])
    ]
    total = {k: sum(c[k] for c in by_category) for k in ("registered", "confirmed", "checked_in")}
    return {
        **total,
        "no_show": total["confirmed"] - total["checked_in"],
        "manual": manual_count(edition.pk),
        "attendance_rate": _rate(total["checked_in"], total["confirmed"]),
        "by_category": by_category,
        "by_unit": by_unit,
    }


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _per_minute(queryset, key: str, moment: str):
    """(key, minute, count) rows grouped by the database, the minute in UTC (a zone's offset is whole
    minutes, so the caller puts each group on the edition's clock). SQLite has no date functions of its own
    (Django runs a Python function per row there), but keeps a moment as UTC text, "YYYY-MM-DD HH:MM:SS":
    its first 16 characters are the minute, grouped by SQLite's own substr. Same groups either way."""
    if connection.vendor == "sqlite":
        rows = (
            queryset.annotate(minute=Substr(moment, 1, 16, output_field=CharField()))
            .values_list(key, "minute")
            .annotate(n=Count("id"))
            .order_by()
        )
        return [(k, dt.datetime.fromisoformat(m).replace(tzinfo=dt.UTC), n) for k, m, n in rows]
    return (
        queryset.annotate(minute=TruncMinute(moment, tzinfo=dt.UTC))
        .values_list(key, "minute")
        .annotate(n=Count("id"))
        .order_by()
    )


def _floor(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=moment.minute - moment.minute % BIN_MINUTES, second=0, microsecond=0)


def arrivals(edition: Edition, tz: zoneinfo.ZoneInfo) -> dict:
    """Per door point: first admissions of confirmed people per ten minutes (edition's local time), every bin
    from the first to the last, and the peak (the earliest bin with the most)."""
    admitted = Admission.objects.filter(point__edition=edition, registration__status=S.CONFIRMED)
    counts: dict[int, dict[dt.datetime, int]] = {}
    for point_id, moment, n in _per_minute(admitted, "point_id", "first_at"):
        slot = _floor(moment.astimezone(tz))
        point_counts = counts.setdefault(point_id, {})
        point_counts[slot] = point_counts.get(slot, 0) + n
    out = {}
    step = dt.timedelta(minutes=BIN_MINUTES)
    for point in edition.checkin_points.all():
        slots = counts.get(point.pk, {})
        bins = []
        if slots:
            # Walk in UTC: a step over a change of clock stays ten minutes long.
            at, last = min(slots).astimezone(dt.UTC), max(slots).astimezone(dt.UTC)
            while at <= last:
                local = at.astimezone(tz)
                bins.append([local.isoformat(), slots.get(local, 0)])
                at += step
        peak = max(bins, key=lambda b: b[1]) if bins else None
        out[point.code] = {
            "name": point.name,
            "name_en": point.name_en,
            "total": sum(slots.values()),
            "bins": bins,
            "peak": {"at": peak[0], "count": peak[1]} if peak else None,
        }
    return out


def registrations_per_day(edition: Edition, tz: zoneinfo.ZoneInfo) -> list[list]:
    """[date, confirmed, waitlisted]: registrations by the day they came (local date), by their status now."""
    days: dict[dt.date, list[int]] = {}
    regs = Registration.objects.filter(edition=edition, status__in=(S.CONFIRMED, S.WAITLISTED))
    for status, minute, n in _per_minute(regs, "status", "created_at"):
        counts = days.setdefault(minute.astimezone(tz).date(), [0, 0])
        counts[0 if status == S.CONFIRMED else 1] += n
    return [[day.isoformat(), *days[day]] for day in sorted(days)]


def handovers(edition: Edition) -> list[dict]:
    cfg = edition_config(edition.slug)
    counts = handover_counts(cfg)
    return [
        {
            "point": rule.code,
            "point_name": rule.name,
            "point_name_en": rule.name_en,
            "item": i["code"],
            "name": i["name"],
            "name_en": i["name_en"],
            "handed": i["handed"],
            "due": i["due"],
        }
        for rule in cfg.points.values()
        for i in counts[rule.id]
    ]


def _yuan(value) -> str:
    return f"{Decimal(value or 0).quantize(CENT):f}"


def _contract_kind_field():
    """(lookup, field) of a project's contract kind, when an installed app records one: a field on the signing
    project, or on the follow-up app's project beside it (followup.FollowedProject.contract_kind). None: the
    report leaves `by_kind` empty."""
    names = ("contract_kind", "kind")
    for name in names:
        field = next((f for f in SigningProject._meta.concrete_fields if f.name == name), None)
        if field is not None:
            return name, field
    if not apps.is_installed("followup"):
        return None
    for rel in SigningProject._meta.related_objects:
        if rel.related_model._meta.app_label != "followup" or not rel.one_to_one:
            continue
        for name in names:
            field = next((f for f in rel.related_model._meta.concrete_fields if f.name == name), None)
            if field is not None:
                return f"{rel.get_accessor_name()}__{name}", field
    return None


def signing(edition: Edition) -> dict:
    """Projects signed (not cancelled), investment in 元 (CNY amounts; other currencies listed apart), by
    sector and, when recorded, by contract kind."""
    live = SigningProject.objects.filter(edition=edition).exclude(status=ProjectStatus.CANCELLED)
    cny = Q(currency=Currency.CNY)
    total = live.aggregate(n=Count("id"), yuan=Sum("amount", filter=cny))
    by_sector = [
        {
            "sector": r["sector"],
            "sector_en": r["sector_en"],
            "projects": r["n"],
            "investment": _yuan(r["yuan"]),
        }
        for r in live.values("sector", "sector_en")
        .annotate(n=Count("id"), yuan=Sum("amount", filter=cny))
        .order_by("-yuan", "sector")
    ]
    others = [
        {"currency": r["currency"], "amount": _yuan(r["s"])}
        for r in live.exclude(cny).filter(amount__isnull=False).values("currency").annotate(s=Sum("amount"))
    ]
    by_kind = []
    kind = _contract_kind_field()
    if kind is not None:
        lookup, field = kind
        labels = dict(field.choices or [])
        # Projects with a kind recorded (a project not yet followed up has none).
        rows = live.filter(**{f"{lookup}__isnull": False}).values(lookup)
        by_kind = [
            {
                "kind": r[lookup],
                "name": str(labels.get(r[lookup], r[lookup])),
                "projects": r["n"],
                "investment": _yuan(r["yuan"]),
            }
            for r in rows.annotate(n=Count("id"), yuan=Sum("amount", filter=cny)).order_by("-n", lookup)
        ]
    return {
        "projects": total["n"],
        "investment_total": _yuan(total["yuan"]),
        "other_currencies": others,
        "by_sector": by_sector,
        "by_kind": by_kind,
    }


def awards(edition: Edition) -> list[dict]:
    """Awards presented at the edition (the /events/{slug}/awards list), by title."""
    rows = (
        Award.objects.filter(edition=edition)
        .values("title__code", "title__name", "title__name_en")
        .annotate(n=Count("id"))
        .order_by("-n", "title__code")
    )
    return [
        {"kind": r["title__code"], "name": r["title__name"], "name_en": r["title__name_en"], "count": r["n"]}
        for r in rows
    ]


def figures(edition: Edition) -> dict:
    """Every figure of one edition, without the comparison."""
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    points = arrivals(edition, tz)
    peaks = [p["peak"]["count"] for p in points.values() if p["peak"]]
    return {
        "attendance": attendance(edition),
        "arrivals": points,
        "arrivals_peak": max(peaks) if peaks else 0,
        "registrations_per_day": registrations_per_day(edition, tz),
        "approval_median_hours": approval_median_hours(edition),
        "approval_basis": APPROVAL_BASIS,
        "handovers": handovers(edition),
        "signing": signing(edition),
        "awards": awards(edition),
        "meals": meals(edition),
    }


def headline(edition: Edition) -> dict:
    """What `scalars` reads, without the lists only this edition's charts show (units, days, hand-outs)."""
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    points = arrivals(edition, tz)
    peaks = [p["peak"]["count"] for p in points.values() if p["peak"]]
    return {
        "attendance": attendance(edition, with_units=False),
        "arrivals_peak": max(peaks) if peaks else 0,
        "approval_median_hours": approval_median_hours(edition),
        "signing": signing(edition),
        "awards": awards(edition),
        "meals": meals(edition),
    }


def scalars(f: dict) -> dict:
    """The figures compared between editions, by name."""
    a, s = f["attendance"], f["signing"]
    served, planned = totals(f["meals"])
    return {
        "registered": a["registered"],
        "confirmed": a["confirmed"],
        "checked_in": a["checked_in"],
        "no_show": a["no_show"],
        "manual": a["manual"],
        "attendance_rate": a["attendance_rate"],
        "arrivals_peak": f["arrivals_peak"],
        "approval_median_hours": f["approval_median_hours"],
        "projects": s["projects"],
        "investment_total": s["investment_total"],
        "awards": sum(x["count"] for x in f["awards"]),
        "meals_served": served,
        "meals_planned": planned,
    }


def report(edition: Edition, *, compare: str | None = None) -> dict:
    """The report as the API gives it: this edition's figures, the previous edition (or `compare`), and
    `compare {figure: [previous, this]}` (empty without a previous edition), and the previous edition's
    meal sessions (`previous_meals`) to set beside this one's by day and meal."""
    previous = previous_edition(edition, compare)
    this = figures(edition)
    out = {"edition": edition_out(edition), "previous": edition_out(previous) if previous else None, **this}
    out["compare"], out["previous_meals"] = {}, []
    if previous is not None:
        theirs = headline(previous)
        before, now = scalars(theirs), scalars(this)
        out["compare"] = {k: [before[k], now[k]] for k in COMPARED}
        out["previous_meals"] = theirs["meals"]
    return out
