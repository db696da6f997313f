"""The organiser's list of units (XLSX): every unit of an edition created from one file, with quotas."""

from dataclasses import dataclass

from django.db import transaction

from ..exceptions import DomainError
from ..limits import max_len
from ..models import Category, Edition
from ..registration import services as registration
from .models import Unit, UnitQuota
from .services import MAX_QUOTA, clean_mobile, create_unit, unit_quotas, used_by_unit

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
    from .spreadsheet import read_units

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
                error(row, "organization", "The organisation's name is required. 请填写单位名称。")
            elif len(name) > 200:
                error(row, "organization", "The name is longer than 200 characters. 单位名称超过 200 字。")
            elif name.lower() in seen:
                error(
                    row,
                    "organization",
                    f"Duplicate unit: {name} is already on row {seen[name.lower()]}. "
                    f"重复单位：{name} 已在第 {seen[name.lower()]} 行。",
                )
            else:
                seen[name.lower()] = row
            quotas = {}
            for code, raw in record["quotas"].items():
                text = str(raw).strip()
                if text == "":
                    continue
                if not text.isdigit() or int(text) > MAX_QUOTA:
                    label = by_code[code].name
                    error(
                        row,
                        f"quotas.{code}",
                        f"The quota for {by_code[code].name_en or code} is a whole number from 0 to {MAX_QUOTA}, "
                        f"not '{text}'. {label}名额须为 0 至 {MAX_QUOTA} 的整数，而不是“{text}”。",
                    )
                    continue
                quotas[code] = int(text)
            if len(errors) == bad and not any(quotas.values()):
                error(row, "quotas", "Give the unit at least one place. 请至少为该单位设置一个名额。")
            contact = {}
            for key, clean in (
                (
                    "contact_name",
                    lambda v: registration._clean_text(
                        v, field="contact_name", max_length=max_len(Unit, "contact_name")
                    ),
                ),
                ("contact_email", lambda v: registration._clean_email(v) if v else ""),
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
                    f"Duplicate unit: {name} is already on row {planned[org.pk]}. "
                    f"重复单位：{name} 已在第 {planned[org.pk]} 行。",
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
                            f"{name} already has {used[by_code[code].pk]} people in {code}: the quota cannot be "
                            f"lower. 该单位{by_code[code].name}已报 {used[by_code[code].pk]} 人，名额不能少于此数。",
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
