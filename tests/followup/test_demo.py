import pytest

from events import demo as events_demo
from followup import demo, returns, selectors
from followup.models import ProjectUpdate
from signing import demo as signing_demo

pytestmark = pytest.mark.django_db


def test_demo_follows_the_seven_dazu_projects_into_2024_with_every_light():
    edition = events_demo.load()
    signing_demo.load(edition)

    demo.load(edition)
    demo.load(edition)  # idempotent
    figures = selectors.follow_up(edition.series)

    assert figures["signed"] == 7
    assert figures["rates"]["fulfilment"] == {"value": "85.71", "numerator": 6, "denominator": 7}
    assert figures["rates"]["started"] == {"value": "71.43", "numerator": 5, "denominator": 7}
    assert figures["lights"] == {"green": 1, "yellow": 3, "red": 2, "grey": 1}
    assert ProjectUpdate.objects.filter(period="2024-Q4").count() == 5
    assert [o["unit"] for o in selectors.overdue_units(edition.series)] == ["重庆市大足区经济和信息化委员会"]
    assert returns.get_link(demo.demo_token(1)).return_period.period == "2024-Q4"
