"""A unit's people from an XLSX file: every row checked first (the dry run), then all imported in one
transaction or none, within the unit's quotas (events/units/services.py)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import ACTIVE_STATUSES
from ..exceptions import DomainError
from ..models import Category, Edition, Registration
from ..registration import fields
from ..registration import services as registration
from .models import ConsentAttestation, Unit
from .services import (
    clean_language,
    clean_mobile,
    lock_unit,
    over_quota,
    register_in_unit,
    unit_quotas,
    used_by_unit,
)
from .spreadsheet import category_label, read_people

# --- the XLSX import ----------------------------------------------------------------------------------

CONSENT_YES = {"是", "是 yes", "yes", "y", "true", "1", "√", "✓", "同意", "已同意"}


@dataclass
class RowVerdict:
    row: int
    person: dict
    action: str = "create"  # create, update, unchanged
    existing: Registration | None = None
    errors: list[dict] = field(default_factory=list)

    def error(self, field_name: str, message: str) -> None:
        self.errors.append({"row": self.row, "field": field_name, "message": message})


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    errors: list[dict]
    rows: list[dict]
    dry_run: bool


def _category_lookup(edition: Edition) -> dict[str, Category]:
    """A category by its code, its Chinese or English name, or the template's drop-down text."""

    lookup = {}
    for c in Category.objects.filter(edition=edition):
        for key in (c.code, c.name, c.name_en, category_label(c)):
            if key:
                lookup[key.strip().lower()] = c
    return lookup


def consent_obtained(value) -> bool:
    """The template's consent column (已征得本人同意): a yes in either language, or a tick."""
    text = str(value if value is not None else "").strip().lower()
    return value is True or text in CONSENT_YES


def check_rows(unit: Unit, rows: list[tuple[int, dict]]) -> list[RowVerdict]:
    """The verdict on each row of an upload against the unit as it is now: ok (create, update or
    unchanged), or the field and reason (bad mobile, duplicate person, over quota, unknown category).
    Nothing is written."""
    categories = _category_lookup(unit.edition)
    existing = {
        r.email: r
        for r in Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).select_related("category")
    }
    quotas = unit_quotas(unit)
    used = used_by_unit(unit)
    seen_emails: dict[str, int] = {}
    seen_people: dict[tuple[str, str], int] = {}
    verdicts = []
    for row, raw in rows:
        verdict = RowVerdict(row=row, person={})
        verdicts.append(verdict)
        person = {}
        for key, clean in (
            ("name", lambda v: fields.clean_text(v, field="name", required=True)),
            ("name_en", lambda v: fields.clean_text(v, field="name_en")),
            ("title", lambda v: fields.clean_text(v, field="title")),
            ("phone", clean_mobile),
            ("email", fields.clean_email),
            ("language", lambda v: fields.clean_language(clean_language(v))),
        ):
            try:
                person[key] = clean(raw.get(key))
            except DomainError as exc:
                verdict.error(exc.field or key, exc.message)
        if not consent_obtained(raw.get("consent")):
            verdict.error(
                "consent",
                _("Write 是 (yes) in the consent column once this person agreed to the privacy notice."),
            )
        label = str(raw.get("category") or "").strip()
        category = categories.get(label.lower())
        if category is None:
            verdict.error(
                "category",
                _("Unknown category '%(label)s': choose one from the list.") % {"label": label}
                if label
                else _("Choose a category from the list."),
            )
        person["category"] = category.code if category else label
        verdict.person = person
        email, key = person.get("email"), (person.get("name"), person.get("phone"))
        if email and email in seen_emails:
            verdict.error(
                "email",
                _("Duplicate person: the same e-mail as row %(value)s.") % {"value": seen_emails[email]},
            )
        elif None not in key and key in seen_people:
            verdict.error(
                "name",
                _("Duplicate person: the same name and mobile as row %(value)s.")
                % {"value": seen_people[key]},
            )
        if email:
            seen_emails.setdefault(email, row)
        if None not in key:
            seen_people.setdefault(key, row)
        if verdict.errors or category is None:
            continue
        current = existing.get(email)
        if current is not None:
            verdict.existing = current
            if current.category_id != category.pk:
                verdict.error(
                    "category",
                    _(
                        "This person is already registered in another category; ask the organiser to change it."
                    )
                    % {"name": current.category.name},
                )
                continue
            same = all(getattr(current, k) == person[k] for k in ("name", "name_en", "title", "phone"))
            verdict.action = "unchanged" if same else "update"
            continue
        taken = Registration.objects.filter(
            edition=unit.edition, email=email, status__in=ACTIVE_STATUSES
        ).exists()
        if taken:
            verdict.error(
                "email",
                _(
                    "Duplicate person: this e-mail is already registered for this edition (by another unit or in person)."
                ),
            )
            continue
        if used.get(category.pk, 0) >= quotas.get(category.pk, 0):
            verdict.error("category", over_quota(category))
            continue
        used[category.pk] = used.get(category.pk, 0) + 1
    return verdicts


class _Rollback(Exception):
    def __init__(self, errors: list[dict]):
        self.errors = errors


def import_people(*, unit: Unit, content: bytes, dry_run: bool) -> ImportResult:
    """Read an uploaded template and give the verdict per row; unless `dry_run`, import it: all rows or
    none (a file with any error writes nothing). A person already in the unit (same e-mail) is updated,
    never added twice. Quotas are decided while holding the unit's row."""

    rows = read_people(content)
    if dry_run:
        return _result(check_rows(unit, rows), dry_run=True)
    try:
        with transaction.atomic():
            unit = lock_unit(unit)
            verdicts = check_rows(unit, rows)
            result = _result(verdicts, dry_run=False)
            if result.errors:
                return result
            for v in verdicts:
                try:
                    if v.action == "create":
                        register_in_unit(unit, v.person, via=ConsentAttestation.Via.IMPORT)
                    elif v.action == "update":
                        changes = {k: v.person[k] for k in ("name", "name_en", "title", "phone")}
                        registration.update_registration(registration=v.existing, changes=changes)
                except DomainError as exc:  # e.g. the edition's capacity: nothing of this file stays
                    raise _Rollback([{"row": v.row, "field": exc.field or "", "message": exc.message}])
            return result
    except _Rollback as rollback:
        return ImportResult(0, 0, 0, rollback.errors, [], dry_run=False)


def _result(verdicts: list[RowVerdict], *, dry_run: bool) -> ImportResult:
    errors = [e for v in verdicts for e in v.errors]
    rows = [
        {
            "row": v.row,
            "name": v.person.get("name", ""),
            "category": v.person.get("category", ""),
            "action": "error" if v.errors else v.action,
            "errors": v.errors,
        }
        for v in verdicts
    ]
    count = {
        a: sum(1 for v in verdicts if not v.errors and v.action == a)
        for a in ("create", "update", "unchanged")
    }
    if errors:
        count = {"create": 0, "update": 0, "unchanged": 0} if not dry_run else count
    return ImportResult(count["create"], count["update"], count["unchanged"], errors, rows, dry_run)
