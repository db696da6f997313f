"""Printed sign-in sheets (签到表) for manual sign-in when the door's devices cannot be used.

One PDF for an edition, one section per unit / organisation (a new page each): the confirmed people with
their name, unit and title, and an empty box to sign in. Units of the edition (events.units) come first in
the order they were added, then the other organisations by name, then people with no unit.
"""

from documents import pipeline

from ..enums import RegistrationStatus
from ..models import Edition, Registration

TEMPLATE = "documents/sign_in_sheets.html"
NO_UNIT = "未填单位"


def sheet_sections(edition: Edition, category: str | None = None) -> list[dict]:
    people = (
        Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED)
        .select_related("organization", "category")
        .order_by("category__order", "name", "id")
    )
    if category:
        people = people.filter(category__code=category)
    unit_order = {
        org_id: i
        for i, org_id in enumerate(edition.units.order_by("id").values_list("organization_id", flat=True))
    }
    groups: dict[int | None, dict] = {}
    for reg in people:
        org = reg.organization
        key = org.id if org else None
        group = groups.setdefault(key, {"unit": org.name if org else NO_UNIT, "rows": []})
        group["rows"].append(
            {
                "name": reg.name,
                "unit": org.name if org else "",
                "title": reg.title,
                "category": reg.category.name,
            }
        )

    def order(item):
        key, group = item
        if key in unit_order:
            return (0, unit_order[key], "")
        return (1 if key is not None else 2, 0, group["unit"])

    return [group for _, group in sorted(groups.items(), key=order)]


def sign_in_sheets_pdf(edition: Edition, category: str | None = None) -> bytes:
    sections = sheet_sections(edition, category)
    context = {
        "edition": edition.name,
        "venue": edition.venue,
        "date": edition.starts_on.strftime("%Y-%m-%d"),
        "sections": sections,
        "total": sum(len(s["rows"]) for s in sections),
    }
    return pipeline.render_pdf(TEMPLATE, context)
