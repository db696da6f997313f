"""The 2023 Dazu edition of the Chengdu-Chongqing Industry Design Empowerment Conference, from the seeds
(two public news reports in shared/seeds/). Idempotent: running it twice changes nothing."""

import datetime as dt
import random

from django.db import transaction

from organizers import demo as organizers_demo

from . import tickets
from .auth import hash_secret
from .enums import EntryRule, RegistrationStatus
from .models import (
    Category,
    CheckInPoint,
    ConsentNotice,
    Edition,
    HandoverItem,
    Organization,
    Registration,
    Series,
)
from .registration.seats import recount_seats

DEMO_PASSWORD = "huiwu-demo"

# (name, name_en, city, is_example). Names the seeds give; Chinese forms where the seeds give only English
# are our rendering.
ORGANIZATIONS = [
    (
        "工业和信息化部产业政策与法规司",
        "Industrial Policy and Regulation Department, Ministry of Industry and Information Technology",
        "北京",
        False,
    ),
    ("工业和信息化部工业文化发展中心", "Industrial Culture Development Center, MIIT", "北京", False),
    (
        "四川省经济和信息化厅",
        "Sichuan Provincial Department of Economy and Information Technology",
        "成都",
        False,
    ),
    (
        "重庆市经济和信息化委员会",
        "Chongqing Municipal Commission of Economy and Information Technology",
        "重庆",
        False,
    ),
    (
        "重庆市大足区经济和信息化委员会",
        "Economy and Information Technology Commission of Dazu District",
        "重庆",
        False,
    ),
    ("重庆市大足区人民政府", "People's Government of Dazu District, Chongqing", "重庆", False),
    ("中国工业设计研究院", "China Industrial Design Institute", "北京", False),
    (
        "工业设计赋能中小企业联盟",
        "Small and Medium Enterprises Alliance for Industrial Design Empowerment",
        "北京",
        False,
    ),
    (
        "YTC Technologies（重庆）智能科技发展有限公司",
        "YTC Technologies (Chongqing) Intelligent Technology Development Co., Ltd.",
        "重庆",
        False,
    ),
    ("达索系统长春创新中心", "Dassault Systèmes Innovation Center in Changchun", "长春", False),
    ("北京灵启元文化传媒有限公司", "Beijing Lingqi Yuan Culture and Media Co., Ltd.", "北京", False),
    ("大足石刻文创园", "Shike Cultural and Creative Park, Dazu", "重庆", False),
    ("天府设计产业园", "Tianfu Design Industry Park, Chengdu", "成都", False),
    (
        "中国刀剪工业设计研究院",
        "Chinese Knife & Scissors Industrial Design Research Institute",
        "重庆",
        False,
    ),
]

CATEGORIES = [
    # code, name, name_en, capacity, approval, waitlist, public, colour
    ("guest", "嘉宾", "Guest", 120, True, False, True, "#9b1c1c"),
    ("delegate", "参会代表", "Delegate", 400, False, True, True, "#1d4ed8"),
    ("media", "媒体", "Media", 40, True, False, True, "#b45309"),
    ("staff", "工作人员", "Staff", None, False, False, False, "#15803d"),
]

CHECKIN_POINTS = [
    # code, name, name_en, categories, entry rule, default
    # The main entrance admits once: the same QR shown again (or passed on as a screenshot) reads
    # "already checked in" at the door. The signing hall lets people out and back in.
    ("main-hall", "主会场", "Main hall", ["guest", "delegate", "media", "staff"], EntryRule.ONCE, True),
    (
        "signing-hall",
        "签约仪式厅",
        "Signing ceremony hall",
        ["guest", "media", "staff"],
        EntryRule.MANY,
        False,
    ),
    ("dinner", "欢迎晚宴", "Welcome dinner", ["guest", "staff"], EntryRule.ONCE, False),
]

# What the doors hand over (point, code, name, name_en, categories; none: everyone the point admits).
HANDOVER_ITEMS = [
    ("main-hall", "bag", "资料袋", "Conference bag", []),
    ("main-hall", "lunch", "午餐券", "Lunch voucher", ["guest", "delegate", "media"]),
]

CONSENT_TEXT = (
    "为办理参会报名、制作证件和入场核验，主办方收集您的姓名、单位、职务、电子邮箱和手机号码。"
    "数据仅用于本届大会会务，会后按保存期限匿名化处理；您可随时通过报名管理链接查看、导出、修改或取消报名。"
)
CONSENT_TEXT_EN = (
    "To process your registration, print your badge and check you in, the organisers collect your name, "
    "organisation, job title, e-mail and mobile number. They are used only for this edition and anonymised "
    "after the retention period; through your manage link you can view, export, change or cancel at any time."
)

# Invented demo attendees (not people from the seeds): enough to make the dashboards look alive.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "晓东",
    "文静",
    "思远",
    "雨桐",
    "子涵",
    "浩然",
]


@transaction.atomic
def load() -> Edition:
    organizer = organizers_demo.committee()
    series, _ = Series.objects.update_or_create(
        slug="chengyu-design",
        defaults={
            "organizer": organizer,
            "name": "成渝地区双城经济圈工业设计赋能大会",
            "name_en": "Chengdu-Chongqing Economic Circle Industry Design Empowerment Conference",
        },
    )
    edition = Edition.objects.filter(slug="dazu-2023").first()
    fields = {
        "series": series,
        "name": "2023成渝地区双城经济圈工业设计赋能大会",
        "name_en": "2023 Chengdu-Chongqing Economic Circle Industry Design Empowerment Conference",
        "tagline": "数字赋能经济，设计赢得未来",
        "tagline_en": "Digits Empower the Economy, Design Wins the Future",
        "description": (
            "川渝两地专家学者、企业家齐聚大足，从理论高度到实践深度，共话工业设计赋能产业升级的发展路径。"
            "大会发布成渝地区双城经济圈设计赋能创造联合倡议，上线川渝工业设计赋能云平台，举行项目签约和授牌仪式。"
        ),
        "description_en": (
            "Experts, scholars and industry leaders from Sichuan and Chongqing meet in Dazu to discuss how industrial "
            "design drives industrial upgrading. The conference announces the joint initiative on design "
            "empowerment, launches the Sichuan-Chongqing Industrial Design Empowerment Cloud Platform, and holds "
            "project signing and title awarding ceremonies."
        ),
        "starts_on": dt.date(2023, 6, 28),
        "ends_on": dt.date(2023, 6, 28),
        "timezone": "Asia/Shanghai",
        "venue": "重庆市大足区",
        "venue_en": "Dazu District, Chongqing",
        "retention_until": dt.date(2027, 12, 31),
        "published": True,
        # Registration would close when the edition ended (2023-06-28). The demo keeps it open, so that a
        # newcomer can try registering; its page says so.
        "registration_closes_at": dt.datetime(
            2027, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=8))
        ),
    }
    if edition is None:
        edition = Edition.objects.create(slug="dazu-2023", signing_key=tickets.new_private_key(), **fields)
    else:
        for key, value in fields.items():
            setattr(edition, key, value)
        edition.save()

    for name, name_en, city, example in ORGANIZATIONS:
        Organization.objects.update_or_create(
            name=name, defaults={"name_en": name_en, "city": city, "is_example": example}
        )

    cats = {}
    for order, (code, name, name_en, capacity, approval, waitlist, public, colour) in enumerate(CATEGORIES):
        cats[code], _ = Category.objects.update_or_create(
            edition=edition,
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "capacity": capacity,
                "requires_approval": approval,
                "waitlist": waitlist,
                "public": public,
                "badge_color": colour,
                "order": order,
            },
        )
    for code, name, name_en, cat_codes, entry, default in CHECKIN_POINTS:
        point, _ = CheckInPoint.objects.update_or_create(
            edition=edition,
            code=code,
            defaults={"name": name, "name_en": name_en, "entry": entry, "is_default": default},
        )
        point.categories.set([cats[c] for c in cat_codes])
    for order, (point_code, code, name, name_en, cat_codes) in enumerate(HANDOVER_ITEMS):
        item, _ = HandoverItem.objects.update_or_create(
            point=CheckInPoint.objects.get(edition=edition, code=point_code),
            code=code,
            defaults={"name": name, "name_en": name_en, "order": order},
        )
        item.categories.set([cats[c] for c in cat_codes])
    notice, _ = ConsentNotice.objects.get_or_create(
        edition=edition, version="2023.1", defaults={"text": CONSENT_TEXT, "text_en": CONSENT_TEXT_EN}
    )

    organizers_demo.committee_teams(organizer, series)

    if not edition.registrations.exists():
        _demo_registrations(edition, cats, notice)
    return edition


def _demo_registrations(edition, cats, notice) -> None:
    rng = random.Random(2023)
    orgs = list(Organization.objects.order_by("id"))
    plan = [
        ("guest", 24, RegistrationStatus.CONFIRMED),
        ("guest", 4, RegistrationStatus.PENDING),
        ("delegate", 60, RegistrationStatus.CONFIRMED),
        ("media", 8, RegistrationStatus.CONFIRMED),
        ("media", 2, RegistrationStatus.PENDING),
        ("staff", 10, RegistrationStatus.CONFIRMED),
    ]
    n = 0
    for code, count, status in plan:
        for _ in range(count):
            n += 1
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            Registration.objects.create(
                edition=edition,
                category=cats[code],
                code=f"DZ{n:04d}",
                status=status,
                name=name,
                organization=rng.choice(orgs),
                title=rng.choice(["", "主任", "处长", "总经理", "设计总监", "记者", "研究员"]),
                email=f"demo{n:04d}@example.com",
                phone=f"1380000{n:04d}",
                consent_notice=notice,
                consented_at=edition.created_at,
                manage_token_hash=hash_secret(f"demo-token-{edition.slug}-{n}"),
            )
    recount_seats(edition=edition)
