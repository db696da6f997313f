"""The indicators and the lights, as pure functions of numbers and dates (no queries here: selectors.py
feeds them from database aggregates, and the reference in the tests and bench from plain lists).

Rates are exact: Decimal arithmetic, the percentage rounded half up to two places, and each rate carries
its numerator and denominator so that a report can print how it was reached."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .enums import STARTED_STAGES, Stage

HUNDREDTH = Decimal("0.01")
YELLOW_DAYS = 30

# What each rate divides, as printed under the figures of every report.
FORMULAS = {
    "fulfilment": (
        "履约率 = (签约项目数 − 已终止) ÷ 签约项目数",
        "Fulfilment = (signed − terminated) ÷ signed",
    ),
    "started": (
        "开工率 = (已开工 + 在建 + 已投产) ÷ 签约项目数",
        "Started = (started + under construction + in production) ÷ signed",
    ),
    "producing": ("投产率 = 已投产 ÷ 签约项目数", "In production = in production ÷ signed"),
    "funds": ("资金到位率 = 到位资金合计 ÷ 协议投资额合计", "Funds in = funds in ÷ total investment"),
    "converted": (
        "转化率 = 已转化为合同的协议 ÷ 协议数",
        "Converted = agreements turned contracts ÷ agreements",
    ),
}
RATES = tuple(FORMULAS)


def _text(value) -> str | int:
    return value if isinstance(value, int) else str(Decimal(value).quantize(HUNDREDTH))


def percent(numerator, denominator) -> Decimal | None:
    """numerator / denominator as a percentage rounded half up to two places (None when nothing to divide)."""
    numerator, denominator = Decimal(numerator), Decimal(denominator)
    if denominator == 0:
        return None
    return (numerator * 100 / denominator).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def rate(numerator, denominator) -> dict:
    """{value, numerator, denominator}: value a string with two decimals ("99.66") or None; counts as
    integers, amounts (万元) as decimal strings."""
    value = percent(numerator, denominator)
    return {
        "value": None if value is None else str(value),
        "numerator": _text(numerator),
        "denominator": _text(denominator),
    }


def empty_counts() -> dict:
    return {
        "signed": 0,
        "terminated": 0,
        "registered": 0,
        "started": 0,
        "building": 0,
        "producing": 0,
        "agreements": 0,
        "converted": 0,
        "investment_total": Decimal(0),
        "funds_in": Decimal(0),
    }


def figures(counts: dict) -> dict:
    """The indicators of one scope from its counts (signed, terminated, started, building, producing,
    agreements, converted, investment_total, funds_in)."""
    signed = counts["signed"]
    under_way = counts["started"] + counts["building"] + counts["producing"]
    investment = Decimal(counts["investment_total"] or 0)
    funds = Decimal(counts["funds_in"] or 0)
    return {
        "signed": signed,
        "terminated": counts["terminated"],
        "registered": counts["registered"],
        "started": counts["started"],
        "building": counts["building"],
        "producing": counts["producing"],
        "agreements": counts["agreements"],
        "converted": counts["converted"],
        "investment_total": str(investment.quantize(HUNDREDTH)),
        "funds_in": str(funds.quantize(HUNDREDTH)),
        "rates": {
            "fulfilment": rate(signed - counts["terminated"], signed),
            "started": rate(under_way, signed),
            "producing": rate(counts["producing"], signed),
            "funds": rate(funds, investment),
            "converted": rate(counts["converted"], counts["agreements"]),
        },
    }


def count_project(counts: dict, p: dict) -> None:
    """Add one project (a dict of stage, contract_kind, converted, investment_total, funds_in) to counts:
    the reference the database aggregates must agree with."""
    counts["signed"] += 1
    if p["stage"] in counts and p["stage"] != "signed":
        counts[p["stage"]] += 1
    if p["contract_kind"] == "agreement":
        counts["agreements"] += 1
        counts["converted"] += bool(p["converted"])
    counts["investment_total"] += Decimal(p["investment_total"] or 0)
    counts["funds_in"] += Decimal(p["funds_in"] or 0)


def elapsed_share(signed_on: dt.date, finish_due_on: dt.date, as_of: dt.date) -> Decimal:
    """序时进度: the share of the time from signing to the due finish that has passed, from 0 to 1."""
    total = (finish_due_on - signed_on).days
    if total <= 0:
        return Decimal(1)
    return min(Decimal(1), max(Decimal(0), Decimal((as_of - signed_on).days) / Decimal(total)))


def light(
    *,
    stage: str,
    as_of: dt.date,
    start_due_on: dt.date | None,
    finish_due_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    investment_total=0,
    funds_in=0,
    missed_return: bool = False,
) -> str:
    """A project's light as of a date.

    grey: terminated. red: the agreed start date has passed without a start, or no return for the last
    closed period (`missed_return`). yellow: within 30 days of the agreed start without a start, or funds
    in below the time-elapsed share of the investment when a finish date is agreed. green otherwise."""
    if stage == Stage.TERMINATED:
        return "grey"
    not_started = stage not in STARTED_STAGES
    if not_started and start_due_on is not None and start_due_on < as_of:
        return "red"
    if missed_return:
        return "red"
    if not_started and start_due_on is not None and (start_due_on - as_of).days <= YELLOW_DAYS:
        return "yellow"
    if finish_due_on is not None and signed_on is not None and Decimal(investment_total or 0) > 0:
        expected = Decimal(investment_total) * elapsed_share(signed_on, finish_due_on, as_of)
        if Decimal(funds_in or 0) < expected:
            return "yellow"
    return "green"
