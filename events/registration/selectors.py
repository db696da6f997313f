"""Registrations as the organiser and the attendee read them: one by code, the filtered list (the dashboard,
the API, the spreadsheet), everything held about one person."""

from django.db.models import Q

from ..exceptions import NotFound
from ..models import Edition, Registration


def get_registration(edition: Edition, code: str) -> Registration:
    reg = (
        Registration.objects.select_related("edition", "category", "organization")
        .filter(edition=edition, code=code.upper())
        .first()
    )
    if reg is None:
        raise NotFound(f"No registration '{code}' in {edition.slug}.")
    return reg


def list_registrations(
    edition: Edition, *, category: str | None = None, status: str | None = None, q: str | None = None
):
    qs = Registration.objects.select_related("category", "organization").filter(edition=edition)
    if category:
        qs = qs.filter(category__code=category)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(name_en__icontains=q)
            | Q(phone__icontains=q)
            | Q(code__iexact=q)
            | Q(email__iexact=q)
        )
    return qs.order_by("created_at", "id")


def export_personal_data(registration: Registration) -> dict:
    """Everything huiwu holds about one attendee (PIPL / GDPR access request)."""
    notice = registration.consent_notice
    return {
        "registration": {
            "code": registration.code,
            "edition": registration.edition.slug,
            "edition_name": registration.edition.name,
            "category": registration.category.code,
            "status": registration.status,
            "name": registration.name,
            "name_en": registration.name_en,
            "organization": registration.organization.name if registration.organization else "",
            "title": registration.title,
            "email": registration.email,
            "phone": registration.phone,
            "language": registration.language,
            "created_at": registration.created_at.isoformat(),
            "updated_at": registration.updated_at.isoformat(),
            "ticket_version": registration.ticket_version,
        },
        "consent": {
            "notice_version": notice.version if notice else None,
            "notice_text": notice.text if notice else None,
            "consented_at": registration.consented_at.isoformat() if registration.consented_at else None,
        },
        "check_ins": [
            {"point": a.point.code, "at": a.first_at.isoformat()}
            for a in registration.admissions.select_related("point").order_by("first_at")
        ],
        "scans": [
            {"point": s.point.code if s.point else None, "at": s.at.isoformat(), "verdict": s.verdict}
            for s in registration.scan_set.select_related("point").order_by("at")
        ],
        "handovers": [
            {"point": h.item.point.code, "item": h.item.code, "name": h.item.name, "at": h.at.isoformat()}
            for h in registration.handovers.select_related("item__point").order_by("at")
        ],
    }
