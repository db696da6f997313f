"""Placards (桌签): one per signatory and witnessing leader, the name sized to fit the card."""

import unicodedata

from events.models import Edition

from .ceremony import edition_info
from .enums import ProjectStatus


def _name_width_em(name: str) -> float:
    """Approximate width of a name in em: CJK and full-width one em, Latin letters about half."""
    width = 0.0
    for ch in name:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        elif ch.isspace():
            width += 0.3
        elif ch.isupper():
            width += 0.68
        else:
            width += 0.55
    return max(width, 1.0)


# The name area of a placard face: 180 mm wide by about 70 mm high (A4 portrait folded in two).
PLACARD_WIDTH_PT = 180 / 25.4 * 72 * 0.92
PLACARD_MAX_PT = 150.0
PLACARD_MIN_PT = 28.0


def placard_name(name: str) -> str:
    """Two-character Chinese names get a full-width space between the characters, as 桌签 are set."""
    if len(name) == 2 and all(unicodedata.east_asian_width(c) == "W" for c in name):
        return f"{name[0]}\u3000{name[1]}"
    return name


def name_size_pt(name: str, max_pt: float = PLACARD_MAX_PT) -> float:
    return round(max(PLACARD_MIN_PT, min(max_pt, PLACARD_WIDTH_PT / _name_width_em(name))), 1)


def placards_context(edition: Edition, projects: list[dict], lang: str) -> dict:
    """One placard per signatory and per witnessing leader (each person once), in stage order."""
    cards, seen = [], set()
    for p in projects:
        if p["status"] == ProjectStatus.CANCELLED:
            continue
        people = [
            (party["signatory"], party["signatory_en"], party["organization"], party["organization_en"])
            for party in p["parties"]
            if party["signatory"]
        ] + [(w["name"], w["name_en"], w["title"], "") for w in p["witnesses"]]
        for name, name_en, line, line_en in people:
            key = (name, line)
            if key in seen:
                continue
            seen.add(key)
            shown = name_en if lang == "en" and name_en else placard_name(name)
            cards.append(
                {
                    "name": shown,
                    "size": name_size_pt(shown),
                    "name_en": name_en if lang == "both" else "",
                    "line": (line_en or line) if lang == "en" else line,
                    "line_en": line_en if lang == "both" else "",
                }
            )
    return {"lang": lang, "edition": edition_info(edition), "cards": cards}
