"""The 2023 Dazu signing ceremony and awards (called by `manage.py load_demo` after events and agenda).

What the seeds say: seven investment projects were signed at the opening ceremony, among them those of the
China Industrial Design Institute, the SME Alliance for Industrial Design Empowerment, YTC Technologies
(Chongqing), the Dassault Systèmes Innovation Center in Changchun and Beijing Lingqi Yuan Culture and Media;
the other two are not named, so they are examples here (projects and organisations marked `is_example`).
The seeds give no amounts, sectors, signatories or witnesses: those are plausible inventions, and every
project's notes say so. Awards: the two parks named in the seeds received the Empowerment Base title;
the townships and the 2022 design centre are not named, so those awards are examples.

Idempotent: projects are matched by name, awards by (title, recipient, edition).
"""

import datetime as dt

from django.db import transaction

from events.models import Organization

from . import award_titles, services
from .models import Award, AwardTitle, SigningProject

DAZU_GOV = "重庆市大足区人民政府"
DAZU_EIT = "重庆市大足区经济和信息化委员会"
INVENTED = "金额、签约代表和见签领导为演示数据，来源未载明。Amount, signatories and witnesses are demo data."

# Organisations the seeds leave unnamed: clearly marked inventions.
EXAMPLE_ORGS = [
    ("重庆五金智造设计有限公司（示例）", "Chongqing Hardware Smart Design Co., Ltd. (example)", "重庆"),
    (
        "成渝石雕设计服务有限公司（示例）",
        "Chengdu-Chongqing Stone Carving Design Services Co., Ltd. (example)",
        "重庆",
    ),
    ("大足区龙水镇人民政府（示例）", "Longshui Town Government, Dazu (example)", "重庆"),
    ("大足区宝顶镇人民政府（示例）", "Baoding Town Government, Dazu (example)", "重庆"),
]

WITNESSES = {
    "gov": [
        {"name": "陈志远", "name_en": "Chen Zhiyuan", "title": "大足区人民政府区长"},
        {"name": "刘建国", "name_en": "Liu Jianguo", "title": "重庆市经济和信息化委员会副主任"},
    ],
    "eit": [
        {"name": "刘建国", "name_en": "Liu Jianguo", "title": "重庆市经济和信息化委员会副主任"},
        {"name": "黄敏", "name_en": "Huang Min", "title": "大足区人民政府副区长"},
    ],
}


def _party(role, org, signatory, signatory_en, title):
    return {
        "role": role,
        "organization": org,
        "signatory": signatory,
        "signatory_en": signatory_en,
        "signatory_title": title,
    }


# name, name_en, sector, sector_en, amount (元), parties, witnesses, example
PROJECTS = [
    (
        "中国工业设计研究院大足分院项目",
        "China Industrial Design Institute Dazu Branch",
        "工业设计研发",
        "industrial design R&D",
        "300000000",
        [
            _party("A", DAZU_GOV, "黄敏", "Huang Min", "副区长"),
            _party("B", "中国工业设计研究院", "周立群", "Zhou Liqun", "副院长"),
        ],
        "gov",
        False,
    ),
    (
        "工业设计赋能中小企业服务中心项目",
        "SME Industrial Design Empowerment Service Centre",
        "设计服务",
        "design services",
        "100000000",
        [
            _party("A", DAZU_EIT, "王晓东", "Wang Xiaodong", "主任"),
            _party("B", "工业设计赋能中小企业联盟", "李静", "Li Jing", "秘书长"),
        ],
        "eit",
        False,
    ),
    (
        "YTC智能科技研发与制造基地项目",
        "YTC Intelligent Technology R&D and Manufacturing Base",
        "智能制造",
        "intelligent manufacturing",
        "500000000",
        [
            _party("A", DAZU_GOV, "黄敏", "Huang Min", "副区长"),
            _party("B", "YTC Technologies（重庆）智能科技发展有限公司", "张浩然", "Zhang Haoran", "总经理"),
        ],
        "gov",
        False,
    ),
    (
        "达索系统（大足）数字化设计创新中心项目",
        "Dassault Systèmes (Dazu) Digital Design Innovation Centre",
        "数字化设计",
        "digital design",
        "200000000",
        [
            _party("A", DAZU_EIT, "王晓东", "Wang Xiaodong", "主任"),
            _party("B", "达索系统长春创新中心", "赵思远", "Zhao Siyuan", "总经理"),
        ],
        "eit",
        False,
    ),
    (
        "大足石刻数字文创IP开发项目",
        "Dazu Rock Carvings Digital Cultural and Creative IP",
        "文化创意",
        "cultural and creative industries",
        "150000000",
        [
            _party("A", DAZU_GOV, "黄敏", "Huang Min", "副区长"),
            _party("B", "北京灵启元文化传媒有限公司", "孙雨桐", "Sun Yutong", "董事长"),
        ],
        "gov",
        False,
    ),
    (
        "五金刀剪产品设计升级项目（示例）",
        "Hardware and Knife Product Design Upgrade (example)",
        "五金制造",
        "hardware manufacturing",
        "80000000",
        [
            _party("A", DAZU_EIT, "王晓东", "Wang Xiaodong", "主任"),
            _party("B", "重庆五金智造设计有限公司（示例）", "郭伟", "Guo Wei", "总经理"),
        ],
        "eit",
        True,
    ),
    (
        "石雕产业设计服务平台项目（示例）",
        "Stone Carving Industry Design Service Platform (example)",
        "雕塑产业",
        "sculpture industry",
        "60000000",
        [
            _party("A", "大足石刻文创园", "何芳", "He Fang", "园区管委会主任"),
            _party("B", "成渝石雕设计服务有限公司（示例）", "马超", "Ma Chao", "总经理"),
        ],
        "gov",
        True,
    ),
]

TITLES = [
    {
        "code": "cc-design-empowerment-base",
        "name": "成渝地区双城经济圈工业设计赋能基地",
        "name_en": "Industrial Design Empowerment Base of the Chengdu-Chongqing Economic Circle",
        "issuers": ["四川省经济和信息化厅", "重庆市经济和信息化委员会"],
        "issuers_en": [
            "Sichuan Provincial Department of Economy and Information Technology",
            "Chongqing Municipal Commission of Economy and Information Technology",
        ],
        "validity_years": 5,
        "batch": "2023年",
    },
    {
        "code": "cq-rural-design-township",
        "name": "重庆市设计赋能乡村振兴示范镇",
        "name_en": "Chongqing Design Empowerment for Rural Revitalization Demonstration Township",
        "issuers": ["重庆市经济和信息化委员会"],
        "issuers_en": ["Chongqing Municipal Commission of Economy and Information Technology"],
        "validity_years": 3,
        "batch": "2023年",
    },
    {
        "code": "cq-industrial-design-center-2022",
        "name": "2022年重庆市工业设计中心",
        "name_en": "2022 Chongqing Industrial Design Center",
        "issuers": ["重庆市经济和信息化委员会"],
        "issuers_en": ["Chongqing Municipal Commission of Economy and Information Technology"],
        "validity_years": 3,
        "batch": "2022年度",
    },
]

# title code, recipient, example
AWARDS = [
    ("cc-design-empowerment-base", "大足石刻文创园", False),
    ("cc-design-empowerment-base", "天府设计产业园", False),
    ("cq-rural-design-township", "大足区龙水镇人民政府（示例）", True),
    ("cq-rural-design-township", "大足区宝顶镇人民政府（示例）", True),
    ("cq-industrial-design-center-2022", "中国刀剪工业设计研究院", True),
]


@transaction.atomic
def load(edition) -> None:
    for name, name_en, city in EXAMPLE_ORGS:
        Organization.objects.update_or_create(
            name=name, defaults={"name_en": name_en, "city": city, "is_example": True}
        )
    for order, (name, name_en, sector, sector_en, amount, parties, witnesses, example) in enumerate(
        PROJECTS, 1
    ):
        fields = {
            "name_en": name_en,
            "sector": sector,
            "sector_en": sector_en,
            "amount": amount,
            "currency": "CNY",
            "status": "signed",
            "notes": INVENTED,
            "parties": [dict(p) for p in parties],
            "witnesses": [dict(w) for w in WITNESSES[witnesses]],
        }
        project = SigningProject.objects.filter(edition=edition, name=name).first()
        if project is None:
            services.create_project(edition=edition, name=name, order=order, is_example=example, **fields)
        else:
            services.update_project(project=project, changes={"order": order, **fields})
            SigningProject.objects.filter(pk=project.pk).update(is_example=example)

    for title in TITLES:
        award_titles.define_award_title(**title)
    for code, recipient, example in AWARDS:
        org = Organization.objects.get(name=recipient)
        if Award.objects.filter(title__code=code, recipient=org, edition=edition).exists():
            continue
        services.issue_award(
            title=AwardTitle.objects.get(code=code).code,
            recipient=org,
            edition=edition,
            issued_on=dt.date(2023, 6, 28),
            is_example=example,
        )
