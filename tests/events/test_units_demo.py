import pytest

from events import demo as events_demo
from events.checkin import demo as checkin_demo
from events.units import demo as units_demo
from events.units import selectors, services

pytestmark = pytest.mark.django_db


def test_demo_units_have_quotas_people_replies_and_two_not_replied():
    edition = events_demo.load()
    units_demo.load(edition)
    checkin_demo.load(edition)
    rows = selectors.unit_rows(edition)
    assert [r["organization"] for r in rows][:2] == ["大足石刻文创园", "天府设计产业园"]
    assert len(rows) == 7
    assert [r["organization"] for r in rows if not r["replied"]] == [
        "重庆市大足区人民政府",
        "四川省经济和信息化厅",
    ]
    assert all(r["registered"] <= r["quota"] for r in rows)
    assert sum(r["checked_in"] for r in rows) > 0
    assert any(r["arrival_number"] for r in selectors.reply_rows(edition))
    unit = services.get_unit_by_token(units_demo.demo_token(1))
    assert unit.organization.name == "大足石刻文创园"


def test_demo_units_twice_changes_nothing():
    edition = events_demo.load()
    units_demo.load(edition)
    before = selectors.unit_rows(edition)
    units_demo.load(events_demo.load())
    assert selectors.unit_rows(edition) == before
