"""Every write of units: units and their links, adding people within the quota, the XLSX import (dry run,
then import), substitution (换人) and the reply form (回执).

Registration itself is `events.registration.services.register_attendee` (its window, category, capacity and approval
rules); this module adds only the unit's rules: the quota per category, decided while holding the unit's
row (SELECT ... FOR UPDATE on PostgreSQL; SQLite transactions are IMMEDIATE, so writers are serialised),
so that however many uploads and additions race, a unit never has more active people in a category than
its quota.
"""

import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..auth import hash_secret
from ..enums import ACTIVE_STATUSES, Language
from ..enums import RegistrationStatus as S
from ..exceptions import AlreadyRegistered, Conflict, DomainError, InvalidInput, NotFound
from ..models import Category, Edition, Registration
from ..registration import links as registration_links
from ..registration import mail as registration_mail
from ..registration import services as registration
from .models import REPLY_SECTIONS, ReplyForm, Substitution, Unit, UnitQuota

MAX_QUOTA = 10_000
# Mainland mobile numbers (11 digits from 1[3-9]), optionally with +86; or an international number in
# E.164 form (+ and 7 to 15 digits). Spaces and hyphens are ignored.
MOBILE_RE = re.compile(r"^(?:(?:\+?86)?1[3-9]\d{9}|\+(?!86)[1-9]\d{6,14})$")


def new_unit_token() -> str:
    # 32 random bytes: 256 bits (the contract asks for at least 128).
    return secrets.token_urlsafe(32)


def unit_url(token: str) -> str:
    return f"{settings.SITE_URL}/u/{token}"


def clean_mobile(value, *, required: bool = True) -> str:
    """A mobile number as typed in a form or a spreadsheet cell (a number cell arrives as an int)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s\-]", "", str(value if value is not None else "")).strip()
    if not text:
        if required:
            raise InvalidInput("A mobile number is required. 请填写手机号码。", field="phone")
        return ""
    if not MOBILE_RE.match(text):
        raise InvalidInput(
            "This is not a valid mobile number (11 digits, e.g. 13812345678, or +country code). "
            "手机号码格式不正确（11位，如 13812345678）。",
            field="phone",
        )
    return text


# --- units ------------------------------------------------------------------------------------------


def _clean_quotas(edition: Edition, quotas) -> dict[Category, int]:
    if not isinstance(quotas, dict) or not quotas:
        raise InvalidInput(
            'Give at least one quota, e.g. {"delegate": 5}. 请至少设置一个类别的名额。', field="quotas"
        )
    categories = {c.code: c for c in Category.objects.filter(edition=edition)}
    clean = {}
    for code, n in quotas.items():
        category = categories.get(code)
        if category is None:
            raise InvalidInput(f"No category '{code}' in this edition. 本届没有该参会类别。", field="quotas")
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_QUOTA:
            raise InvalidInput(
                f"A quota is a whole number from 0 to {MAX_QUOTA}. 名额须为 0 至 {MAX_QUOTA} 的整数。",
                field="quotas",
            )
        clean[category] = n
    return clean


def create_unit(
    *,
    edition: Edition,
    organization: str,
    quotas: dict,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> tuple[Unit, str]:
    """Add a unit to `edition` with its quotas; returns the unit and its private link's secret (shown
    once: only its hash is stored)."""
    clean_quotas = _clean_quotas(edition, quotas)
    contact_name = registration._clean_text(contact_name, field="contact_name")
    contact_email = registration._clean_email(contact_email) if (contact_email or "").strip() else ""
    contact_phone = clean_mobile(contact_phone, required=False) if contact_phone else ""
    org = registration.get_or_create_organization(organization)
    token = new_unit_token()
    try:
        with transaction.atomic():
            unit = Unit.objects.create(
                edition=edition,
                organization=org,
                contact_name=contact_name,
                contact_email=contact_email,
                contact_phone=contact_phone,
                token_hash=hash_secret(token),
            )
            UnitQuota.objects.bulk_create(
                [UnitQuota(unit=unit, category=c, quota=n) for c, n in clean_quotas.items()]
            )
    except IntegrityError:
        raise Conflict(
            f"{org.name} is already a unit of this edition. 该单位已在本届参会单位中。", field="organization"
        )
    return unit, token


def set_quotas(*, unit: Unit, quotas: dict) -> Unit:
    """Change a unit's quotas; a quota cannot go below the people the unit already has in that category."""
    clean = _clean_quotas(unit.edition, quotas)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        used = _used(unit)
        for category, n in clean.items():
            if n < used.get(category.pk, 0):
                raise Conflict(
                    f"{unit.organization.name} already has {used[category.pk]} in {category.code}. "
                    f"该单位{category.name}已报 {used[category.pk]} 人，名额不能少于此数。",
                    field="quotas",
                )
            UnitQuota.objects.update_or_create(unit=unit, category=category, defaults={"quota": n})
    return unit


def new_unit_link(*, unit: Unit, send: bool = False) -> str:
    """A new private link for the unit (the old one stops working); e-mailed to the contact if `send`."""
    token = new_unit_token()
    with transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(
            token_hash=hash_secret(token), link_sent_at=timezone.now() if send else None
        )
        if send and unit.contact_email:
            transaction.on_commit(lambda: send_unit_link(unit=unit, token=token))
    return token


def send_unit_link(*, unit: Unit, token: str) -> None:
    edition = unit.edition
    body = "\n".join(
        [
            f"{unit.contact_name or unit.organization.name}：",
            "",
            f"诚邀贵单位参加{edition.name}。请通过以下链接填报参会人员、下载邀请函：",
            unit_url(token),
            "",
            f"{unit.organization.name_en or unit.organization.name} is invited to "
            f"{edition.name_en or edition.name}. Register your delegation and download the invitation "
            "letters here:",
            unit_url(token),
        ]
    )
    subject = f"[{edition.name}] 参会邀请 / Invitation"
    send_mail(subject, body, None, [unit.contact_email], fail_silently=True)


def get_unit_by_token(token: str) -> Unit:
    if not token or len(token) > 100:
        raise NotFound("No unit for this link. 链接无效。")
    unit = (
        Unit.objects.select_related("edition", "organization")
        .filter(token_hash=hash_secret(token), edition__personal_data_purged_at__isnull=True)
        .first()
    )
    if unit is None:
        raise NotFound("No unit for this link. 链接无效。")
    return unit


def _used(unit: Unit) -> dict[int, int]:
    """Active people (pending, confirmed, waitlisted) per category id."""
    used: dict[int, int] = {}
    for category_id in Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).values_list(
        "category_id", flat=True
    ):
        used[category_id] = used.get(category_id, 0) + 1
    return used


def _quotas(unit: Unit) -> dict[int, int]:
    return dict(UnitQuota.objects.filter(unit=unit).values_list("category_id", "quota"))


def _over_quota(category: Category) -> str:
    return f"Over your unit's quota for {category.name_en or category.code}. 超出本单位{category.name}名额。"


def _lock(unit: Unit) -> Unit:
    # Every quota decision holds the unit's row until its transaction ends.
    return Unit.objects.select_for_update().select_related("edition", "organization").get(pk=unit.pk)


# --- people -----------------------------------------------------------------------------------------

PERSON_FIELDS = ("category", "name", "name_en", "title", "phone", "email", "language")


def _clean_person(data: dict) -> dict:
    """The unit's rules on a person's fields (the registration service checks the rest again)."""
    return {
        "category": registration._clean_text(
            data.get("category"), field="category", required=True, max_length=40
        ),
        "name": registration._clean_text(data.get("name"), field="name", required=True),
        "name_en": registration._clean_text(data.get("name_en"), field="name_en"),
        "title": registration._clean_text(data.get("title"), field="title"),
        "phone": clean_mobile(data.get("phone")),
        "email": registration._clean_email(data.get("email")),
        "language": registration._clean_language(_language(data.get("language"))),
    }


def _register(unit: Unit, person: dict) -> registration.RegistrationResult:
    """Register one person for the (locked) unit through the registration service."""
    result = registration.register_attendee(
        edition=unit.edition,
        category_code=person["category"],
        name=person["name"],
        name_en=person["name_en"],
        organization=unit.organization.name,
        title=person["title"],
        email=person["email"],
        phone=person["phone"],
        language=person["language"],
        consent=True,
        # The organiser invited the unit and granted its quota: no second approval, and a category not
        # offered on the public form (guests) may be given to a unit. Capacity still holds.
        staff_override=True,
    )
    Registration.objects.filter(pk=result.registration.pk).update(unit=unit)
    result.registration.unit = unit
    return result


def add_person(*, unit: Unit, data: dict, consent: bool) -> registration.RegistrationResult:
    """Add one person to the unit's delegation: 409 (CategoryFull) beyond the unit's quota for the
    category, else as the registration service decides. The person gets their own manage link by e-mail."""
    if consent is not True:
        raise InvalidInput(
            "Confirm that this person agreed to the privacy notice. 请确认参会人已同意个人信息处理说明。",
            field="consent",
        )
    person = _clean_person(data)
    with transaction.atomic():
        unit = _lock(unit)
        category = Category.objects.filter(edition=unit.edition, code=person["category"]).first()
        if category is None:
            raise InvalidInput("No such attendee category. 参会类别不存在。", field="category")
        if _used(unit).get(category.pk, 0) >= _quotas(unit).get(category.pk, 0):
            raise Conflict(_over_quota(category), field="category")
        return _register(unit, person)


# --- the XLSX import ----------------------------------------------------------------------------------


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
    from .spreadsheet import category_label

    lookup = {}
    for c in Category.objects.filter(edition=edition):
        for key in (c.code, c.name, c.name_en, category_label(c)):
            if key:
                lookup[key.strip().lower()] = c
    return lookup


def check_rows(unit: Unit, rows: list[tuple[int, dict]]) -> list[RowVerdict]:
    """The verdict on each row of an upload against the unit as it is now: ok (create, update or
    unchanged), or the field and reason (bad mobile, duplicate person, over quota, unknown category).
    Nothing is written."""
    categories = _category_lookup(unit.edition)
    existing = {
        r.email: r
        for r in Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).select_related("category")
    }
    quotas = _quotas(unit)
    used = _used(unit)
    seen_emails: dict[str, int] = {}
    seen_people: dict[tuple[str, str], int] = {}
    verdicts = []
    for row, raw in rows:
        verdict = RowVerdict(row=row, person={})
        verdicts.append(verdict)
        person = {}
        for key, clean in (
            ("name", lambda v: registration._clean_text(v, field="name", required=True)),
            ("name_en", lambda v: registration._clean_text(v, field="name_en")),
            ("title", lambda v: registration._clean_text(v, field="title")),
            ("phone", clean_mobile),
            ("email", registration._clean_email),
            ("language", lambda v: registration._clean_language(_language(v))),
        ):
            try:
                person[key] = clean(raw.get(key))
            except DomainError as exc:
                verdict.error(exc.field or key, exc.message)
        label = str(raw.get("category") or "").strip()
        category = categories.get(label.lower())
        if category is None:
            verdict.error(
                "category",
                f"Unknown category '{label}': choose one from the list. 未知类别“{label}”，请从下拉列表选择。"
                if label
                else "Choose a category from the list. 请从下拉列表选择类别。",
            )
        person["category"] = category.code if category else label
        verdict.person = person
        email, key = person.get("email"), (person.get("name"), person.get("phone"))
        if email and email in seen_emails:
            verdict.error(
                "email",
                f"Duplicate person: the same e-mail as row {seen_emails[email]}. "
                f"重复人员：与第 {seen_emails[email]} 行邮箱相同。",
            )
        elif None not in key and key in seen_people:
            verdict.error(
                "name",
                f"Duplicate person: the same name and mobile as row {seen_people[key]}. "
                f"重复人员：与第 {seen_people[key]} 行姓名、手机相同。",
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
                    "This person is already registered in another category; ask the organiser to change it. "
                    f"此人已按“{current.category.name}”报名，更改类别请联系主办方。",
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
                "Duplicate person: this e-mail is already registered for this edition (by another unit or "
                "in person). 重复人员：该邮箱已在本届报名（其他单位或个人报名）。",
            )
            continue
        if used.get(category.pk, 0) >= quotas.get(category.pk, 0):
            verdict.error("category", _over_quota(category))
            continue
        used[category.pk] = used.get(category.pk, 0) + 1
    return verdicts


def _language(value) -> str:
    text = str(value or "").strip().lower()
    if text in ("", "中文", "zh", "zh-hans", "chinese"):
        return Language.ZH
    if text in ("en", "english", "英文"):
        return Language.EN
    return text


class _Rollback(Exception):
    def __init__(self, errors: list[dict]):
        self.errors = errors


def import_people(*, unit: Unit, content: bytes, dry_run: bool) -> ImportResult:
    """Read an uploaded template and give the verdict per row; unless `dry_run`, import it: all rows or
    none (a file with any error writes nothing). A person already in the unit (same e-mail) is updated,
    never added twice. Quotas are decided while holding the unit's row."""
    from .spreadsheet import read_people

    rows = read_people(content)
    if dry_run:
        return _result(check_rows(unit, rows), dry_run=True)
    try:
        with transaction.atomic():
            unit = _lock(unit)
            verdicts = check_rows(unit, rows)
            result = _result(verdicts, dry_run=False)
            if result.errors:
                return result
            for v in verdicts:
                try:
                    if v.action == "create":
                        _register(unit, v.person)
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


# --- substitution -----------------------------------------------------------------------------------


def substitute_person(*, unit: Unit, code: str, data: dict) -> registration.RegistrationResult:
    """换人: the person `code` of the unit is replaced by a new person on the same seat (category, unit,
    status). The old registration is cancelled and its ticket version bumped, so its QR reads `unknown`
    (revoked) at the door; the new person gets their own manage link and ticket (e-mailed); the change is
    logged (Substitution). The seat changes hands inside one transaction holding the category row: one
    confirmed registration leaves and one enters, so the category's seat counter is unchanged and the waiting
    list is not promoted (the status is written here, not through the service's `_set_status`, which would
    release the seat)."""
    person = _clean_person({**data, "category": "-"})
    with transaction.atomic():
        unit = _lock(unit)
        old = (
            Registration.objects.select_for_update()
            .select_related("category")
            .filter(unit=unit, code=(code or "").upper())
            .first()
        )
        if old is None:
            raise NotFound("No such person in this unit. 本单位没有该人员。")
        if old.status not in ACTIVE_STATUSES:
            raise Conflict("This person's registration is cancelled; add someone instead. 该人员报名已取消。")
        # The category row is the lock every capacity decision takes: hold it while the seat changes hands.
        Category.objects.select_for_update().filter(pk=old.category_id).first()
        if (
            Registration.objects.filter(
                edition=unit.edition, email=person["email"], status__in=ACTIVE_STATUSES
            )
            .exclude(pk=old.pk)
            .exists()
        ):
            raise AlreadyRegistered(
                "This e-mail address is already registered for this edition. 该邮箱已在本届报名。",
                field="email",
            )
        now = timezone.now()
        status = old.status
        old.status = S.CANCELLED
        old.status_changed_at = now
        old.ticket_version += 1
        old.save(update_fields=["status", "status_changed_at", "ticket_version", "updated_at"])
        token = registration_links.new_manage_token()
        new = None
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    new = Registration.objects.create(
                        edition=unit.edition,
                        category=old.category,
                        unit=unit,
                        organization=unit.organization,
                        code=registration.new_code(),
                        status=status,
                        name=person["name"],
                        name_en=person["name_en"],
                        title=person["title"],
                        email=person["email"],
                        phone=person["phone"],
                        language=person["language"],
                        consent_notice=registration.current_consent_notice(unit.edition),
                        consented_at=now,
                        status_changed_at=now,
                        manage_token_hash=hash_secret(token),
                    )
                break
            except IntegrityError:
                continue
        if new is None:
            raise Conflict("Could not allocate a registration code; please try again. 请重试。")
        Substitution.objects.create(unit=unit, old=old, new=new, old_name=old.name, new_name=new.name)
        transaction.on_commit(
            lambda: registration_mail.send_confirmation(registration=new, manage_token=token)
        )
    return registration.RegistrationResult(registration=new, manage_token=token)


# --- the reply form ---------------------------------------------------------------------------------

SECTION_FIELDS = {
    "arrival": ("arrival_date", "arrival_time", "arrival_number", "arrival_place"),
    "departure": ("departure_date", "departure_time", "departure_number", "departure_place"),
    "hotel": ("hotel_needed", "room_type", "sharing", "share_with"),
    "dinner": ("dinner",),
    "dietary": ("dietary",),
    "remarks": ("remarks",),
}
assert set(SECTION_FIELDS) == set(REPLY_SECTIONS)


def asked_fields(edition: Edition) -> list[str]:
    return [f for s in REPLY_SECTIONS if s in (edition.reply_sections or []) for f in SECTION_FIELDS[s]]


def set_reply_sections(*, edition: Edition, sections: list[str]) -> Edition:
    """Which sections of the reply form the edition asks (the organiser's choice)."""
    unknown = [s for s in sections if s not in REPLY_SECTIONS]
    if unknown:
        raise InvalidInput(
            f"Unknown section {unknown[0]}; one of {', '.join(REPLY_SECTIONS)}.", field="sections"
        )
    edition.reply_sections = [s for s in REPLY_SECTIONS if s in sections]
    edition.save(update_fields=["reply_sections"])
    return edition


def _reply_value(name: str, value):
    import datetime as dt

    model_field = ReplyForm._meta.get_field(name)
    if value in (None, ""):
        return None if model_field.null else ""
    kind = model_field.get_internal_type()
    try:
        if kind == "DateField":
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if kind == "TimeField":
            value = value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
            if value.tzinfo is not None:  # a local time at the station: a time zone is not asked for
                raise ValueError
            return value
    except ValueError:
        raise InvalidInput(
            "Use a date like 2023-06-27 and a time like 14:30. 日期如 2023-06-27，时间如 14:30。", field=name
        )
    if kind == "BooleanField":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "on", "是"):
            return True
        if text in ("false", "0", "no", "off", "否"):
            return False
        raise InvalidInput("Answer yes or no. 请选择是或否。", field=name)
    text = registration._clean_text(str(value), field=name, max_length=model_field.max_length)
    if model_field.choices and text not in {c for c, _ in model_field.choices}:
        raise InvalidInput("Choose one of the offered options. 请从选项中选择。", field=name)
    return text


def save_reply(*, registration_obj: Registration, data: dict) -> ReplyForm:
    """Save the reply form (回执) of a confirmed registration: only the fields its edition asks."""
    if registration_obj.status != S.CONFIRMED:
        raise Conflict(
            "The reply form opens once the registration is confirmed. 报名确认后方可填写回执。",
        )
    asked = set(asked_fields(registration_obj.edition))
    unknown = sorted(set(data) - asked)
    if unknown:
        raise InvalidInput(
            f"This edition does not ask for {unknown[0]}. 本届回执不含此项。", field=unknown[0]
        )
    clean = {name: _reply_value(name, value) for name, value in data.items()}
    if clean.get("hotel_needed") is False:
        clean.update(room_type="", sharing=None, share_with="")
    if clean.get("sharing") is False:
        clean["share_with"] = ""
    reply, _ = ReplyForm.objects.update_or_create(registration=registration_obj, defaults=clean)
    return reply


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
                ("contact_name", lambda v: registration._clean_text(v, field="contact_name")),
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
                used = _used(unit)
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
            current = _quotas(unit)
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
