"""Reads for units: the organiser's table (应到 / 已报名 / 已确认 / 实到), a unit's delegation, the replies."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from ..enums import ACTIVE_STATUSES
from ..enums import RegistrationStatus as S
from ..exceptions import NotFound
from ..models import Admission, Category, Edition, Registration
from .models import ReplyForm, Substitution, Unit, UnitQuota
from .reply_form import asked_fields


def unit_rows(edition: Edition) -> list[dict]:
    """Every unit of the edition with its quotas and counts; `replied`: at least one person registered."""
    units = list(
        Unit.objects.filter(edition=edition)
        .select_related("organization")
        .annotate(
            registered=Count("people", filter=Q(people__status__in=ACTIVE_STATUSES), distinct=True),
            confirmed=Count("people", filter=Q(people__status=S.CONFIRMED), distinct=True),
            checked_in=Count(
                "people",
                filter=Q(people__status=S.CONFIRMED)
                & Q(Exists(Admission.objects.filter(registration=OuterRef("people")))),
                distinct=True,
            ),
        )
        .order_by("id")
    )
    quotas: dict[int, dict[str, int]] = {}
    for unit_id, code, n in UnitQuota.objects.filter(unit__edition=edition).values_list(
        "unit_id", "category__code", "quota"
    ):
        quotas.setdefault(unit_id, {})[code] = n
    return [
        {
            "id": u.pk,
            "organization": u.organization.name,
            "organization_en": u.organization.name_en,
            "contact_name": u.contact_name,
            "contact_email": u.contact_email,
            "contact_phone": u.contact_phone,
            "quotas": quotas.get(u.pk, {}),
            "quota": sum(quotas.get(u.pk, {}).values()),
            "registered": u.registered,
            "confirmed": u.confirmed,
            "checked_in": u.checked_in,
            "replied": u.registered > 0,
            "link_sent_at": u.link_sent_at,
            "link_sent_to": u.link_sent_to,
        }
        for u in units
    ]


def unit_quotas(unit: Unit) -> list[tuple[Category, int, int]]:
    """(category, quota, used) for each category the unit has a quota in."""
    used = dict(
        Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES)
        .values_list("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )
    return [
        (q.category, q.quota, used.get(q.category_id, 0))
        for q in UnitQuota.objects.filter(unit=unit).select_related("category")
    ]


def unit_people(unit: Unit) -> list[Registration]:
    """The delegation, active people first, each with `reply` prefetched (None when not given)."""
    people = list(
        Registration.objects.filter(unit=unit)
        .select_related("category", "reply")
        .order_by("category__order", "created_at", "id")
    )
    active = [p for p in people if p.status in ACTIVE_STATUSES]
    return active + [p for p in people if p.status not in ACTIVE_STATUSES]


def unit_person(unit: Unit, code: str) -> Registration:
    reg = (
        Registration.objects.select_related("edition", "category", "organization")
        .filter(unit=unit, code=(code or "").upper())
        .first()
    )
    if reg is None:
        raise NotFound(_("No such person in this unit."))
    return reg


def substitutions(unit: Unit) -> list[Substitution]:
    return list(unit.substitutions.select_related("old", "new"))


def reply_of(registration: Registration) -> ReplyForm | None:
    return ReplyForm.objects.filter(registration=registration).first()


def reply_out(registration: Registration, reply: ReplyForm | None) -> dict:
    fields = asked_fields(registration.edition)
    return {
        "code": registration.code,
        "asked": fields,
        "answers": {f: getattr(reply, f) if reply else None for f in fields},
        "updated_at": reply.updated_at if reply else None,
    }


def reply_rows(edition: Edition, *, order: str = "unit") -> list[dict]:
    """Confirmed people with their reply form, by unit (then name) or by arrival (date, time)."""
    regs = (
        Registration.objects.filter(edition=edition, status=S.CONFIRMED)
        .select_related("unit__organization", "category", "reply", "organization")
        .order_by("id")
    )
    rows = []
    for r in regs:
        reply = getattr(r, "reply", None) if hasattr(r, "reply") else None
        row = {
            "unit": r.unit.organization.name if r.unit else "",
            "code": r.code,
            "name": r.name,
            "category": r.category.name,
            "phone": r.phone,
        }
        for f in [
            f.name
            for f in ReplyForm._meta.get_fields()
            if f.concrete and f.name not in ("id", "registration", "updated_at")
        ]:
            row[f] = getattr(reply, f) if reply else None
        if reply and reply.room_type:
            row["room_type"] = reply.get_room_type_display()
        rows.append(row)
    if order == "arrival":
        rows.sort(
            key=lambda r: (
                r["arrival_date"] is None,
                r["arrival_date"] or dt.date.max,
                r["arrival_time"] or dt.time.max,
                r["unit"],
                r["name"],
            )
        )
    else:
        rows.sort(key=lambda r: (r["unit"] == "", r["unit"], r["name"]))
    return rows
