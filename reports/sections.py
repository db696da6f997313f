"""The report's sections as people read them: per chart a heading, a title stating its finding, the chart
(SVG) and the data table beside it. Built from reports.figures.report() in the active language; the page,
the PDF and the XLSX all show these."""

import datetime as dt
import zoneinfo

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import charts
from .figures import BIN_MINUTES
from .numbers import count, hours, pct, rate
from .outcomes import awards, meals, signing
from .section_parts import edition_year, make_section, points_change, row_name


def attendance(r: dict) -> dict:
    a, prev = r["attendance"], r["previous"]
    if not a["confirmed"]:
        title = _("Nobody is confirmed yet")
    elif prev and r["compare"]:
        before = r["compare"]["attendance_rate"][0]
        change = points_change(before, a["attendance_rate"])
        title = _("Attendance %(rate)s, %(change)s") % {"rate": pct(a["attendance_rate"]), "change": change}
        if before is None:
            title = _("Attendance %(rate)s") % {"rate": pct(a["attendance_rate"])}
    else:
        title = _("Attendance %(rate)s: %(in)s of %(confirmed)s confirmed people came") % {
            "rate": pct(a["attendance_rate"]),
            "in": count(a["checked_in"]),
            "confirmed": count(a["confirmed"]),
        }
    keys = ("registered", "confirmed", "checked_in", "no_show", "manual")
    labels = [
        pgettext("report", "Registered"),
        pgettext("report", "Confirmed"),
        pgettext("report", "Checked in"),
        pgettext("report", "No-shows"),
        pgettext("report", "Admitted by hand"),
    ]
    series = []
    if prev and r["compare"]:
        series.append((edition_year(prev), [r["compare"][k][0] or 0 for k in keys], charts.PREVIOUS_COLOUR))
    series.append((edition_year(r["edition"]), [a[k] for k in keys], charts.THIS_COLOUR))
    svg = charts.grouped_bars(
        title=title,
        groups=labels,
        series=series,
        xlabel=pgettext("report", "Measure"),
        ylabel=pgettext("report", "People"),
        value_format=count,
    )
    headers = (
        [pgettext("report", "Measure")]
        + ([edition_year(prev)] if prev else [])
        + [edition_year(r["edition"])]
    )
    rows = [
        [label] + ([count(r["compare"][k][0])] if prev else []) + [count(a[k])]
        for label, k in zip(labels, keys, strict=True)
    ]
    rows.append(
        [_("Attendance rate")]
        + ([pct(r["compare"]["attendance_rate"][0])] if prev else [])
        + [pct(a["attendance_rate"])]
    )
    notes = [
        _(
            "Registered: pending, confirmed or waitlisted. Checked in: confirmed and admitted at any door. Admitted by hand: counted apart, and among those checked in."
        )
    ]
    return make_section("attendance", _("Attendance"), title, svg, headers, rows, notes)


def by_category(r: dict) -> dict:
    cats = [c for c in r["attendance"]["by_category"] if c["registered"] or c["confirmed"]]
    rated = [(rate(c["checked_in"], c["confirmed"]), c) for c in cats if c["confirmed"]]
    if rated:
        best_rate, best = max(rated, key=lambda x: x[0])
        title = _("%(category)s came most: %(rate)s of those confirmed") % {
            "category": row_name(best),
            "rate": pct(best_rate),
        }
    else:
        title = _("Nobody is confirmed yet")
    keys = ("registered", "confirmed", "checked_in")
    labels = [
        pgettext("report", "Registered"),
        pgettext("report", "Confirmed"),
        pgettext("report", "Checked in"),
    ]
    series = [(label, [c[k] for c in cats], None) for label, k in zip(labels, keys, strict=True)]
    svg = charts.grouped_bars(
        title=title,
        groups=[row_name(c) for c in cats],
        series=series,
        xlabel=pgettext("report", "Category"),
        ylabel=pgettext("report", "People"),
        value_format=count,
    )
    headers = [pgettext("report", "Category"), *labels, _("Attendance rate")]
    rows = [
        [row_name(c), *(count(c[k]) for k in keys), pct(rate(c["checked_in"], c["confirmed"]))] for c in cats
    ]
    return make_section("by_category", pgettext("report", "By category"), title, svg, headers, rows)


def by_unit(r: dict) -> dict:
    units = r["attendance"]["by_unit"]
    came = [u for u in units if u["checked_in"]]
    quota, arrived = sum(u["quota"] for u in units), sum(u["checked_in"] for u in units)
    title = _("%(came)s of %(units)s units came: %(in)s people checked in against a quota of %(quota)s") % {
        "came": len(came),
        "units": len(units),
        "in": count(arrived),
        "quota": count(quota),
    }
    if not units:
        title = _("No units were invited")
    labels = [
        pgettext("report", "Quota"),
        pgettext("report", "Registered"),
        pgettext("report", "Confirmed"),
        pgettext("report", "Checked in"),
    ]
    keys = ("quota", "registered", "confirmed", "checked_in")
    # The chart: quota, confirmed, checked in (the table has all four).
    series = [(labels[i], [u[keys[i]] for u in units], None) for i in (0, 2, 3)]
    svg = charts.grouped_bars(
        title=title,
        groups=[row_name(u, "organization") for u in units],
        series=series,
        xlabel=pgettext("report", "People"),
        ylabel=pgettext("report", "Unit"),
        horizontal=True,
        value_format=count,
    )
    headers = [pgettext("report", "Unit"), *labels]
    rows = [[row_name(u, "organization"), *(count(u[k]) for k in keys)] for u in units]
    notes = [
        _("Counted as the units page counts them: quota (应到), registered, confirmed, checked in (实到).")
    ]
    return make_section("by_unit", _("By unit"), title, svg, headers, rows, notes)


def arrivals(r: dict) -> dict:
    tz = zoneinfo.ZoneInfo(r["edition"]["time_zone"])
    points = [p for p in r["arrivals"].values() if p["bins"]]
    busiest = max(points, key=lambda p: p["peak"]["count"]) if points else None
    if busiest:
        at = dt.datetime.fromisoformat(busiest["peak"]["at"]).astimezone(tz)
        title = _("%(point)s peaked at %(time)s: %(n)s admissions in 10 minutes") % {
            "point": row_name(busiest),
            "time": at.strftime("%H:%M"),
            "n": count(busiest["peak"]["count"]),
        }
    else:
        title = _("Nobody checked in yet")
    series = [(row_name(p), [(dt.datetime.fromisoformat(a), n) for a, n in p["bins"]]) for p in points]
    svg = charts.time_bars(
        title=title,
        series=series,
        minutes=BIN_MINUTES,
        xlabel=_("Time (10-minute intervals)"),
        ylabel=pgettext("report", "Admissions"),
        tz=tz,
    )
    headers = [pgettext("report", "Door"), pgettext("report", "Time"), pgettext("report", "Admissions")]
    rows = [
        [row_name(p), dt.datetime.fromisoformat(a).astimezone(tz).strftime("%m-%d %H:%M"), count(n)]
        for p in points
        for a, n in p["bins"]
        if n
    ]
    notes = [
        _("%(point)s: %(n)s admissions, peak %(peak)s at %(time)s")
        % {
            "point": row_name(p),
            "n": count(p["total"]),
            "peak": count(p["peak"]["count"]),
            "time": dt.datetime.fromisoformat(p["peak"]["at"]).astimezone(tz).strftime("%H:%M"),
        }
        for p in points
    ]
    return make_section("arrivals", pgettext("report", "Arrivals"), title, svg, headers, rows, notes)


def registrations(r: dict) -> dict:
    days = r["registrations_per_day"]
    if days:
        best = max(days, key=lambda d: d[1] + d[2])
        title = _("Busiest day for registrations: %(day)s, %(n)s people") % {
            "day": dt.date.fromisoformat(best[0]).strftime("%Y-%m-%d"),
            "n": count(best[1] + best[2]),
        }
    else:
        title = _("No registrations yet")
    # Every day from the first registration to the last, the quiet ones as empty bars.
    filled = {d[0]: d for d in days}
    span = []
    if days:
        first, last = dt.date.fromisoformat(days[0][0]), dt.date.fromisoformat(days[-1][0])
        span = [first + dt.timedelta(n) for n in range((last - first).days + 1)]
    zero = [None, 0, 0]
    svg = charts.day_bars(
        title=title,
        days=span,
        stacks=[
            (pgettext("report", "Confirmed"), [filled.get(d.isoformat(), zero)[1] for d in span]),
            (pgettext("report", "Waitlisted"), [filled.get(d.isoformat(), zero)[2] for d in span]),
        ],
        xlabel=pgettext("report", "Date registered"),
        ylabel=pgettext("report", "People"),
    )
    headers = [
        pgettext("report", "Date registered"),
        pgettext("report", "Confirmed"),
        pgettext("report", "Waitlisted"),
    ]
    rows = [[d[0], count(d[1]), count(d[2])] for d in days]
    notes = [
        _(
            "Approval turnaround (median): %(h)s hours, from registering to approval, for categories that require approval."
        )
        % {"h": hours(r["approval_median_hours"])}
    ]
    return make_section("registrations", _("Registrations over time"), title, svg, headers, rows, notes)


def handovers(r: dict) -> dict:
    items = r["handovers"]
    rated = [(rate(i["handed"], i["due"]), i) for i in items if i["due"]]
    if rated:
        low_rate, low = min(rated, key=lambda x: x[0])
        title = _("Lowest hand-out rate: %(item)s, %(rate)s (%(handed)s of %(due)s)") % {
            "item": row_name(low),
            "rate": pct(low_rate),
            "handed": count(low["handed"]),
            "due": count(low["due"]),
        }
    else:
        title = _("Nothing to hand out")
    labels = [pgettext("report", "Handed over"), pgettext("report", "Due")]
    series = [
        (labels[0], [i["handed"] for i in items], charts.THIS_COLOUR),
        (labels[1], [i["due"] for i in items], charts.PREVIOUS_COLOUR),
    ]
    svg = charts.grouped_bars(
        title=title,
        groups=[row_name(i) for i in items],
        series=series,
        xlabel=pgettext("report", "People"),
        ylabel=pgettext("report", "Item"),
        horizontal=True,
        value_format=count,
    )
    headers = [pgettext("report", "Door"), pgettext("report", "Item"), *labels, pgettext("report", "Rate")]
    rows = [
        [
            row_name(i, "point_name"),
            row_name(i),
            count(i["handed"]),
            count(i["due"]),
            pct(rate(i["handed"], i["due"])),
        ]
        for i in items
    ]
    return make_section("handovers", _("Hand-outs"), title, svg, headers, rows)


SECTIONS = (attendance, by_category, by_unit, arrivals, registrations, handovers, meals, signing, awards)


def sections(r: dict) -> list[dict]:
    return [build(r) for build in SECTIONS]
