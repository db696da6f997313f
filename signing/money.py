"""Amounts: parse what organisers type, print as Chinese ceremony documents do (万元 / 亿元)."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from events.exceptions import InvalidInput

WAN = Decimal("10000")
YI = Decimal("100000000")
# What an organiser may send as `amount_unit`; amounts are stored in the currency's major unit (元).
UNITS = {"": 1, "yuan": 1, "元": 1, "wan": WAN, "万元": WAN, "万": WAN, "yi": YI, "亿元": YI, "亿": YI}
# 10 万亿元 less a fen: 15 significant digits, so the amount survives SQLite (which keeps decimals as
# REAL) exactly and reads back within the column's 18 digits.
MAX_AMOUNT = Decimal("9999999999999.99")

CURRENCY_ZH = {"CNY": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元"}


def parse_amount(value, *, unit: str = "yuan", field: str = "amount") -> Decimal | None:
    """Exact Decimal in yuan from a number or a numeric string; None when empty. Never through float
    arithmetic: a JSON number is read from its decimal text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidInput(_("The amount must be a number."), field=field)
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(_("The amount must be a number, not %(str)r.") % {"str": str(value)}, field=field)
    if not amount.is_finite():
        raise InvalidInput(_("The amount must be a finite number."), field=field)
    if unit not in UNITS:
        raise InvalidInput(_("amount_unit must be yuan, wan or yi."), field="amount_unit")
    amount = amount * UNITS[unit]
    if amount < 0:
        raise InvalidInput(_("The amount cannot be negative."), field=field)
    # Before quantize: a huge number ("1e300") has more digits than Decimal's context can round.
    if amount > MAX_AMOUNT:
        raise InvalidInput(_("The amount is too large."), field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(_("The amount has more than two decimal places."), field=field)
    return amount.quantize(Decimal("0.01"))


def _plain(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount_zh(amount: Decimal | None, currency: str = "CNY") -> str:
    """1.5亿元, 3000万元, 500万美元: 亿 from 1亿 up, else 万."""
    if amount is None:
        return "—"
    unit = CURRENCY_ZH.get(currency, currency)
    if abs(amount) >= YI:
        return f"{_plain(amount / YI)}亿{unit}"
    return f"{_plain(amount / WAN)}万{unit}"


def amount_en(amount: Decimal | None, currency: str = "CNY") -> str:
    """CNY 150 million, CNY 30 million, USD 5 million; below a million in full: CNY 500,000."""
    if amount is None:
        return "—"
    million = Decimal("1000000")
    billion = Decimal("1000000000")
    if abs(amount) >= billion:
        return f"{currency} {_plain(amount / billion)} billion"
    if abs(amount) >= million:
        return f"{currency} {_plain(amount / million)} million"
    return f"{currency} {amount.quantize(Decimal('1')):,}"


def amount_text(amount: Decimal | None, currency: str, lang: str) -> str:
    if lang == "en":
        return amount_en(amount, currency)
    if lang == "both":
        return f"{amount_zh(amount, currency)} ({amount_en(amount, currency)})"
    return amount_zh(amount, currency)
