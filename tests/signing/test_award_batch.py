"""An award prints the batch of the edition it was issued at, not last year's batch of the shared title."""

import datetime as dt

import pytest

from signing import selectors, services
from tests.factories import make_edition

from .factories import make_title

pytestmark = pytest.mark.django_db


def test_next_years_award_prints_next_years_batch():
    make_title(batch="2023年")
    dazu_2023 = make_edition(starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28))
    dazu_2024 = make_edition(starts_on=dt.date(2024, 6, 26), ends_on=dt.date(2024, 6, 26))
    first = services.issue_award(title="design-base", recipient="天府设计产业园", edition=dazu_2023)
    second = services.issue_award(title="design-base", recipient="大足石刻文创园", edition=dazu_2024)
    assert (first.batch, second.batch) == ("2023年", "2024年")
    assert selectors.award_out(first)["batch"] == "2023年"
    assert selectors.award_out(second)["batch"] == "2024年"


def test_a_batch_of_an_earlier_year_never_awarded_before_stays():
    # The demo's "2022年重庆市工业设计中心" (批次 2022年度) presented at the 2023 conference.
    make_title("cq-centre-2022", name="2022年重庆市工业设计中心", batch="2022年度")
    dazu_2023 = make_edition(starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28))
    award = services.issue_award(
        title="cq-centre-2022", recipient="中国刀剪工业设计研究院", edition=dazu_2023
    )
    assert award.batch == "2022年度"


def test_the_organiser_may_name_the_batch():
    make_title(batch="2023年")
    edition = make_edition(starts_on=dt.date(2024, 6, 26), ends_on=dt.date(2024, 6, 26))
    award = services.issue_award(title="design-base", recipient="某公司", edition=edition, batch="第二批")
    assert award.batch == "第二批"
