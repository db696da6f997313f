"""Check-in figures (reads only): live counts for the scanner, the arrivals dashboard."""

import datetime as dt
import zoneinfo
from collections import Counter, defaultdict

from django.db.models import Count

from ..enums import RegistrationStatus as S
from ..enums import ScanVerdict
from ..models import Admission, Edition, Handover, Registration, Scan
from .config import edition_config

BUCKET_MINUTES = 5
MAX_BUCKETS = 12 * 60 // BUCKET_MINUTES  # a chart spans at most 12 hours: the busiest part of the day


def _confirmed_by_category(edition_id: int) -> dict[int, int]:
    return dict(
        Registration.objects.filter(edition_id=edition_id, status=S.CONFIRMED)
        .values_list("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )


def live_counts(*, slug: str, point: str | None = None) -> dict:
    """Checked-in against confirmed, at one point (the default one if none is named) and overall."""
    cfg = edition_config(slug)
    rule = cfg.point(point)
    confirmed = _confirmed_by_category(cfg.id)
    at_point = dict(
        Admission.objects.filter(point_id=rule.id, registration__status=S.CONFIRMED)
        .values_list("registration__category_id")
        .annotate(n=Count("id"))
        .values_list("registration__category_id", "n")
    )
    anywhere = (
        Admission.objects.filter(registration__edition_id=cfg.id, registration__status=S.CONFIRMED)
        .values("registration_id")
        .distinct()
        .count()
    )
    categories = [
        {
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            "confirmed": confirmed.get(cid, 0),
            "checked_in": at_point.get(cid, 0),
        }
        for cid, c in cfg.categories.items()
        if cid in rule.category_ids
    ]
    return {
        "point": rule.code,
        "confirmed": sum(c["confirmed"] for c in categories),
        "checked_in": sum(c["checked_in"] for c in categories),
        "confirmed_total": sum(confirmed.values()),
        "checked_in_total": anywhere,
        "categories": categories,
    }


def manual_count(edition_id: int) -> int:
    """People admitted by hand (手动补签, a reason given on the staff page), counted once each."""
    return (
        Scan.objects.filter(
            edition_id=edition_id,
            verdict=ScanVerdict.OK,
            manual_reason__isnull=False,
            registration__status=S.CONFIRMED,
        )
        .values("registration_id")
        .distinct()
        .count()
    )


def dashboard(edition: Edition) -> dict:
    """Everything the check-in dashboard shows, as plain data: per category, per point, arrivals."""
    cfg = edition_config(edition.slug)
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    confirmed = _confirmed_by_category(cfg.id)
    admissions = list(
        Admission.objects.filter(point__edition_id=cfg.id, registration__status=S.CONFIRMED).values_list(
            "registration_id", "registration__category_id", "point_id", "first_at"
        )
    )
    seen_regs: dict[int, int] = {}
    per_point_cat: Counter = Counter()
    arrivals: dict[int, list[dt.datetime]] = defaultdict(list)
    for reg_id, cat_id, point_id, first_at in admissions:
        seen_regs[reg_id] = cat_id
        per_point_cat[(point_id, cat_id)] += 1
        arrivals[point_id].append(first_at.astimezone(tz))
    in_by_cat = Counter(seen_regs.values())

    categories = [
        {
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            "color": c.color,
            "confirmed": confirmed.get(cid, 0),
            "checked_in": in_by_cat.get(cid, 0),
        }
        for cid, c in cfg.categories.items()
    ]
    items = handover_counts(cfg, confirmed)
    points = []
    for rule in cfg.points.values():
        cats = [
            {
                "code": cfg.categories[cid].code,
                "name": cfg.categories[cid].name,
                "name_en": cfg.categories[cid].name_en,
                "color": cfg.categories[cid].color,
                "confirmed": confirmed.get(cid, 0),
                "checked_in": per_point_cat.get((rule.id, cid), 0),
            }
            for cid in cfg.categories
            if cid in rule.category_ids
        ]
        points.append(
            {
                "code": rule.code,
                "name": rule.name,
                "name_en": rule.name_en,
                "entry": rule.entry,
                "confirmed": sum(c["confirmed"] for c in cats),
                "checked_in": sum(c["checked_in"] for c in cats),
                "categories": cats,
                "chart": arrivals_chart(arrivals.get(rule.id, [])),
                "items": items[rule.id],
            }
        )
    return {
        "categories": categories,
        "points": points,
        "confirmed": sum(confirmed.values()),
        "checked_in": len(seen_regs),
        "manual": manual_count(cfg.id),
        "bucket_minutes": BUCKET_MINUTES,
    }


def handover_counts(cfg, confirmed: dict[int, int] | None = None) -> dict[int, list[dict]]:
    """Per door point (id), its hand-out items with `handed` (to confirmed people) and `due` (the confirmed
    people it goes to): what the arrivals dashboard shows, and the report (会后总结) reuses."""
    if confirmed is None:
        confirmed = _confirmed_by_category(cfg.id)
    handed = Counter(
        dict(
            Handover.objects.filter(item__point__edition_id=cfg.id, registration__status=S.CONFIRMED)
            .values_list("item_id")
            .annotate(n=Count("id"))
            .values_list("item_id", "n")
        )
    )
    person_ids = {p for r in cfg.points.values() for i in r.items for p in i.person_ids}
    named = (
        dict(
            Registration.objects.filter(pk__in=person_ids, status=S.CONFIRMED).values_list(
                "id", "category_id"
            )
        )
        if person_ids
        else {}
    )
    return {
        rule.id: [
            {
                "code": i.code,
                "name": i.name,
                "name_en": i.name_en,
                "handed": handed[i.id],
                "due": _due(i, rule, confirmed, named),
            }
            for i in rule.items
        ]
        for rule in cfg.points.values()
    }


def _due(item, rule, confirmed: dict[int, int], named: dict[int, int]) -> int:
    """Confirmed people an item goes to (config.ItemRule.due_to, counted)."""
    if not item.category_ids and not item.person_ids:
        return sum(confirmed.get(c, 0) for c in rule.category_ids)
    extra = sum(1 for p in item.person_ids if p in named and named[p] not in item.category_ids)
    return sum(confirmed.get(c, 0) for c in item.category_ids) + extra


def _bucket(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=moment.minute - moment.minute % BUCKET_MINUTES, second=0, microsecond=0)


def arrivals_chart(times: list[dt.datetime]) -> dict:
    """Arrivals per five minutes, from the first to the last arrival (the busiest 12 hours at most)."""
    if not times:
        return {"bars": [], "peak": 0, "total": 0}
    counts = Counter(_bucket(t) for t in times)
    start, end = min(counts), max(counts)
    step = dt.timedelta(minutes=BUCKET_MINUTES)
    n = max(int((end - start) / step) + 1, 12)  # at least an hour, so a quiet start still reads as time
    if n > MAX_BUCKETS:
        # Slide a 12-hour window to where most people arrived.
        best, best_start, ordered = -1, start, sorted(counts)
        for s in ordered:
            total = sum(v for k, v in counts.items() if s <= k < s + MAX_BUCKETS * step)
            if total > best:
                best, best_start = total, s
        start, n = best_start, MAX_BUCKETS
    bars = []
    for i in range(n):
        slot = start + i * step
        bars.append({"at": slot.strftime("%H:%M"), "n": counts.get(slot, 0), "hour_mark": slot.minute == 0})
    peak = max(b["n"] for b in bars)
    for b in bars:
        b["pct"] = round(100 * b["n"] / peak) if peak else 0
    return {"bars": bars, "peak": peak, "total": len(times)}
