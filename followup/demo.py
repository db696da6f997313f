"""The seven 2023 Dazu signing projects followed into 2024 (called by `manage.py load_demo` after signing).

Every follow-up figure here is invented for the demo (the seeds end at the ceremony): kinds, dates, liaisons,
stages and funds are plausible, and each update's note says 演示数据. Returns were filed quarterly from
2023-Q3 to 2024-Q4; one unit missed the last quarter, one project is late to start, one was terminated,
so the staff page and the 通报 show every light. Idempotent: a project with updates is left alone.
"""

import datetime as dt

from django.db import transaction

from events.auth import hash_secret
from events.models import Organization

from . import selectors, services
from .models import FollowedProject, ReturnLink, ReturnPeriod

DAZU_EIT = "重庆市大足区经济和信息化委员会"
DAZU_GOV = "重庆市大足区人民政府"
PARK = "大足石刻文创园"
DEMO = "（演示数据）"
PERIODS = [  # period, due on, recorded on
    ("2023-Q3", dt.date(2023, 10, 10), dt.date(2023, 10, 8)),
    ("2023-Q4", dt.date(2024, 1, 10), dt.date(2024, 1, 8)),
    ("2024-Q1", dt.date(2024, 4, 10), dt.date(2024, 4, 9)),
    ("2024-Q2", dt.date(2024, 7, 10), dt.date(2024, 7, 8)),
    ("2024-Q3", dt.date(2024, 10, 10), dt.date(2024, 10, 9)),
    ("2024-Q4", dt.date(2025, 1, 10), dt.date(2025, 1, 8)),
]
# order on stage -> follow-up fields, then per period (stage or "", funds added 万元, blockers, note)
FOLLOW = {
    1: (
        {
            "kind": "contract",
            "unit": DAZU_EIT,
            "start": dt.date(2023, 12, 31),
            "finish": dt.date(2025, 6, 30),
            "liaison": ("周立群", "13983001001"),
        },
        [
            ("registered", "3000", [], "完成分院工商注册"),
            ("started", "6000", [], "租赁研发场地装修开工"),
            ("building", "5000", [], ""),
            ("building", "4000", [], ""),
            ("producing", "3000", [], "分院挂牌运营"),
            ("", "2000", [], ""),
        ],
    ),
    2: (
        {
            "kind": "agreement",
            "unit": DAZU_EIT,
            "start": dt.date(2024, 3, 31),
            "finish": dt.date(2027, 6, 30),
            "liaison": ("李静", "13983001002"),
            "converted": dt.date(2024, 2, 20),
        },
        [
            ("registered", "500", [], ""),
            ("", "500", ["financing"], "融资方案审批中"),
            ("started", "1000", [], "协议转为正式合同"),
            ("building", "1000", ["land"], "二期用地待落实"),
            ("", "500", ["land"], ""),
            ("", "500", ["land"], ""),
        ],
    ),
    3: (
        {
            "kind": "contract",
            "unit": DAZU_GOV,
            "start": dt.date(2024, 6, 30),
            "finish": dt.date(2026, 12, 31),
            "liaison": ("张浩然", "13983001003"),
        },
        [
            ("registered", "5000", [], "项目公司注册"),
            ("", "5000", ["eia"], "环评报告编制中"),
            ("", "5000", ["eia"], "环评公示"),
            ("started", "10000", [], "厂房开工"),
            ("building", "10000", [], ""),
            ("building", "10000", [], "主体结构封顶"),
        ],
    ),
    4: (
        {
            "kind": "contract",
            "unit": DAZU_EIT,
            "start": dt.date(2023, 12, 31),
            "finish": None,
            "liaison": ("赵思远", "13983001004"),
        },
        [
            ("registered", "2000", [], ""),
            ("started", "4000", [], ""),
            ("producing", "4000", [], "创新中心启用"),
            ("", "3000", [], ""),
            ("", "2000", [], ""),
            ("", "2000", [], ""),
        ],
    ),
    5: (
        {
            "kind": "agreement",
            "unit": PARK,
            "start": dt.date(2024, 9, 30),
            "finish": None,
            "liaison": ("孙雨桐", "13983001005"),
        },
        [
            ("", None, [], ""),
            ("registered", "300", [], "项目公司注册"),
            ("", "200", ["approval"], "IP授权审批中"),
            ("", "0", ["approval"], ""),
            ("", "0", ["approval"], "等待授权批复"),
            ("", "200", ["approval"], ""),
        ],
    ),
    6: (
        {
            "kind": "contract",
            "unit": DAZU_EIT,
            "start": dt.date(2024, 3, 31),
            "finish": None,
            "liaison": ("郭伟", "13983001006"),
        },
        [
            ("registered", "200", [], ""),
            ("started", "800", [], ""),
            ("building", "600", [], ""),
            ("", "400", [], ""),
            ("", "300", ["financing"], ""),
            None,
        ],
    ),
    7: (
        {
            "kind": "agreement",
            "unit": PARK,
            "start": dt.date(2024, 3, 31),
            "finish": None,
            "liaison": ("马超", "13983001007"),
        },
        [
            ("", None, [], ""),
            ("", None, ["land", "financing"], "用地未落实"),
            ("terminated", None, [], "投资方战略调整，双方协商终止协议"),
            None,
            None,
            None,
        ],
    ),
}


def demo_token(n: int) -> str:
    """The demo's return links (like the demo units'): /p/demo-return-1 ... for the last period's units."""
    return f"demo-return-{n}"


@transaction.atomic
def load(edition) -> None:
    selectors.ensure_followed(edition.series)
    followed = {
        f.project.order: f
        for f in FollowedProject.objects.filter(project__edition=edition).select_related("project")
    }
    if not followed or any(f.updates.exists() for f in followed.values()):
        return
    for order, (fields, _returns) in FOLLOW.items():
        f = followed.get(order)
        if f is None:
            continue
        f.contract_kind = fields["kind"]
        f.signed_on = dt.date(2023, 6, 28)
        f.start_due_on, f.finish_due_on = fields["start"], fields["finish"]
        f.responsible_unit = Organization.objects.get_or_create(name=fields["unit"])[0]
        f.liaison_name, f.liaison_mobile = fields["liaison"]
        f.liaison_email = f"liaison{order}@example.com"
        f.converted_on = fields.get("converted")
        f.save()
    for i, (period, due_on, filed_on) in enumerate(PERIODS):
        rp, _ = ReturnPeriod.objects.get_or_create(
            series=edition.series, period=period, defaults={"due_on": due_on}
        )
        links = {}
        for order, (_fields, returns) in FOLLOW.items():
            f = followed.get(order)
            entry = returns[i]
            if f is None or entry is None:
                continue
            unit = f.responsible_unit
            if unit.pk not in links:
                n = len(links) + 1
                secret = demo_token(n) if i == len(PERIODS) - 1 else f"demo-return-{period}-{n}"
                links[unit.pk] = ReturnLink.objects.get_or_create(
                    return_period=rp, organization=unit, defaults={"token_hash": hash_secret(secret)}
                )[0]
            stage, funds, blockers, note = entry
            at = dt.datetime.combine(filed_on, dt.time(10, order), tzinfo=dt.timezone(dt.timedelta(hours=8)))
            services.record_update(
                f,
                {
                    "period": period,
                    "stage": stage,
                    "funds_added": funds,
                    "blockers": blockers,
                    "note": (note + DEMO) if note else DEMO.strip("（）"),
                },
                link=links[unit.pk],
                name=f.liaison_name,
                at=at,
            )
