import pytest

from events import demo as events_demo
from events.models import Organization
from signing import demo, selectors
from signing.models import Award, SigningProject

pytestmark = pytest.mark.django_db


def test_demo_loads_seven_projects_and_five_awards_idempotently():
    edition = events_demo.load()
    demo.load(edition)
    demo.load(edition)
    projects = list(SigningProject.objects.filter(edition=edition).order_by("order"))
    assert len(projects) == 7
    assert [p.order for p in projects] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.is_example for p in projects].count(True) == 2
    assert Award.objects.filter(edition=edition).count() == 5


def test_demo_names_the_seeds_signing_parties():
    edition = events_demo.load()
    demo.load(edition)
    parties = {p["organization"] for p in selectors.project_list(edition) for p in p["parties"]}
    for name in [
        "中国工业设计研究院",
        "工业设计赋能中小企业联盟",
        "YTC Technologies（重庆）智能科技发展有限公司",
        "达索系统长春创新中心",
        "北京灵启元文化传媒有限公司",
    ]:
        assert name in parties
    assert Organization.objects.get(name="重庆五金智造设计有限公司（示例）").is_example is True


def test_demo_awards_empowerment_base_to_both_parks_and_all_signatures_verify():
    edition = events_demo.load()
    demo.load(edition)
    base = Award.objects.filter(title__code="cc-design-empowerment-base").order_by("recipient__name")
    assert sorted(a.recipient.name for a in base) == ["大足石刻文创园", "天府设计产业园"]
    assert [a.is_example for a in base] == [False, False]
    assert all(selectors.award_out(a)["signature_valid"] for a in Award.objects.all())
