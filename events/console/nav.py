"""The organiser's console: which sections of an edition a user may open (the staff home's buttons and the
navigation on every staff edition page), each asked of organizers.permissions.allowed for that edition."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy

from organizers.permissions import allowed

# (key, the URL name of its page, flags any of which opens it, label), in the order a person needs them.
SECTIONS = (
    (
        "registrations",
        "staff_registrations",
        ("registrations", "view"),
        pgettext_lazy("documents", "Registrations"),
    ),
    ("checkin", "staff_checkin", ("checkin",), gettext_lazy("Check-in scanner")),
    ("units", "staff_units", ("units", "view"), gettext_lazy("Units")),
    ("arrivals", "staff_checkin_dashboard", ("checkin", "view"), gettext_lazy("Arrivals")),
    ("agenda", "staff_agenda", ("agenda",), gettext_lazy("Agenda")),
    ("signing", "staff_signing", ("signing", "view"), gettext_lazy("Signings & awards")),
    ("seating", "staff_seating", ("seating", "view"), gettext_lazy("Seating")),
    ("documents", "staff_documents", ("documents",), gettext_lazy("Documents & badges")),
    ("reception", "staff_reception", ("reception", "view"), gettext_lazy("Reception")),
    ("report", "staff_report", ("reports", "view"), gettext_lazy("Report")),
    ("audit", "staff_audit", ("admin", "settings"), gettext_lazy("Audit log")),
    ("settings", "console_settings", ("settings",), gettext_lazy("Settings")),
)


def sections_for(user, edition) -> list[dict]:
    """The sections `user` may open in `edition`: key, href, label. Whoever may see the registrations starts
    there; the door's staff start from the scanner."""
    out = [
        {"key": key, "href": reverse(name, kwargs={"slug": edition.slug}), "label": label}
        for key, name, flags, label in SECTIONS
        if allowed(user, flags, edition=edition)
    ]
    return out


def current_section(sections: list[dict], path: str) -> str | None:
    """The section the page at `path` belongs to: the longest section address it starts with."""
    best = None
    for section in sections:
        if path.startswith(section["href"]) and (best is None or len(section["href"]) > len(best["href"])):
            best = section
    return best["key"] if best else None


def edition_nav(request, edition) -> dict:
    """What the navigation partial (templates/staff/_edition_nav.html) shows on an edition's staff page."""
    sections = sections_for(request.user, edition)
    return {"sections": sections, "current": current_section(sections, request.path), "edition": edition}
