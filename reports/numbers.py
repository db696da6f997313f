"""Numbers as the reader expects them: Chinese (亿元 / 万元, 人 / 人次, 86.8%) or English (CNY million,
thousands separators). The active language decides (translation.override around the caller)."""

from decimal import Decimal

from events.language import is_en

WAN = Decimal("10000")
YI = Decimal("100000000")
MILLION = Decimal("1000000")


def count(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


def pct(value: float | None) -> str:
    """A percentage with one decimal: 86.8%."""
    return "—" if value is None else f"{value:.1f}%"


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def money_big(yuan) -> str:
    """A total: 2.55亿元, or CNY 255.00 million."""
    value = Decimal(yuan or 0)
    if is_en():
        return f"CNY {value / MILLION:,.2f} million"
    return f"{value / YI:.2f}亿元"


def money_table(yuan) -> str:
    """An amount in a table whose header names the unit: 万元 (Chinese) or CNY million (English)."""
    value = Decimal(yuan or 0)
    return f"{value / MILLION:,.2f}" if is_en() else f"{value / WAN:,.2f}"


def money_chart(yuan) -> float:
    """An amount on a chart's axis: 亿元 or CNY million."""
    value = Decimal(yuan or 0)
    return float(value / MILLION) if is_en() else float(value / YI)


def hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
