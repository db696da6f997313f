"""The 2023 Dazu programme as the seeds tell it (called by `manage.py load_demo`). Idempotent.

The seeds (two news reports) name the items of the opening ceremony and who spoke, but no times and no
rooms: the times below are a plausible morning in the main hall, and the afternoon parallel forum and the
park visit are illustrative. The speakers' names are the seeds' English (pinyin) names; the Chinese forms
are our rendering of that pinyin, not taken from a source.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction

from events.models import Category, Organization

from . import selectors, services
from .models import Person, Release, Room, Session, SessionSpeaker

ROOMS = [
    # name, name_en, capacity
    ("主会场", "Main hall", 500),
    ("分会场", "Forum hall", 150),
    ("餐厅", "Dining hall", 300),
    ("大足石刻文创园", "Dazu Rock Carvings Culture and Creative Park", None),
]

# name, name_en, title, title_en, organisation (Chinese name as in events.demo)
PEOPLE = [
    (
        "周海琦",
        "Zhou Haiqi",
        "党组成员、机关党委书记",
        "Member of the Party Group and Secretary of the Party Committee of the Department",
        "四川省经济和信息化厅",
    ),
    ("崔书田", "Cui Shutian", "副司长", "Deputy Director", "工业和信息化部产业政策与法规司"),
    ("李宁", "Li Ning", "代表", "Representative", "工业和信息化部工业文化发展中心"),
    (
        "大足区经济和信息化委员会代表",
        "Representative of the Dazu District Economy and Information Technology Commission",
        "",
        "",
        "重庆市大足区经济和信息化委员会",
    ),
]

ALL = ["guest", "delegate", "media"]

# kind, start, end, room, title, title_en, speakers, expected categories, description, description_en
PROGRAMME = [
    (
        "opening",
        "09:00",
        "09:05",
        "主会场",
        "大会开幕",
        "Opening of the conference",
        [],
        ALL,
        "数字赋能经济，设计赢得未来。",
        "Digits Empower the Economy, Design Wins the Future.",
    ),
    (
        "speech",
        "09:05",
        "09:15",
        "主会场",
        "四川省经济和信息化厅领导致辞",
        "Address: Sichuan Provincial Economic and Information Department",
        ["周海琦"],
        ALL,
        "川渝工业设计战略合作与设计赋能。",
        "Sichuan-Chongqing cooperation on industrial design and design empowerment.",
    ),
    (
        "speech",
        "09:15",
        "09:25",
        "主会场",
        "工业和信息化部产业政策与法规司领导致辞",
        "Address: Industrial Policy and Regulation Department, MIIT",
        ["崔书田"],
        ALL,
        "",
        "",
    ),
    (
        "speech",
        "09:25",
        "09:35",
        "主会场",
        "工业和信息化部工业文化发展中心领导致辞",
        "Address: Industrial Culture Development Center, MIIT",
        ["李宁"],
        ALL,
        "工业设计助力中小企业高质量发展。",
        "Industrial design as a catalyst for the high-quality development of SMEs.",
    ),
    (
        "speech",
        "09:35",
        "09:45",
        "主会场",
        "大足区致辞",
        "Address: Dazu District",
        ["大足区经济和信息化委员会代表"],
        ALL,
        "",
        "",
    ),
    (
        "announcement",
        "09:45",
        "09:55",
        "主会场",
        "发布《成渝地区双城经济圈设计赋能创造联合倡议》",
        "Announcement of the joint initiative “Design Empowers Creation in the Chengdu-Chongqing Economic Circle”",
        [],
        ALL,
        "",
        "",
    ),
    (
        "launch",
        "09:55",
        "10:05",
        "主会场",
        "川渝工业设计赋能云平台上线",
        "Launch of the Sichuan-Chongqing Industrial Design Empowerment Cloud Platform",
        [],
        ALL,
        "连接四川工业设计云平台与重庆工业设计与科技创新服务平台。",
        "Connects the Sichuan Industrial Design Cloud Platform and the Chongqing Industrial Design and Technology "
        "Innovation Service Platform.",
    ),
    (
        "signing_ceremony",
        "10:05",
        "10:35",
        "主会场",
        "项目签约仪式",
        "Project signing ceremony",
        [],
        ALL,
        "七个投资合作项目现场签约。",
        "Seven investment cooperation projects are signed on stage.",
    ),
    (
        "awarding_ceremony",
        "10:35",
        "10:50",
        "主会场",
        "“成渝地区双城经济圈工业设计赋能基地”授牌",
        "Awarding: Industrial Design Empowerment Base of the Chengdu-Chongqing Economic Circle",
        [],
        ALL,
        "大足石刻文创园、天府设计产业园。",
        "Shike Cultural and Creative Park (Dazu) and Tianfu Design Industry Park (Chengdu).",
    ),
    (
        "awarding_ceremony",
        "10:50",
        "11:05",
        "主会场",
        "“重庆市设计赋能乡村振兴示范镇”“2022年重庆市工业设计中心”授牌",
        "Awarding: Chongqing Design Empowerment for Rural Revitalization Demonstration Townships and 2022 Chongqing "
        "Industrial Design Centers",
        [],
        ALL,
        "",
        "",
    ),
    (
        "launch",
        "11:05",
        "11:15",
        "主会场",
        "2023西南原创图案设计大赛启动仪式",
        "Launch of the 2023 Southwest Original Pattern Design Competition",
        [],
        ALL,
        "",
        "",
    ),
    ("meal", "12:00", "13:30", "餐厅", "午餐", "Lunch", [], ["guest", "delegate", "media"], "", ""),
    (
        "forum",
        "14:00",
        "16:30",
        "分会场",
        "平行论坛：工业设计赋能中小企业高质量发展",
        "Parallel forum: industrial design for the high-quality development of SMEs",
        [],
        ["delegate"],
        "示例议程（新闻报道未载下午安排）。",
        "Illustrative item (the reports do not describe the afternoon).",
    ),
    (
        "visit",
        "14:00",
        "16:30",
        "大足石刻文创园",
        "参观考察：大足石刻文创园",
        "Visit: Dazu Rock Carvings Culture and Creative Park",
        [],
        ["guest"],
        "示例议程，13:45 在主会场门口集合乘车。",
        "Illustrative item; buses leave the main hall entrance at 13:45.",
    ),
]


@transaction.atomic
def load(edition) -> None:
    tz = ZoneInfo(edition.timezone)
    day = edition.starts_on
    rooms = {}
    for order, (name, name_en, capacity) in enumerate(ROOMS):
        rooms[name], _ = Room.objects.update_or_create(
            edition=edition, name=name, defaults={"name_en": name_en, "capacity": capacity, "order": order}
        )
    people = {}
    for name, name_en, title, title_en, org in PEOPLE:
        people[name], _ = Person.objects.update_or_create(
            edition=edition,
            name=name,
            defaults={
                "name_en": name_en,
                "title": title,
                "title_en": title_en,
                "organization": Organization.objects.filter(name=org).first(),
            },
        )
    cats = {c.code: c for c in Category.objects.filter(edition=edition)}
    for kind, start, end, room, title, title_en, speakers, expected, desc, desc_en in PROGRAMME:

        def at(hm: str) -> dt.datetime:
            h, m = (int(x) for x in hm.split(":"))
            return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=tz)

        session, _ = Session.objects.update_or_create(
            edition=edition,
            title=title,
            defaults={
                "kind": kind,
                "title_en": title_en,
                "description": desc,
                "description_en": desc_en,
                "starts_at": at(start),
                "ends_at": at(end),
                "room": rooms[room],
            },
        )
        SessionSpeaker.objects.filter(session=session).delete()
        for order, name in enumerate(speakers):
            SessionSpeaker.objects.create(session=session, person=people[name], order=order)
        session.expected_categories.set([cats[c] for c in expected if c in cats])
    if not Release.objects.filter(edition=edition).exists():
        services.publish_release(edition=edition, comment="首次发布 First release")
    selectors.clear_public_cache(edition.slug)
