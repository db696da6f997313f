"""Reads every package shares: an edition by slug (public or staff), the published editions, a category, the
categories with their counts."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .enums import RegistrationStatus as S
from .exceptions import NotFound
from .models import Category, Edition


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
