from decimal import Decimal

import pytest

from events.exceptions import InvalidInput
from signing.money import amount_en, amount_zh, parse_amount


def test_amount_zh_uses_yi_from_one_hundred_million():
    assert amount_zh(Decimal("150000000")) == "1.5亿元"
    assert amount_zh(Decimal("100000000")) == "1亿元"


def test_amount_zh_uses_wan_below_one_hundred_million():
    assert amount_zh(Decimal("80000000")) == "8000万元"
    assert amount_zh(Decimal("12345")) == "1.23万元"
    assert amount_zh(Decimal("5000000"), "USD") == "500万美元"


def test_amount_en_in_millions_and_billions():
    assert amount_en(Decimal("1390000000")) == "CNY 1.39 billion"
    assert amount_en(Decimal("80000000")) == "CNY 80 million"
    assert amount_en(Decimal("500000")) == "CNY 500,000"


def test_parse_amount_is_exact_from_a_float():
    assert parse_amount(0.1, unit="yi") == Decimal("10000000.00")


def test_parse_amount_rejects_text_naming_the_field():
    with pytest.raises(InvalidInput) as err:
        parse_amount("a lot")
    assert err.value.field == "amount"


def test_parse_amount_rejects_fractions_of_a_fen():
    with pytest.raises(InvalidInput):
        parse_amount("1.001")


def test_parse_amount_rejects_negative():
    with pytest.raises(InvalidInput):
        parse_amount("-5")
