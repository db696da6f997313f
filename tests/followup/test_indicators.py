"""The indicators and lights on fixed cases, the published figures among them; the database aggregates
agree with the pure reference."""

import datetime as dt
from decimal import Decimal

import pytest

from followup import indicators, selectors, services

from .helpers import make_project, make_series_edition


def counts(**given):
    c = indicators.empty_counts()
    c.update(given)
    return c


@pytest.mark.parametrize(
    ("given", "rate", "value", "numerator", "denominator"),
    [
        # 渭南: 292 signed, 1 terminated; 198 started or producing
        ({"signed": 292, "terminated": 1}, "fulfilment", "99.66", 291, 292),
        ({"signed": 292, "started": 150, "producing": 48}, "started", "67.81", 198, 292),
        # 安庆: 218 signed, 199 started, 118 producing
        ({"signed": 218, "started": 50, "building": 31, "producing": 118}, "started", "91.28", 199, 218),
        ({"signed": 218, "producing": 118}, "producing", "54.13", 118, 218),
        # rounding half up: 1/8 = 12.5 %, 1/3 = 33.33 %, 2/3 = 66.67 %, 1/200 = 0.5 %
        ({"signed": 8, "producing": 1}, "producing", "12.50", 1, 8),
        ({"signed": 3, "producing": 1}, "producing", "33.33", 1, 3),
        ({"signed": 3, "producing": 2}, "producing", "66.67", 2, 3),
        ({"signed": 200000, "producing": 1}, "producing", "0.00", 1, 200000),
        ({"signed": 40000, "producing": 2}, "producing", "0.01", 2, 40000),  # 0.005 % -> 0.01 half up
        ({"agreements": 4, "converted": 1}, "converted", "25.00", 1, 4),
        ({"signed": 0}, "fulfilment", None, 0, 0),
    ],
)
def test_rate_cases(given, rate, value, numerator, denominator):
    result = indicators.figures(counts(**given))["rates"][rate]

    assert result == {"value": value, "numerator": numerator, "denominator": denominator}


def test_funds_rate_is_decimal_exact():
    result = indicators.figures(
        counts(signed=2, investment_total=Decimal("3000.00"), funds_in=Decimal("1000.10"))
    )

    assert result["rates"]["funds"] == {"value": "33.34", "numerator": "1000.10", "denominator": "3000.00"}
    assert result["funds_in"] == "1000.10"


TODAY = dt.date(2024, 6, 30)


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        ({"stage": "terminated", "start_due_on": dt.date(2024, 1, 1)}, "grey"),
        ({"stage": "signed", "start_due_on": dt.date(2024, 6, 29)}, "red"),
        ({"stage": "registered", "start_due_on": dt.date(2024, 6, 29)}, "red"),
        ({"stage": "started", "start_due_on": dt.date(2024, 1, 1)}, "green"),
        ({"stage": "signed", "start_due_on": dt.date(2024, 6, 30)}, "yellow"),
        ({"stage": "signed", "start_due_on": dt.date(2024, 7, 30)}, "yellow"),
        ({"stage": "signed", "start_due_on": dt.date(2024, 7, 31)}, "green"),
        ({"stage": "signed", "start_due_on": None}, "green"),
        ({"stage": "producing", "start_due_on": None, "missed_return": True}, "red"),
        # 序时进度: half the time gone, funds under half the investment
        (
            {
                "stage": "building",
                "start_due_on": None,
                "signed_on": dt.date(2024, 1, 1),
                "finish_due_on": dt.date(2024, 12, 29),
                "investment_total": Decimal("1000"),
                "funds_in": Decimal("400"),
            },
            "yellow",
        ),
        (
            {
                "stage": "building",
                "start_due_on": None,
                "signed_on": dt.date(2024, 1, 1),
                "finish_due_on": dt.date(2024, 12, 29),
                "investment_total": Decimal("1000"),
                "funds_in": Decimal("500"),
            },
            "green",
        ),
    ],
)
def test_light_cases(project, expected):
    assert indicators.light(as_of=TODAY, **project) == expected


def _update(followed, period, at, **data):
    return services.record_update(followed, {"period": period, **data}, at=at)


@pytest.mark.django_db
def test_database_aggregates_agree_with_the_reference():
    edition = make_series_edition()
    made = [
        make_project(edition, sector="装备制造"),
        make_project(edition, sector="文创"),
        make_project(edition, sector="文创"),
        make_project(edition, contract_kind="agreement", converted_on=dt.date(2023, 9, 1)),
        make_project(edition, contract_kind="agreement"),
    ]
    q3 = dt.datetime(2023, 10, 8, 10, tzinfo=dt.UTC)
    _update(made[0], "2023-Q3", q3, stage="producing", funds_added="1000")
    _update(made[1], "2023-Q3", q3, stage="started", funds_added="200.5")
    _update(made[2], "2023-Q3", q3, stage="terminated", note="投资方撤回")
    reference = indicators.empty_counts()
    for f in made:
        f.refresh_from_db()
        indicators.count_project(
            reference,
            {
                "stage": f.stage,
                "contract_kind": f.contract_kind,
                "converted": f.converted_on is not None,
                "investment_total": f.investment_total,
                "funds_in": f.funds_in,
            },
        )

    today = selectors.follow_up(edition.series)
    replayed = selectors.follow_up(edition.series, as_of=dt.date(2024, 6, 30))
    before = selectors.follow_up(edition.series, as_of=dt.date(2023, 10, 1))

    keys = ("signed", "terminated", "started", "producing", "rates", "funds_in", "investment_total")
    expected = {k: v for k, v in indicators.figures(reference).items() if k in keys}
    assert {k: v for k, v in today.items() if k in keys} == expected
    assert {k: v for k, v in replayed.items() if k in keys} == expected
    assert today["rates"]["fulfilment"] == {"value": "80.00", "numerator": 4, "denominator": 5}
    assert today["rates"]["converted"] == {"value": "50.00", "numerator": 1, "denominator": 2}
    assert today["rates"]["funds"] == {"value": "24.01", "numerator": "1200.50", "denominator": "5000.00"}
    assert [(s["sector"], s["signed"]) for s in today["by_sector"]] == [("文创", 2), ("装备制造", 3)]
    assert today["lights"] == {"green": 4, "yellow": 0, "red": 0, "grey": 1}
    assert (before["terminated"], before["producing"], before["funds_in"]) == (0, 0, "0.00")
