"""The organiser's list of units (XLSX): every unit of an edition created from one file, with quotas."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ..exceptions import DomainError
from ..language import is_en, localized
from ..limits import max_len
from ..models import Category, Edition
from ..registration import fields
from ..registration import services as registration
from .models import Unit, UnitQuota
from .services import MAX_QUOTA, clean_mobile, create_unit, unit_quotas, used_by_unit
from .unit_sheets import read_units

# --- the organiser's list of units (XLSX) ----------------------------------------------------------


@dataclass
class UnitsImportResult:
    created: list[tuple[Unit, str]]  # (unit, its private link's secret: shown once)
    updated: list[Unit]
    errors: list[dict]


def import_units(*, edition: Edition, content: bytes) -> UnitsImportResult:
    """The organiser's list of units (organisation, contact, e-mail, mobile, a quota per category): all rows
    or none. Every row is checked first (the field and reason for each bad row, in both languages); a
    unit already in the edition (same organisation) gets the file's contact and quotas, never a second
    unit. The edition's row is held while the file is checked and written, so two uploads of the same list
    at once give each unit once."""

    categories = list(Category.objects.filter(edition=edition))
    rows = read_units(content, categories)
    by_code = {c.code: c for c in categories}
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        existing = {
            u.organization_id: u for u in Unit.objects.filter(edition=edition).select_related("organization")
        }
        errors: list[dict] = []
        plan: list[tuple[int, dict, Unit | None]] = []
        seen: dict[str, int] = {}
        planned: dict[int, int] = {}  # organisation id -> row (a file may name one by both its names)

        def error(row: int, field_name: str, message: str) -> None:
            errors.append({"row": row, "field": field_name, "message": message})

        for row, record in rows:
            bad = len(errors)
            name = " ".join((record["organization"] or "").split())
            if not name:
                error(row, "organization", _("The organisation's name is required."))
            elif len(name) > 200:
                error(row, "organization", _("The name is longer than 200 characters."))
            elif name.lower() in seen:
                error(
                    row,
                    "organization",
                    _("Duplicate unit: %(name)s is already on row %(value)s.")
                    % {"name": name, "value": seen[name.lower()]},
                )
            else:
                seen[name.lower()] = row
            quotas = {}
            for code, raw in record["quotas"].items():
                text = str(raw).strip()
                if text == "":
                    continue
                if not text.isdigit() or int(text) > MAX_QUOTA:
                    category = by_code[code]
                    error(
                        row,
                        f"quotas.{code}",
                        _("The quota for %(category)s is a whole number from 0 to %(max)s, not '%(text)s'.")
                        % {
                            "category": localized(category),
                            "max": MAX_QUOTA,
                            "text": text,
                        },
                    )
                    continue
                quotas[code] = int(text)
            if len(errors) == bad and not any(quotas.values()):
                error(row, "quotas", _("Give the unit at least one place."))
            contact = {}
            for key, clean in (
                (
                    "contact_name",
                    lambda v: fields.clean_text(
                        v, field="contact_name", max_length=max_len(Unit, "contact_name")
                    ),
                ),
                ("contact_email", lambda v: fields.clean_email(v) if v else ""),
                ("contact_phone", lambda v: clean_mobile(v, required=False)),
            ):
                try:
                    contact[key] = clean(record[key])
                except DomainError as exc:
                    error(row, key, exc.message)
            if len(errors) > bad:
                continue
            org = registration.find_organization(name)
            if org is not None and org.pk in planned:
                error(
                    row,
                    "organization",
                    _("Duplicate unit: %(name)s is already on row %(value)s.")
                    % {"name": name, "value": planned[org.pk]},
                )
                continue
            if org is not None:
                planned[org.pk] = row
            unit = existing.get(org.pk) if org is not None else None
            if unit is not None:
                used = used_by_unit(unit)
                for code, n in quotas.items():
                    if n < used.get(by_code[code].pk, 0):
                        error(
                            row,
                            f"quotas.{code}",
                            _("%(name)s already has %(value)s people in %(code)s: the quota cannot be lower.")
                            % {
                                "name": name,
                                "value": used[by_code[code].pk],
                                "code": code if is_en() else by_code[code].name,
                            },
                        )
            plan.append((row, {"organization": name, "quotas": quotas, **contact}, unit))
        if errors:
            return UnitsImportResult([], [], errors)
        created, updated = [], []
        for _row, data, unit in plan:
            if unit is None:  # a quota of 0 is no quota: no row for it
                quotas = {code: n for code, n in data["quotas"].items() if n}
                created.append(create_unit(edition=edition, **{**data, "quotas": quotas}))
                continue
            current = unit_quotas(unit)
            Unit.objects.filter(pk=unit.pk).update(
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
            for code, n in data["quotas"].items():
                if n or by_code[code].pk in current:
                    UnitQuota.objects.update_or_create(
                        unit=unit, category=by_code[code], defaults={"quota": n}
                    )
            updated.append(unit)
    return UnitsImportResult(created, updated, [])
