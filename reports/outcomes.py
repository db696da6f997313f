"""The report's sections on what the conference delivered: meals served against planned, projects signed
and the investment they carry, awards given; each beside the previous edition where there is one."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from events.language import is_en

from . import charts
from .meals import scanned_totals
from .numbers import count, money_big, money_chart, money_table, pct, rate
from .section_parts import edition_year, make_section, points_change, row_name


def mealrow_name(kind: str) -> str:
    return {
        "breakfast": pgettext("meal", "Breakfast"),
        "lunch": pgettext("meal", "Lunch"),
        "dinner": pgettext("meal", "Dinner"),
    }.get(kind, kind)


def meals(r: dict) -> dict:
    """Served and planned per meal session; the previous edition's served beside it, matched by the day of
    the edition and the meal (its first-day lunch beside this first-day lunch)."""
    rows_in, prev = r["meals"], r["previous"] and r["previous_meals"]
    served, planned = sum(m["served"] for m in rows_in), sum(m["planned"] for m in rows_in)
    # The rate over the meals a door point scans (a meal nobody scans has no served count).
    s_served, s_planned = scanned_totals(rows_in)
    if s_planned:
        title = _("Meals: %(served)s served of %(planned)s planned (%(rate)s)") % {
            "served": count(s_served),
            "planned": count(s_planned),
            "rate": pct(rate(s_served, s_planned)),
        }
        before = scanned_totals(prev or [])
        if before[1]:
            change = points_change(rate(*before), rate(s_served, s_planned))
            title = f"{title}{', ' if is_en() else '，'}{change}"
    elif planned:
        title = _("%(planned)s meals planned, none counted at a door") % {"planned": count(planned)}
    else:
        title = _("No meals planned")
    earlier = {}
    for m in prev or []:
        earlier.setdefault((m["day"], m["kind"]), []).append(m)
    groups = [
        (_("Day %(n)s %(meal)s") if m["day"] > 0 else _("The day before, %(meal)s"))
        % {"n": m["day"], "meal": mealrow_name(m["kind"])}
        for m in rows_in
    ]
    labels = [pgettext("report", "Planned"), pgettext("report", "Served")]
    nan = float("nan")  # no bar, "—" on it: a meal nobody scans has no served count
    series = [
        (labels[0], [m["planned"] for m in rows_in], charts.PREVIOUS_COLOUR),
        (labels[1], [m["served"] if m["point"] else nan for m in rows_in], charts.THIS_COLOUR),
    ]
    if prev:
        year = edition_year(r["previous"])
        series.append(
            (
                _("Served %(year)s") % {"year": year},
                [
                    sum(x["served"] for x in theirs) if any(x["point"] for x in theirs) else nan
                    for theirs in (earlier.get((m["day"], m["kind"]), []) for m in rows_in)
                ],
                "#1d4ed8",
            )
        )
    svg = charts.grouped_bars(
        title=title,
        groups=groups,
        series=series,
        xlabel=pgettext("report", "Meal"),
        ylabel=pgettext("report", "People"),
        value_format=lambda v: "—" if v != v else count(v),
    )
    headers = [pgettext("report", "Meal"), *labels, _("Served rate")]
    if prev:
        headers += [_("Planned %(year)s") % {"year": year}, _("Served %(year)s") % {"year": year}]
    rows = []
    for m in rows_in:
        scanned = bool(m["point"])
        row = [
            " ".join(x for x in (m["date"], mealrow_name(m["kind"]), m["venue"]) if x),
            count(m["planned"]),
            count(m["served"]) if scanned else "—",
            pct(rate(m["served"], m["planned"])) if scanned else "—",
        ]
        if prev:
            theirs = earlier.get((m["day"], m["kind"]))
            row += (
                [
                    count(sum(x["planned"] for x in theirs)),
                    count(sum(x["served"] for x in theirs)) if any(x["point"] for x in theirs) else "—",
                ]
                if theirs
                else ["—", "—"]
            )
        rows.append(row)
    if rows:
        rows.append(
            [pgettext("report", "Total"), count(planned), count(served), pct(rate(s_served, s_planned))]
            + (
                [count(r["compare"]["meals_planned"][0]), count(r["compare"]["meals_served"][0])]
                if prev
                else []
            )
        )
    notes = [
        _(
            "Planned: confirmed people invited to the meal and there that day by their reply form. Served: people admitted at the meal's door that day. As the reception page counts them."
        ),
        _("A meal without a door point is not counted as served (—); the rate is over the meals that are."),
    ]
    return make_section("meals", _("Meals"), title, svg, headers, rows, notes)


def signing(r: dict) -> dict:
    s = r["signing"]
    title = _("%(n)s projects signed, %(total)s in total") % {
        "n": count(s["projects"]),
        "total": money_big(s["investment_total"]),
    }
    if r["compare"]:
        before, now = (Decimal(x) for x in r["compare"]["investment_total"])
        diff = now - before
        if diff:
            more = (
                _("%(amount)s more than the previous edition")
                if diff > 0
                else _("%(amount)s less than the previous edition")
            )
            title = f"{title}{', ' if is_en() else '，'}{more % {'amount': money_big(abs(diff))}}"
    unit = _("CNY million") if is_en() else "亿元"
    sectors = s["by_sector"]
    svg = charts.grouped_bars(
        title=title,
        groups=[row_name(x, "sector") or _("(no sector)") for x in sectors],
        series=[(unit, [money_chart(x["investment"]) for x in sectors], charts.THIS_COLOUR)],
        xlabel=pgettext("report", "Sector"),
        ylabel=unit,
        value_format=lambda v: f"{v:,.2f}",
    )
    table_unit = _("CNY million") if is_en() else "万元"
    headers = [
        pgettext("report", "Sector"),
        pgettext("report", "Projects"),
        _("Investment (%(unit)s)") % {"unit": table_unit},
    ]
    rows = [
        [row_name(x, "sector") or _("(no sector)"), count(x["projects"]), money_table(x["investment"])]
        for x in sectors
    ]
    rows.append([pgettext("report", "Total"), count(s["projects"]), money_table(s["investment_total"])])
    notes = [_("Projects not cancelled; investment: their amounts in yuan (CNY).")]
    if s["other_currencies"]:
        other = ", ".join(f"{o['currency']} {Decimal(o['amount']):,.2f}" for o in s["other_currencies"])
        notes.append(_("Signed in other currencies, not in the total: %(other)s") % {"other": other})
    if s["by_kind"]:
        notes += [
            _("By contract kind: %(kinds)s")
            % {
                "kinds": "; ".join(
                    f"{k['name']} {count(k['projects'])} / {money_big(k['investment'])}" for k in s["by_kind"]
                )
            }
        ]
    return make_section("signing", pgettext("report", "Signing ceremony"), title, svg, headers, rows, notes)


def awards(r: dict) -> dict:
    rows_in = r["awards"]
    total = sum(a["count"] for a in rows_in)
    if rows_in:
        title = _("%(n)s awards presented, most of them: %(title)s (%(k)s)") % {
            "n": count(total),
            "title": row_name(rows_in[0]),
            "k": count(rows_in[0]["count"]),
        }
    else:
        title = _("No awards presented")
    svg = charts.grouped_bars(
        title=title,
        groups=[row_name(a) for a in rows_in],
        series=[(pgettext("report", "Awards"), [a["count"] for a in rows_in], charts.THIS_COLOUR)],
        xlabel=pgettext("report", "Awards"),
        ylabel=pgettext("report", "Title"),
        horizontal=True,
        value_format=count,
    )
    headers = [pgettext("report", "Title"), pgettext("report", "Awards")]
    rows = [[row_name(a), count(a["count"])] for a in rows_in]
    return make_section("awards", pgettext("report", "Awards"), title, svg, headers, rows)
