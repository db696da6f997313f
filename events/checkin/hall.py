"""The hall screen's figures (reads only): who was expected, who arrived, who is still absent, per category
and per unit (GB 50799 §12.2.1), and the last arrivals. One query each; polled every two seconds."""

import zoneinfo
from collections import Counter

from django.db.models import Count

from ..enums import RegistrationStatus as S
from ..models import Admission, Edition, Registration
from . import stats
from .config import edition_config

LAST_ARRIVALS = 8
MAX_UNITS = 40


def hall_figures(*, slug: str) -> dict:
    """Expected (confirmed), arrived (admitted at any point) and absent, per category and per unit."""
    cfg = edition_config(slug)
    tz = zoneinfo.ZoneInfo(
        Edition.objects.filter(pk=cfg.id).values_list("timezone", flat=True)[0] or "Asia/Shanghai"
    )
    expected = Counter()
    expected_units: Counter = Counter()
    unit_names: dict[int | None, tuple[str, str]] = {}
    for cat_id, org_id, org, org_en, n in (
        Registration.objects.filter(edition_id=cfg.id, status=S.CONFIRMED)
        .values_list("category_id", "organization_id", "organization__name", "organization__name_en")
        .annotate(n=Count("id"))
    ):
        expected[cat_id] += n
        expected_units[org_id] += n
        unit_names[org_id] = (org or "", org_en or "")
    arrived = Counter()
    arrived_units: Counter = Counter()
    for _reg_id, cat_id, org_id in (
        Registration.objects.filter(edition_id=cfg.id, status=S.CONFIRMED, admissions__isnull=False)
        .values_list("id", "category_id", "organization_id")
        .distinct()
    ):
        arrived[cat_id] += 1
        arrived_units[org_id] += 1
    categories = [
        {
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            "color": c.color,
            "expected": expected[cid],
            "arrived": arrived[cid],
            "absent": max(expected[cid] - arrived[cid], 0),
        }
        for cid, c in cfg.categories.items()
        if expected[cid]
    ]
    units = sorted(
        (
            {
                "name": unit_names[oid][0] or "—",
                "name_en": unit_names[oid][1],
                "expected": n,
                "arrived": arrived_units[oid],
                "absent": max(n - arrived_units[oid], 0),
            }
            for oid, n in expected_units.items()
        ),
        key=lambda u: (-u["absent"], u["name"]),
    )[:MAX_UNITS]
    last = [
        {
            "name": name,
            "organization": org or "",
            "category": cfg.categories[cat_id].name if cat_id in cfg.categories else "",
            "at": at.astimezone(tz).strftime("%H:%M"),
        }
        for name, org, cat_id, at in Admission.objects.filter(registration__edition_id=cfg.id)
        .order_by("-first_at", "-id")
        .values_list(
            "registration__name", "registration__organization__name", "registration__category_id", "first_at"
        )[:LAST_ARRIVALS]
    ]
    total_expected, total_arrived = sum(expected.values()), sum(arrived.values())
    return {
        "expected": total_expected,
        "arrived": total_arrived,
        "absent": max(total_expected - total_arrived, 0),
        "manual": stats.manual_count(cfg.id),
        "categories": categories,
        "units": units,
        "last_arrivals": last,
    }
