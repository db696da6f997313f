"""The demo's next year, so the report has a previous edition to compare with: dazu-2023 cloned into
dazu-2024 (events.cloning: categories, doors, hand-out items, the agenda), with invented registrations over
the six weeks before it, approvals, units, arrivals, hand-outs, signed projects and awards. Run by
`manage.py load_demo_comparison` (not by `make run`, which stays fast). Idempotent."""

import datetime as dt
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction

from events import cloning
from events.auth import hash_secret
from events.checkin.config import forget_config
from events.enums import EntryRule, ScanVerdict
from events.enums import RegistrationStatus as S
from events.models import Admission, Edition, Handover, Organization, Registration, Scan, Unit, UnitQuota
from events.registration.seats import recount_seats
from reception.services.meals import create_meal
from signing.models import AwardTitle, SigningProject
from signing.services import issue_award

SOURCE, SLUG, STARTS_ON = "dazu-2023", "dazu-2024", dt.date(2024, 6, 26)  # as the README clones it
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "志强",
]
# (category, how many, share confirmed, share waitlisted)
PLAN = [
    ("guest", 34, 0.9, 0.0),
    ("delegate", 80, 0.92, 0.05),
    ("media", 12, 0.85, 0.0),
    ("staff", 12, 1.0, 0.0),
]
# (door, share of the admitted who come, hh, mm, spread in minutes, peak at minute)
ARRIVALS = [
    ("main-hall", 0.9, 8, 0, 80, 30),
    ("signing-hall", 0.7, 10, 10, 35, 10),
    ("dinner", 0.8, 18, 0, 40, 12),
    ("canteen", 0.85, 11, 45, 50, 15),  # the lunch voucher scan (reception's demo adds the point in 2023)
]
PROJECTS = [
    ("大足五金智能制造产业园项目", "智能制造", "intelligent manufacturing", 650_000_000),
    ("川渝工业设计协同创新中心", "工业设计研发", "industrial design R&D", 45_000_000),
    ("石刻文创数字化设计平台", "数字化设计", "digital design", 28_000_000),
    ("智能家居设计赋能项目", "智能制造", "intelligent manufacturing", 320_000_000),
    ("设计服务外包基地", "设计服务", "design services", 15_000_000),
    ("文旅创意设计街区", "文化创意", "cultural and creative", 60_000_000),
    ("汽摩零部件设计中心", "智能制造", "intelligent manufacturing", 285_000_000),
    ("雕塑产业设计孵化园", "雕塑产业", "sculpture industry", 22_000_000),
    ("工业设计人才实训基地", "设计服务", "design services", 12_000_000),
]


@transaction.atomic
def load() -> Edition | None:
    """dazu-2024 with its invented figures; None when dazu-2023 is not loaded."""
    source = Edition.objects.filter(slug=SOURCE).first()
    if source is None:
        return None
    # dazu-2024 may exist already, cloned as the README shows (no one registered): it is filled in.
    edition = Edition.objects.filter(slug=SLUG).first()
    if edition is None:
        edition = cloning.clone_edition(source=source, slug=SLUG, starts_on=STARTS_ON)
    elif edition.registrations.exists():
        return edition
    rng = random.Random(2024)
    tz = zoneinfo.ZoneInfo(edition.timezone)
    cats = {c.code: c for c in edition.categories.all()}
    orgs = list(Organization.objects.order_by("id"))
    units = _units(source, edition)
    opens = dt.datetime.combine(edition.starts_on - dt.timedelta(days=42), dt.time(9), tzinfo=tz)
    regs, n = [], 0
    for code, count, confirmed, waitlisted in PLAN:
        for _ in range(count):
            n += 1
            roll = rng.random()
            status = (
                S.CONFIRMED
                if roll < confirmed
                else S.WAITLISTED
                if roll < confirmed + waitlisted
                else S.PENDING
            )
            # More people register as the day approaches (a notice goes out three weeks before).
            created = opens + dt.timedelta(days=42 * rng.betavariate(2.2, 1.3), minutes=rng.randint(0, 600))
            org = rng.choice(orgs)
            approved = (
                created + dt.timedelta(hours=rng.uniform(0.5, 30))
                if cats[code].requires_approval
                else created
            )
            regs.append(
                Registration(
                    edition=edition,
                    category=cats[code],
                    code=f"DY{n:04d}",
                    status=status,
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    organization=org,
                    unit=units.get(org.pk),
                    email=f"demo2024-{n:04d}@example.com",
                    phone=f"1390000{n:04d}",
                    consented_at=created,
                    manage_token_hash=hash_secret(f"demo-token-{SLUG}-{n}"),
                    status_changed_at=approved if status == S.CONFIRMED else created,
                )
            )
    Registration.objects.bulk_create(regs)
    # created_at is set on insert (auto_now_add): the invented dates go in afterwards.
    for reg in regs:
        Registration.objects.filter(pk=reg.pk).update(created_at=reg.consented_at)
    recount_seats(edition=edition)
    _meals(edition)
    _arrivals(edition, rng, tz)
    _ceremony(source, edition, rng)
    forget_config()
    return edition


def _units(source: Edition, edition: Edition) -> dict[int, Unit]:
    """Last year's units again, with last year's quotas; by organisation id."""
    out = {u.organization_id: u for u in Unit.objects.filter(edition=edition)}
    if out:
        return out
    for n, unit in enumerate(Unit.objects.filter(edition=source).order_by("id"), start=1):
        twin = Unit.objects.create(
            edition=edition,
            organization_id=unit.organization_id,
            contact_name=unit.contact_name,
            token_hash=hash_secret(f"demo-2024-unit-{n}"),
        )
        for q in UnitQuota.objects.filter(unit=unit).select_related("category"):
            category = edition.categories.get(code=q.category.code)
            UnitQuota.objects.create(unit=twin, category=category, quota=q.quota + 1)
        out[unit.organization_id] = twin
    return out


def _arrivals(edition: Edition, rng: random.Random, tz) -> None:
    user = get_user_model().objects.filter(username="checkin").first()
    regs = list(Registration.objects.filter(edition=edition, status=S.CONFIRMED).order_by("id"))
    admissions, scans, handovers = [], [], []
    came = set()  # at the main hall: only they lunch at the canteen
    for code, share, hh, mm, spread, peak in ARRIVALS:
        point = edition.checkin_points.filter(code=code).first()
        if point is None:
            continue
        allowed = set(point.categories.values_list("id", flat=True))
        items = [(i.pk, set(i.categories.values_list("id", flat=True))) for i in point.handover_items.all()]
        start = dt.datetime.combine(edition.starts_on, dt.time(hh, mm), tzinfo=tz)
        for reg in regs:
            if reg.category_id not in allowed or rng.random() > share:
                continue
            if code == "canteen" and reg.pk not in came:
                continue
            if code == "main-hall":
                came.add(reg.pk)
            at = start + dt.timedelta(
                minutes=min(max(rng.triangular(0, spread, peak), 0), spread), seconds=rng.randint(0, 59)
            )
            admissions.append(Admission(registration=reg, point=point, first_at=at, last_at=at, by=user))
            manual = "忘带手机" if rng.random() < 0.03 else None
            scans.append(
                Scan(
                    edition=edition,
                    point=point,
                    user=user,
                    at=at,
                    verdict=ScanVerdict.OK,
                    registration=reg,
                    manual_reason=manual,
                )
            )
            for item_id, cats in items:
                if (not cats or reg.category_id in cats) and rng.random() < 0.95:
                    handovers.append(
                        Handover(
                            item_id=item_id,
                            registration=reg,
                            by=user,
                            at=at + dt.timedelta(seconds=rng.randint(10, 90)),
                        )
                    )
    Admission.objects.bulk_create(admissions)
    Scan.objects.bulk_create(scans)
    Handover.objects.bulk_create(handovers)


def _meals(edition: Edition) -> None:
    """As last year: the guests' banquet the evening before, lunch on the day scanned at the canteen."""
    canteen = edition.checkin_points.filter(code="canteen", entry=EntryRule.DAILY).exists()
    day = edition.starts_on
    create_meal(
        edition=edition,
        date=day - dt.timedelta(days=1),
        kind="dinner",
        style="banquet",
        venue="大足宾馆宴会厅",
        categories=["guest"],
        standard=200,
    )
    create_meal(
        edition=edition,
        date=day,
        kind="lunch",
        style="buffet",
        venue="大足宾馆一楼",
        point="canteen" if canteen else None,
        standard=80,
    )


def _ceremony(source: Edition, edition: Edition, rng: random.Random) -> None:
    for order, (name, sector, sector_en, amount) in enumerate(PROJECTS, start=1):
        SigningProject.objects.create(
            edition=edition,
            order=order,
            name=name,
            sector=sector,
            sector_en=sector_en,
            amount=amount,
            status="signed",
            is_example=True,
        )
    titles = list(AwardTitle.objects.filter(awards__edition=source).distinct().order_by("code"))
    recipients = list(Organization.objects.order_by("id"))
    given = 0
    for title in titles:
        for org in recipients:
            if given >= 6 or title.awards.filter(recipient=org).exists():
                continue
            issue_award(
                title=title.code, recipient=org, edition=edition, issued_on=STARTS_ON, is_example=True
            )
            given += 1
            if given % 3 == 0:
                break
