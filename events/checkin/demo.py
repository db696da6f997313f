"""Demo arrivals for the Dazu 2023 edition, so the check-in dashboard has a morning queue to show.

Invented, like the demo attendees: most confirmed people arrive at the main hall between 08:10 and 09:20,
guests and media go on to the signing hall, guests and staff to the dinner. Idempotent: an edition with
any admission is left alone.
"""

import datetime as dt
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction

from ..enums import RegistrationStatus, ScanVerdict
from ..models import Admission, CheckInPoint, Edition, Handover, Registration, Scan
from .config import forget_config

# (point code, share of the admitted who come, start hh:mm, spread in minutes, peak at minute)
PLAN = [
    ("main-hall", 0.82, (8, 10), 70, 35),
    ("signing-hall", 0.6, (10, 20), 30, 8),
    ("dinner", 0.7, (18, 0), 40, 15),
]


@transaction.atomic
def load(edition: Edition) -> None:
    if Admission.objects.filter(point__edition=edition).exists():
        return
    rng = random.Random(628)
    hand_rng = random.Random(1322)  # its own stream: the arrivals stay as they were before hand-overs
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    user = get_user_model().objects.filter(username="checkin").first()
    regs = list(
        Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED).order_by("id")
    )
    admissions, scans, handovers, items = [], [], [], {}
    for code, share, (hh, mm), spread, peak in PLAN:
        point = CheckInPoint.objects.filter(edition=edition, code=code).first()
        if point is None:
            continue
        allowed = set(point.categories.values_list("id", flat=True))
        items[point.id] = [
            {"id": i.id, "cats": set(i.categories.values_list("id", flat=True)) or None}
            for i in point.handover_items.all()
        ]
        start = dt.datetime.combine(edition.starts_on, dt.time(hh, mm), tzinfo=tz)
        for reg in regs:
            if reg.category_id not in allowed or rng.random() > share:
                continue
            minute = min(max(rng.triangular(0, spread, peak), 0), spread)
            at = start + dt.timedelta(minutes=minute, seconds=rng.randint(0, 59))
            admissions.append(Admission(registration=reg, point=point, first_at=at, last_at=at, by=user))
            for item in items[point.id]:  # most take the bag and the voucher at once; some come back later
                due = item["cats"] is None or reg.category_id in item["cats"]
                if due and hand_rng.random() < 0.9:
                    handovers.append(
                        Handover(
                            item_id=item["id"],
                            registration=reg,
                            by=user,
                            at=at + dt.timedelta(seconds=hand_rng.randint(10, 90)),
                        )
                    )
            scans.append(
                Scan(edition=edition, point=point, user=user, at=at, verdict=ScanVerdict.OK, registration=reg)
            )
            if rng.random() < 0.05:  # shown twice at the door
                again = at + dt.timedelta(minutes=rng.randint(1, 20))
                scans.append(
                    Scan(
                        edition=edition,
                        point=point,
                        user=user,
                        at=again,
                        verdict=ScanVerdict.ALREADY_CHECKED_IN,
                        registration=reg,
                    )
                )
        for _ in range(3):  # a screenshot of a QR code from another system, a smudged print
            at = start + dt.timedelta(minutes=rng.uniform(0, spread))
            scans.append(Scan(edition=edition, point=point, user=user, at=at, verdict=ScanVerdict.UNKNOWN))
    Admission.objects.bulk_create(admissions)
    Scan.objects.bulk_create(scans)
    Handover.objects.bulk_create(handovers)
    forget_config()
