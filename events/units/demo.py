"""Demo units for the Dazu 2023 edition: the parks, district bodies and institutes the seeds name, each with
quotas; five have their delegation (the demo attendees of that organisation) and some reply forms, two
have not replied yet. Idempotent: an edition with any unit is left alone.

Their private links are demo links, `/u/demo-unit-1` to `/u/demo-unit-7` (like the demo attendees' manage
links, derived from a fixed text: the demo is for trying, not for real delegations).
"""

import datetime as dt
import random

from django.db import transaction

from ..auth import hash_secret
from ..enums import ACTIVE_STATUSES
from ..enums import RegistrationStatus as S
from ..models import Category, Edition, Organization, Registration
from .links import seal
from .models import ReplyForm, Unit, UnitQuota

# organisation, {category: quota}, contact, delegation assigned (replied)
UNITS = [
    ("大足石刻文创园", {"delegate": 8, "guest": 2}, ("陈园区", "13983000001"), True),
    ("天府设计产业园", {"delegate": 8, "guest": 2}, ("刘产业", "13983000002"), True),
    ("中国工业设计研究院", {"delegate": 6, "guest": 2}, ("周研究", "13983000003"), True),
    ("中国刀剪工业设计研究院", {"delegate": 6, "guest": 1}, ("吴刀剪", "13983000004"), True),
    ("重庆市大足区经济和信息化委员会", {"delegate": 10, "guest": 3}, ("郑经信", "13983000005"), True),
    ("重庆市大足区人民政府", {"delegate": 10, "guest": 4}, ("王区府", "13983000006"), False),
    ("四川省经济和信息化厅", {"delegate": 5, "guest": 2}, ("李川经", "13983000007"), False),
]
ARRIVALS = [
    ("G8501", "大足南站"),
    ("G2235", "大足南站"),
    ("3U8881", "重庆江北国际机场"),
    ("CA4201", "重庆江北国际机场"),
    ("D5157", "重庆西站"),
]


def demo_token(n: int) -> str:
    return f"demo-unit-{n}"


@transaction.atomic
def load(edition: Edition) -> None:
    if Unit.objects.filter(edition=edition).exists():
        return
    rng = random.Random(1092)
    categories = {c.code: c for c in Category.objects.filter(edition=edition)}
    for n, (org_name, quotas, (contact, phone), replied) in enumerate(UNITS, start=1):
        org, _ = Organization.objects.get_or_create(name=org_name)
        unit = Unit.objects.create(
            edition=edition,
            organization=org,
            contact_name=contact,
            contact_email=f"unit{n}@example.com",
            contact_phone=phone,
            token_hash=hash_secret(demo_token(n)),
            link_sealed=seal(demo_token(n)),
        )
        people = list(
            Registration.objects.filter(
                edition=edition, organization=org, unit__isnull=True, category__code__in=list(quotas)
            ).select_related("category")
            if replied
            else []
        )
        for code, quota in quotas.items():
            active = sum(1 for p in people if p.category.code == code and p.status in ACTIVE_STATUSES)
            UnitQuota.objects.create(unit=unit, category=categories[code], quota=max(quota, active))
        Registration.objects.filter(pk__in=[p.pk for p in people]).update(unit=unit)
        for p in people:
            if p.status != S.CONFIRMED or rng.random() < 0.3:
                continue
            number, place = rng.choice(ARRIVALS)
            hotel = rng.random() < 0.7
            ReplyForm.objects.create(
                registration=p,
                arrival_date=dt.date(2023, 6, 27),
                arrival_time=dt.time(rng.randint(9, 21), rng.choice([0, 15, 30, 45])),
                arrival_number=number,
                arrival_place=place,
                departure_date=dt.date(2023, 6, 29),
                departure_time=dt.time(rng.randint(8, 17), rng.choice([0, 30])),
                departure_number=rng.choice(ARRIVALS)[0],
                departure_place=place,
                hotel_needed=hotel,
                room_type=rng.choice(["single", "twin"]) if hotel else "",
                sharing=False if hotel else None,
                dinner=p.category.code == "guest" or rng.random() < 0.4,
                dietary=rng.choice(["", "", "", "清真", "素食"]),
            )
