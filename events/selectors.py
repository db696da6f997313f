from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .enums import RegistrationStatus as S
from .exceptions import NotFound
from .models import Category, Edition, Registration


def get_edition(slug: str) -> Edition:
    edition = Edition.objects.select_related("series").filter(slug=slug).first()
    if edition is None:
        raise NotFound(_("No edition '%(slug)s'.") % {"slug": slug})
    return edition


def get_public_edition(slug: str) -> Edition:
    """An edition the public may see: a draft (not published yet) answers as if it did not exist."""
    edition = get_edition(slug)
    if not edition.published:
        raise NotFound(_("No edition '%(slug)s'.") % {"slug": slug})
    return edition


def public_editions():
    return Edition.objects.select_related("series").filter(published=True).order_by("-starts_on")


def get_category(edition: Edition, code: str) -> Category:
    category = Category.objects.filter(edition=edition, code=code).first()
    if category is None:
        raise NotFound(f"No category '{code}' in {edition.slug}.")
    return category


def get_registration(edition: Edition, code: str) -> Registration:
    reg = (
        Registration.objects.select_related("edition", "category", "organization")
        .filter(edition=edition, code=code.upper())
        .first()
    )
    if reg is None:
        raise NotFound(f"No registration '{code}' in {edition.slug}.")
    return reg


def categories_with_counts(edition: Edition) -> list[Category]:
    """Categories annotated with counts per status and `remaining` seats (None: no limit)."""
    cats = list(
        Category.objects.filter(edition=edition).annotate(
            n_confirmed=Count("registrations", filter=Q(registrations__status=S.CONFIRMED)),
            n_pending=Count("registrations", filter=Q(registrations__status=S.PENDING)),
            n_waitlisted=Count("registrations", filter=Q(registrations__status=S.WAITLISTED)),
            n_cancelled=Count("registrations", filter=Q(registrations__status=S.CANCELLED)),
            n_rejected=Count("registrations", filter=Q(registrations__status=S.REJECTED)),
        )
    )
    for cat in cats:
        cat.remaining = None if cat.capacity is None else max(cat.capacity - cat.n_confirmed, 0)
    return cats


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
