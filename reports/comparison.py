"""The comparison table: each headline figure of the previous edition beside this one's, with the change."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .numbers import count, hours, money_big, pct


def comparison(r: dict) -> list[list[str]]:
    """[figure, previous, this, change] rows, when a previous edition is beside this one."""
    labels = {
        "registered": pgettext("report", "Registered"),
        "confirmed": pgettext("report", "Confirmed"),
        "checked_in": pgettext("report", "Checked in"),
        "no_show": pgettext("report", "No-shows"),
        "manual": pgettext("report", "Admitted by hand"),
        "attendance_rate": _("Attendance rate"),
        "arrivals_peak": _("Busiest 10 minutes at a door"),
        "approval_median_hours": _("Approval turnaround (median hours)"),
        "projects": _("Projects signed"),
        "investment_total": pgettext("report", "Investment"),
        "awards": pgettext("report", "Awards"),
        "meals_served": _("Meals served"),
        "meals_planned": _("Meals planned"),
    }
    rows = []
    for key, (before, now) in r["compare"].items():
        if key == "investment_total":
            diff = Decimal(now) - Decimal(before)
            shown = [
                money_big(before),
                money_big(now),
                ("+" if diff > 0 else "-" if diff < 0 else "") + money_big(abs(diff)),
            ]
        elif key == "attendance_rate":
            diff = None if before is None or now is None else round(now - before, 1)
            shown = [pct(before), pct(now), "—" if diff is None else f"{diff:+.1f}"]
        elif key == "approval_median_hours":
            diff = None if before is None or now is None else round(now - before, 1)
            shown = [hours(before), hours(now), "—" if diff is None else f"{diff:+.1f}"]
        else:
            shown = [count(before), count(now), f"{now - before:+,}"]
        rows.append([labels[key], *shown])
    return rows
