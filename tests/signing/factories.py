"""Signing factories: projects and award titles through the services, with overridable fields."""

import itertools

from signing import award_titles, services
from signing.models import AwardTitle, SigningProject

_seq = itertools.count(1)


def make_project(edition, **fields) -> SigningProject:
    n = next(_seq)
    data = {
        "name": f"测试签约项目{n}",
        "name_en": f"Test project {n}",
        "sector": "智能制造",
        "sector_en": "intelligent manufacturing",
        "amount": "150000000",
        "currency": "CNY",
        "status": "signed",
        "parties": [
            {
                "role": "A",
                "organization": "重庆市大足区人民政府",
                "signatory": "黄敏",
                "signatory_title": "副区长",
            },
            {
                "role": "B",
                "organization": f"测试科技有限公司{n}",
                "signatory": f"张{n}",
                "signatory_title": "总经理",
            },
        ],
        "witnesses": [{"name": "陈志远", "title": "区长"}],
    }
    data.update(fields)
    return services.create_project(edition=edition, **data)


def make_title(code: str = "design-base", **fields) -> AwardTitle:
    data = {
        "code": code,
        "name": "成渝地区双城经济圈工业设计赋能基地",
        "name_en": "Industrial Design Empowerment Base of the Chengdu-Chongqing Economic Circle",
        "issuers": ["四川省经济和信息化厅", "重庆市经济和信息化委员会"],
        "issuers_en": ["Sichuan DEIT", "Chongqing CEIT"],
        "validity_years": 3,
        "batch": "2023年",
    }
    data.update(fields)
    return award_titles.define_award_title(**data)
