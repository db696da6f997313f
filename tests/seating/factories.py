"""Factories for seating tests: confirmed people in units, and plans."""

from django.db.models import F

from events.enums import RegistrationStatus
from events.models import Category, Organization, Registration
from seating.services import plans
from tests.factories import make_category, make_edition

_n = [0]


def seating_edition(**fields):
    edition = make_edition(**fields)
    make_category(edition, "guest", name="嘉宾", name_en="Guest", order=0)
    make_category(edition, "delegate", order=1)
    return edition


def person(edition, name: str, unit: str = "重庆市经济和信息化委员会", category: str = "delegate", **fields):
    """A confirmed registration (made directly: seating only reads them)."""
    _n[0] += 1
    org, _ = Organization.objects.get_or_create(name=unit)
    data = {
        "edition": edition,
        "category": Category.objects.get(edition=edition, code=category),
        "code": f"S{_n[0]:05d}",
        "status": RegistrationStatus.CONFIRMED,
        "name": name,
        "organization": org,
    }
    data.update(fields)
    reg = Registration.objects.create(**data)
    if reg.status == RegistrationStatus.CONFIRMED:
        # The category's seat counter, as registration keeps it (a cancellation decrements it).
        Category.objects.filter(pk=reg.category_id).update(confirmed_count=F("confirmed_count") + 1)
    return reg


def plan(edition, kind="rostrum", name=None, **fields):
    _n[0] += 1
    return plans.create_plan(edition=edition, name=name or f"座次{_n[0]}", kind=kind, **fields)
