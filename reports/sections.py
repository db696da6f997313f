"""The report's sections as people read them: per chart a heading, a title stating its finding, the chart
(SVG) and the data table beside it. Built from reports.figures.report() in the active language; the page,
the PDF and the XLSX all show these."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from events.language import is_en, localized

from . import charts
from .figures import BIN_MINUTES
from .meals import scanned_totals
from .numbers import count, hours, money_big, money_chart, money_table, pct, rate


def _name(row: dict, key: str = "name") -> str:
    return localized(row, key)


def _section(key, heading, title, svg, headers, rows, notes=()) -> dict:
    return {"key": key, "heading": heading, "title": title, "svg": svg, "headers": headers, "rows": rows,
            "notes": list(notes)}  # fmt: skip


def _edition_name(e: dict | None) -> str:
    """An edition as a legend or a column names it: its year (the series is the report's subject)."""
    return e["starts_on"][:4] if e else ""


def _points_change(before: float | None, now: float | None) -> str:
    if before is None or now is None:
        return ""
    diff = round(now - before, 1)
    if diff > 0:
        return _("%(n).1f points above the previous edition") % {"n": diff}
    if diff < 0:
        return _("%(n).1f points below the previous edition") % {"n": -diff}
    return _("the same as the previous edition")


def attendance(r: dict) -> dict:
    a, prev = r["attendance"], r["previous"]
    if not a["confirmed"]:
        title = _("Nobody is confirmed yet")
    elif prev and r["compare"]:
        before = r["compare"]["attendance_rate"][0]
        change = _points_change(before, a["attendance_rate"])
        title = _("Attendance %(rate)s, %(change)s") % {"rate": pct(a["attendance_rate"]), "change": change}
        if before is None:
            title = _("Attendance %(rate)s") % {"rate": pct(a["attendance_rate"])}
    else:
        title = _("Attendance %(rate)s: %(in)s of %(confirmed)s confirmed people came") % {
            "rate": pct(a["attendance_rate"]), "in": count(a["checked_in"]), "confirmed": count(a["confirmed"])}  # fmt: skip
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
        series.append((_edition_name(prev), [r["compare"][k][0] or 0 for k in keys], charts.PREVIOUS_COLOUR))
    series.append((_edition_name(r["edition"]), [a[k] for k in keys], charts.THIS_COLOUR))
    svg = charts.grouped_bars(title=title, groups=labels, series=series, xlabel=pgettext("report", "Measure"),
                              ylabel=pgettext("report", "People"), value_format=count)  # fmt: skip
    headers = (
        [pgettext("report", "Measure")]
        + ([_edition_name(prev)] if prev else [])
        + [_edition_name(r["edition"])]
    )
    rows = [[label] + ([count(r["compare"][k][0])] if prev else []) + [count(a[k])] for label, k in zip(labels, keys, strict=True)]  # fmt: skip
    rows.append([_("Attendance rate")] + ([pct(r["compare"]["attendance_rate"][0])] if prev else []) + [pct(a["attendance_rate"])])  # fmt: skip
    notes = [_("Registered: pending, confirmed or waitlisted. Checked in: confirmed and admitted at any door. Admitted by hand: counted apart, and among those checked in.")]  # fmt: skip
    return _section("attendance", _("Attendance"), title, svg, headers, rows, notes)


def by_category(r: dict) -> dict:
    cats = [c for c in r["attendance"]["by_category"] if c["registered"] or c["confirmed"]]
    rated = [(rate(c["checked_in"], c["confirmed"]), c) for c in cats if c["confirmed"]]
    if rated:
        best_rate, best = max(rated, key=lambda x: x[0])
        title = _("%(category)s came most: %(rate)s of those confirmed") % {"category": _name(best), "rate": pct(best_rate)}  # fmt: skip
    else:
        title = _("Nobody is confirmed yet")
    keys = ("registered", "confirmed", "checked_in")
    labels = [
        pgettext("report", "Registered"),
        pgettext("report", "Confirmed"),
        pgettext("report", "Checked in"),
    ]
    series = [(label, [c[k] for c in cats], None) for label, k in zip(labels, keys, strict=True)]
    svg = charts.grouped_bars(title=title, groups=[_name(c) for c in cats], series=series, xlabel=pgettext("report", "Category"),
                              ylabel=pgettext("report", "People"), value_format=count)  # fmt: skip
    headers = [pgettext("report", "Category"), *labels, _("Attendance rate")]
    rows = [
        [_name(c), *(count(c[k]) for k in keys), pct(rate(c["checked_in"], c["confirmed"]))] for c in cats
    ]
    return _section("by_category", pgettext("report", "By category"), title, svg, headers, rows)


def by_unit(r: dict) -> dict:
    units = r["attendance"]["by_unit"]
    came = [u for u in units if u["checked_in"]]
    quota, arrived = sum(u["quota"] for u in units), sum(u["checked_in"] for u in units)
    title = _("%(came)s of %(units)s units came: %(in)s people checked in against a quota of %(quota)s") % {
        "came": len(came), "units": len(units), "in": count(arrived), "quota": count(quota)}  # fmt: skip
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
    svg = charts.grouped_bars(title=title, groups=[_name(u, "organization") for u in units], series=series,
                              xlabel=pgettext("report", "People"), ylabel=pgettext("report", "Unit"), horizontal=True, value_format=count)  # fmt: skip
    headers = [pgettext("report", "Unit"), *labels]
    rows = [[_name(u, "organization"), *(count(u[k]) for k in keys)] for u in units]
    notes = [
        _("Counted as the units page counts them: quota (应到), registered, confirmed, checked in (实到).")
    ]
    return _section("by_unit", _("By unit"), title, svg, headers, rows, notes)


def arrivals(r: dict) -> dict:
    tz = zoneinfo.ZoneInfo(r["edition"]["time_zone"])
    points = [p for p in r["arrivals"].values() if p["bins"]]
    busiest = max(points, key=lambda p: p["peak"]["count"]) if points else None
    if busiest:
        at = dt.datetime.fromisoformat(busiest["peak"]["at"]).astimezone(tz)
        title = _("%(point)s peaked at %(time)s: %(n)s admissions in 10 minutes") % {
            "point": _name(busiest), "time": at.strftime("%H:%M"), "n": count(busiest["peak"]["count"])}  # fmt: skip
    else:
        title = _("Nobody checked in yet")
    series = [(_name(p), [(dt.datetime.fromisoformat(a), n) for a, n in p["bins"]]) for p in points]
    svg = charts.time_bars(title=title, series=series, minutes=BIN_MINUTES, xlabel=_("Time (10-minute intervals)"),
                           ylabel=pgettext("report", "Admissions"), tz=tz)  # fmt: skip
    headers = [pgettext("report", "Door"), pgettext("report", "Time"), pgettext("report", "Admissions")]
    rows = [[_name(p), dt.datetime.fromisoformat(a).astimezone(tz).strftime("%m-%d %H:%M"), count(n)]
            for p in points for a, n in p["bins"] if n]  # fmt: skip
    notes = [
        _("%(point)s: %(n)s admissions, peak %(peak)s at %(time)s") % {
            "point": _name(p), "n": count(p["total"]), "peak": count(p["peak"]["count"]),
            "time": dt.datetime.fromisoformat(p["peak"]["at"]).astimezone(tz).strftime("%H:%M")}
        for p in points
    ]  # fmt: skip
    return _section("arrivals", pgettext("report", "Arrivals"), title, svg, headers, rows, notes)


def registrations(r: dict) -> dict:
    days = r["registrations_per_day"]
    if days:
        best = max(days, key=lambda d: d[1] + d[2])
        title = _("Busiest day for registrations: %(day)s, %(n)s people") % {
            "day": dt.date.fromisoformat(best[0]).strftime("%Y-%m-%d"), "n": count(best[1] + best[2])}  # fmt: skip
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
    notes = [_("Approval turnaround (median): %(h)s hours, from registering to approval, for categories that require approval.") % {"h": hours(r["approval_median_hours"])}]  # fmt: skip
    return _section("registrations", _("Registrations over time"), title, svg, headers, rows, notes)


def handovers(r: dict) -> dict:
    items = r["handovers"]
    rated = [(rate(i["handed"], i["due"]), i) for i in items if i["due"]]
    if rated:
        low_rate, low = min(rated, key=lambda x: x[0])
        title = _("Lowest hand-out rate: %(item)s, %(rate)s (%(handed)s of %(due)s)") % {
            "item": _name(low), "rate": pct(low_rate), "handed": count(low["handed"]), "due": count(low["due"])}  # fmt: skip
    else:
        title = _("Nothing to hand out")
    labels = [pgettext("report", "Handed over"), pgettext("report", "Due")]
    series = [(labels[0], [i["handed"] for i in items], charts.THIS_COLOUR),
              (labels[1], [i["due"] for i in items], charts.PREVIOUS_COLOUR)]  # fmt: skip
    svg = charts.grouped_bars(title=title, groups=[_name(i) for i in items], series=series, xlabel=pgettext("report", "People"),
                              ylabel=pgettext("report", "Item"), horizontal=True, value_format=count)  # fmt: skip
    headers = [pgettext("report", "Door"), pgettext("report", "Item"), *labels, pgettext("report", "Rate")]
    rows = [[_name(i, "point_name"), _name(i), count(i["handed"]), count(i["due"]), pct(rate(i["handed"], i["due"]))] for i in items]  # fmt: skip
    return _section("handovers", _("Hand-outs"), title, svg, headers, rows)


def meal_name(kind: str) -> str:
    return {"breakfast": pgettext("meal", "Breakfast"), "lunch": pgettext("meal", "Lunch"),
            "dinner": pgettext("meal", "Dinner")}.get(kind, kind)  # fmt: skip


def meals(r: dict) -> dict:
    """Served and planned per meal session; the previous edition's served beside it, matched by the day of
    the edition and the meal (its first-day lunch beside this first-day lunch)."""
    rows_in, prev = r["meals"], r["previous"] and r["previous_meals"]
    served, planned = sum(m["served"] for m in rows_in), sum(m["planned"] for m in rows_in)
    # The rate over the meals a door point scans (a meal nobody scans has no served count).
    s_served, s_planned = scanned_totals(rows_in)
    if s_planned:
        title = _("Meals: %(served)s served of %(planned)s planned (%(rate)s)") % {
            "served": count(s_served), "planned": count(s_planned), "rate": pct(rate(s_served, s_planned))}  # fmt: skip
        before = scanned_totals(prev or [])
        if before[1]:
            change = _points_change(rate(*before), rate(s_served, s_planned))
            title = f"{title}{', ' if is_en() else '，'}{change}"
    elif planned:
        title = _("%(planned)s meals planned, none counted at a door") % {"planned": count(planned)}
    else:
        title = _("No meals planned")
    earlier = {}
    for m in prev or []:
        earlier.setdefault((m["day"], m["kind"]), []).append(m)
    groups = [(_("Day %(n)s %(meal)s") if m["day"] > 0 else _("The day before, %(meal)s"))
              % {"n": m["day"], "meal": meal_name(m["kind"])} for m in rows_in]  # fmt: skip
    labels = [pgettext("report", "Planned"), pgettext("report", "Served")]
    nan = float("nan")  # no bar, "—" on it: a meal nobody scans has no served count
    series = [(labels[0], [m["planned"] for m in rows_in], charts.PREVIOUS_COLOUR),
              (labels[1], [m["served"] if m["point"] else nan for m in rows_in], charts.THIS_COLOUR)]  # fmt: skip
    if prev:
        year = _edition_name(r["previous"])
        series.append((_("Served %(year)s") % {"year": year},
                       [sum(x["served"] for x in theirs) if any(x["point"] for x in theirs) else nan
                        for theirs in (earlier.get((m["day"], m["kind"]), []) for m in rows_in)], "#1d4ed8"))  # fmt: skip
    svg = charts.grouped_bars(title=title, groups=groups, series=series, xlabel=pgettext("report", "Meal"),
                              ylabel=pgettext("report", "People"), value_format=lambda v: "—" if v != v else count(v))  # fmt: skip
    headers = [pgettext("report", "Meal"), *labels, _("Served rate")]
    if prev:
        headers += [_("Planned %(year)s") % {"year": year}, _("Served %(year)s") % {"year": year}]
    rows = []
    for m in rows_in:
        scanned = bool(m["point"])
        row = [" ".join(x for x in (m["date"], meal_name(m["kind"]), m["venue"]) if x), count(m["planned"]),
               count(m["served"]) if scanned else "—", pct(rate(m["served"], m["planned"])) if scanned else "—"]  # fmt: skip
        if prev:
            theirs = earlier.get((m["day"], m["kind"]))
            row += [count(sum(x["planned"] for x in theirs)),
                    count(sum(x["served"] for x in theirs)) if any(x["point"] for x in theirs) else "—"] if theirs else ["—", "—"]  # fmt: skip
        rows.append(row)
    if rows:
        rows.append([pgettext("report", "Total"), count(planned), count(served), pct(rate(s_served, s_planned))]
                    + ([count(r["compare"]["meals_planned"][0]), count(r["compare"]["meals_served"][0])] if prev else []))  # fmt: skip
    notes = [_("Planned: confirmed people invited to the meal and there that day by their reply form. Served: people admitted at the meal's door that day. As the reception page counts them."),
             _("A meal without a door point is not counted as served (—); the rate is over the meals that are.")]  # fmt: skip
    return _section("meals", _("Meals"), title, svg, headers, rows, notes)


def signing(r: dict) -> dict:
    s = r["signing"]
    title = _("%(n)s projects signed, %(total)s in total") % {"n": count(s["projects"]), "total": money_big(s["investment_total"])}  # fmt: skip
    if r["compare"]:
        before, now = (Decimal(x) for x in r["compare"]["investment_total"])
        diff = now - before
        if diff:
            more = _("%(amount)s more than the previous edition") if diff > 0 else _("%(amount)s less than the previous edition")  # fmt: skip
            title = f"{title}{', ' if is_en() else '，'}{more % {'amount': money_big(abs(diff))}}"
    unit = _("CNY million") if is_en() else "亿元"
    sectors = s["by_sector"]
    svg = charts.grouped_bars(title=title, groups=[_name(x, "sector") or _("(no sector)") for x in sectors],
                              series=[(unit, [money_chart(x["investment"]) for x in sectors], charts.THIS_COLOUR)],
                              xlabel=pgettext("report", "Sector"), ylabel=unit, value_format=lambda v: f"{v:,.2f}")  # fmt: skip
    table_unit = _("CNY million") if is_en() else "万元"
    headers = [
        pgettext("report", "Sector"),
        pgettext("report", "Projects"),
        _("Investment (%(unit)s)") % {"unit": table_unit},
    ]
    rows = [[_name(x, "sector") or _("(no sector)"), count(x["projects"]), money_table(x["investment"])] for x in sectors]  # fmt: skip
    rows.append([pgettext("report", "Total"), count(s["projects"]), money_table(s["investment_total"])])
    notes = [_("Projects not cancelled; investment: their amounts in yuan (CNY).")]
    if s["other_currencies"]:
        other = ", ".join(f"{o['currency']} {Decimal(o['amount']):,.2f}" for o in s["other_currencies"])
        notes.append(_("Signed in other currencies, not in the total: %(other)s") % {"other": other})
    if s["by_kind"]:
        notes += [_("By contract kind: %(kinds)s") % {"kinds": "; ".join(
            f"{k['name']} {count(k['projects'])} / {money_big(k['investment'])}" for k in s["by_kind"])}]  # fmt: skip
    return _section("signing", pgettext("report", "Signing ceremony"), title, svg, headers, rows, notes)


def awards(r: dict) -> dict:
    rows_in = r["awards"]
    total = sum(a["count"] for a in rows_in)
    if rows_in:
        title = _("%(n)s awards presented, most of them: %(title)s (%(k)s)") % {
            "n": count(total), "title": _name(rows_in[0]), "k": count(rows_in[0]["count"])}  # fmt: skip
    else:
        title = _("No awards presented")
    svg = charts.grouped_bars(title=title, groups=[_name(a) for a in rows_in],
                              series=[(pgettext("report", "Awards"), [a["count"] for a in rows_in], charts.THIS_COLOUR)],
                              xlabel=pgettext("report", "Awards"), ylabel=pgettext("report", "Title"), horizontal=True, value_format=count)  # fmt: skip
    headers = [pgettext("report", "Title"), pgettext("report", "Awards")]
    rows = [[_name(a), count(a["count"])] for a in rows_in]
    return _section("awards", pgettext("report", "Awards"), title, svg, headers, rows)


def comparison(r: dict) -> list[list[str]]:
    """[figure, previous, this, change] rows, when a previous edition is beside this one."""
    labels = {"registered": pgettext("report", "Registered"), "confirmed": pgettext("report", "Confirmed"), "checked_in": pgettext("report", "Checked in"),
              "no_show": pgettext("report", "No-shows"), "manual": pgettext("report", "Admitted by hand"), "attendance_rate": _("Attendance rate"),
              "arrivals_peak": _("Busiest 10 minutes at a door"), "approval_median_hours": _("Approval turnaround (median hours)"),
              "projects": _("Projects signed"), "investment_total": pgettext("report", "Investment"), "awards": pgettext("report", "Awards"),
              "meals_served": _("Meals served"), "meals_planned": _("Meals planned")}  # fmt: skip
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


SECTIONS = (attendance, by_category, by_unit, arrivals, registrations, handovers, meals, signing, awards)


def sections(r: dict) -> list[dict]:
    return [build(r) for build in SECTIONS]
