"""What every report section is made of: the section record, a row's name in the active language, an
edition named by its year, a rate's change against the previous edition."""

from django.utils.translation import gettext as _

from events.language import localized


def row_name(row: dict, key: str = "name") -> str:
    return localized(row, key)


def make_section(key, heading, title, svg, headers, rows, notes=()) -> dict:
    return {
        "key": key,
        "heading": heading,
        "title": title,
        "svg": svg,
        "headers": headers,
        "rows": rows,
        "notes": list(notes),
    }


def edition_year(e: dict | None) -> str:
    """An edition as a legend or a column names it: its year (the series is the report's subject)."""
    return e["starts_on"][:4] if e else ""


def points_change(before: float | None, now: float | None) -> str:
    if before is None or now is None:
        return ""
    diff = round(now - before, 1)
    if diff > 0:
        return _("%(n).1f points above the previous edition") % {"n": diff}
    if diff < 0:
        return _("%(n).1f points below the previous edition") % {"n": -diff}
    return _("the same as the previous edition")
