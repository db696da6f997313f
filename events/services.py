"""Every write of registration and its business rules. Keyword-only arguments, one transaction each."""

import contextlib
import re
import secrets
import time
import weakref
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import tickets
from .auth import hash_secret
from .enums import ACTIVE_STATUSES, Language, RegistrationStatus
from .exceptions import (
    AlreadyRegistered,
    CategoryFull,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    RegistrationClosed,
)
from .models import Category, ConsentNotice, Edition, Organization, Registration

DUPLICATE_EMAIL = (
    "This e-mail address is already registered for this edition; use the link in your confirmation e-mail "
    "to change it. 该邮箱已报名本届大会，请使用确认邮件中的链接修改。"
)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
LANGUAGE_CODES = frozenset(Language.values)  # (`.values` builds a new list at every call)
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{4,22}[0-9]$")
S = RegistrationStatus


@dataclass
class RegistrationResult:
    registration: Registration
    manage_token: str

    @property
    def ticket_token(self) -> str | None:
        return ticket_token_for(self.registration)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_manage_token() -> str:
    # 32 random bytes: 256 bits, well above the 128 the contract asks for.
    return secrets.token_urlsafe(32)


def manage_url(token: str) -> str:
    return f"{settings.SITE_URL}/r/{token}"


def ticket_token_for(registration: Registration) -> str | None:
    if registration.status != S.CONFIRMED:
        return None
    edition = registration.edition
    return tickets.sign_ticket(
        signing_key=edition.signing_key,
        edition_slug=edition.slug,
        code=registration.code,
        version=registration.ticket_version,
    )


def _clean_text(value: str | None, *, field: str, required: bool = False, max_length: int = 100) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput("This field is required. 此项必填。", field=field)
    if len(text) > max_length:
        raise InvalidInput(f"At most {max_length} characters. 最多 {max_length} 个字符。", field=field)
    if "\x00" in text:  # PostgreSQL text cannot hold it: refuse it here rather than fail in the database
        raise InvalidInput("Contains a character that is not allowed. 含有不允许的字符。", field=field)
    return text


def _clean_email(value: str | None) -> str:
    email = (value or "").strip().lower()
    if not email:
        raise InvalidInput("An e-mail address is required. 请填写电子邮箱。", field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput("This is not a valid e-mail address. 电子邮箱格式不正确。", field="email")
    return email


def _clean_phone(value: str | None) -> str:
    phone = (value or "").strip()
    if phone and not PHONE_RE.match(phone):
        raise InvalidInput("This is not a valid phone number. 手机号码格式不正确。", field="phone")
    return phone


def _clean_language(value: str | None) -> str:
    language = value or Language.ZH
    if language not in LANGUAGE_CODES:
        raise InvalidInput("Language must be zh-hans or en. 语言须为 zh-hans 或 en。", field="language")
    return language


def get_or_create_organization(name: str) -> Organization:
    name = _clean_text(name, field="organization", required=True, max_length=200)
    # One query: an exact match on the Chinese name wins over one on the English name.
    matches = list(
        Organization.objects.filter(Q(name__iexact=name) | Q(name_en__iexact=name)).order_by("id")[:5]
    )
    for org in matches:
        if org.name.lower() == name.lower():
            return org
    if matches:
        return matches[0]
    try:
        with transaction.atomic():
            return Organization.objects.create(name=name)
    except IntegrityError:
        return Organization.objects.get(name=name)


def current_consent_notice(edition: Edition) -> ConsentNotice | None:
    return edition.consent_notices.order_by("-created_at", "-id").first()


def _seats_taken(category: Category) -> int:
    return Registration.objects.filter(category=category, status=S.CONFIRMED).count()


def seats_remaining(category: Category) -> int | None:
    if category.capacity is None:
        return None
    return max(category.capacity - _seats_taken(category), 0)


def _lock_category(category_id: int) -> Category:
    # The category row is the lock every capacity decision takes (PostgreSQL: SELECT ... FOR UPDATE;
    # SQLite: transactions are IMMEDIATE, so writers are already serialised).
    return Category.objects.select_for_update().get(pk=category_id)


def _has_seat(category: Category) -> bool:
    return category.capacity is None or _seats_taken(category) < category.capacity


def _set_status(registration: Registration, status: str) -> None:
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at", "updated_at"])


def _check_window(edition: Edition, now) -> None:
    if edition.personal_data_purged_at:
        raise RegistrationClosed("Registration for this edition is closed. 本届报名已结束。")
    if edition.registration_opens_at and now < edition.registration_opens_at:
        raise RegistrationClosed("Registration has not opened yet. 报名尚未开始。")
    if edition.registration_closes_at and now >= edition.registration_closes_at:
        raise RegistrationClosed("Registration is closed. 报名已截止。")


def _check_window_fresh(edition_id: int, now) -> None:
    """The window as stored right now (the edition passed in may be a cached copy)."""
    fresh = (
        Edition.objects.filter(pk=edition_id)
        .only("personal_data_purged_at", "registration_opens_at", "registration_closes_at")
        .first()
    )
    if fresh is None:
        forget_registration_editions()
        raise NotFound("No such edition. 未找到该届大会。")
    _check_window(fresh, now)


# The public registration endpoint looks its edition up here: cached per process for EDITION_TTL seconds,
# cleared in this process by any edit of an edition (signal below). Only the edition's identity, signing key
# and names are taken from the cached copy; every rule (window, purge, category, capacity, consent notice)
# is read from the database when the registration is decided.
EDITION_TTL = 30.0
_editions: dict[str, tuple[float, Edition]] = {}


def registration_edition(slug: str) -> Edition:
    hit = _editions.get(slug)
    if hit is not None and time.monotonic() - hit[0] <= EDITION_TTL:
        return hit[1]
    edition = Edition.objects.filter(slug=slug).first()
    if edition is None:
        _editions.pop(slug, None)
        raise NotFound(f"No edition '{slug}'. 未找到该届大会。")
    _editions[slug] = (time.monotonic(), edition)
    return edition


def forget_registration_editions(*_args, **_kwargs) -> None:
    _editions.clear()


# Cache invalidation only (no business rule).
post_save.connect(forget_registration_editions, sender=Edition, dispatch_uid="registration-forget-edition")
post_delete.connect(
    forget_registration_editions, sender=Edition, dispatch_uid="registration-forget-edition-d"
)


def register_attendee(
    *,
    edition: Edition,
    category_code: str,
    name: str,
    organization: str,
    email: str,
    consent: bool,
    name_en: str = "",
    title: str = "",
    phone: str = "",
    language: str = Language.ZH,
    staff_override: bool = False,
) -> RegistrationResult:
    """Register one person. Confirmed when a seat is free; pending for categories that need approval;
    waitlisted when full with a waiting list; CategoryFull (409) when full without one.
    Sends the confirmation e-mail after the transaction commits."""
    if consent is not True:
        raise InvalidInput(
            "You must accept the privacy notice to register. 须同意个人信息处理说明方可报名。",
            field="consent",
        )
    name = _clean_text(name, field="name", required=True)
    name_en = _clean_text(name_en, field="name_en")
    title = _clean_text(title, field="title")
    email = _clean_email(email)
    phone = _clean_phone(phone)
    language = _clean_language(language)
    org_name = _clean_text(organization, field="organization", required=True, max_length=200)
    category_code = category_code or ""
    if "\x00" in category_code:  # no such code can exist (and PostgreSQL text cannot hold it)
        raise _category_error(None, staff_override)
    now = timezone.now()
    token = new_manage_token()
    fields = {
        "name": name,
        "name_en": name_en,
        "title": title,
        "email": email,
        "phone": phone,
        "language": language,
        "consented_at": now,
        "status_changed_at": now,
        "manage_token_hash": hash_secret(token),
    }
    one_statement = connection.vendor == "postgresql" and _multi_statement_ok()
    if not one_statement:
        if not staff_override:
            _check_window_fresh(edition.pk, now)
        fields["organization"] = get_or_create_organization(org_name)

    # The whole transaction is retried on an IntegrityError (no savepoint round trips on the happy path):
    # either the partial unique index refused a second active registration with this e-mail, or the
    # random code collided (1 in 32^8 per existing code): then draw another code.
    for _attempt in range(5):
        fields["code"] = new_code()
        try:
            if one_statement:
                registration = _insert_registration_pg(
                    edition=edition,
                    category_code=category_code,
                    staff_override=staff_override,
                    organization=org_name,
                    fields=fields,
                )
            else:
                registration = _insert_registration(
                    edition=edition, category_code=category_code, staff_override=staff_override, fields=fields
                )
        except IntegrityError:
            if Registration.objects.filter(edition=edition, email=email, status__in=ACTIVE_STATUSES).exists():
                raise AlreadyRegistered(DUPLICATE_EMAIL, field="email")
            continue
        if registration is None:  # PostgreSQL: a new organisation was created concurrently; go again
            continue
        transaction.on_commit(
            lambda reg=registration: send_confirmation(registration=reg, manage_token=token)
        )
        return RegistrationResult(registration=registration, manage_token=token)
    raise Conflict("Could not allocate a registration code; please try again. 请重试。")


def _category_error(category: Category | None, staff_override: bool) -> DomainError | None:
    if category is None or (not category.public and not staff_override):
        return InvalidInput("No such attendee category. 参会类别不存在。", field="category")
    return None


def _full(name: str, name_en: str) -> CategoryFull:
    return CategoryFull(f"{name_en or name} is full. {name}名额已满。", field="category")


@transaction.atomic
def _insert_registration(
    *, edition: Edition, category_code: str, staff_override: bool, fields: dict
) -> Registration:
    # Look the category up and lock it in one query: every capacity decision holds this row.
    category = Category.objects.select_for_update().filter(edition=edition, code=category_code).first()
    error = _category_error(category, staff_override)
    if error:
        raise error
    if category.requires_approval and not staff_override:
        status = S.PENDING
    elif _has_seat(category):
        status = S.CONFIRMED
    elif category.waitlist:
        status = S.WAITLISTED
    else:
        raise _full(category.name, category.name_en)
    # The notice current when the decision is taken (a new version applies to the very next registration).
    notice = current_consent_notice(edition)
    return Registration.objects.create(
        edition=edition, category=category, status=status, consent_notice=notice, **fields
    )


def _multi_statement_ok() -> bool:
    # EXECUTE_SQL is two statements in one round trip: psycopg's default client-side binding sends it with
    # the simple query protocol; server-side binding (an opt-in OPTIONS flag) cannot.
    return connection.settings_dict.get("OPTIONS", {}).get("server_side_binding") is not True


_REG = Registration._meta.db_table
_CAT = Category._meta.db_table
_ORG = Organization._meta.db_table
_NOTICE = ConsentNotice._meta.db_table
_EDITION = Edition._meta.db_table
# The columns the raw INSERTs below fill, in their order (a test checks them against the models).
REGISTRATION_COLUMNS = (
    "edition_id", "category_id", "code", "status", "name", "name_en", "organization_id", "title", "email",
    "phone", "language", "consent_notice_id", "consented_at", "manage_token_hash", "ticket_version",
    "created_at", "updated_at", "status_changed_at",
)  # fmt: skip
ORGANIZATION_COLUMNS = ("name", "name_en", "city", "is_example")
_TAKES_PLACE = f"('{S.CONFIRMED}', '{S.PENDING}', '{S.WAITLISTED}')"

# PostgreSQL: the same decision as `_insert_registration` in ONE round trip. Two statements sent together
# run as one transaction (implicit, or inside the caller's). The first locks the category row; the second,
# which in READ COMMITTED takes its snapshot only once that lock is held, sees every registration committed
# before it and decides in SQL: window and purge (read fresh from the edition row), category, approval,
# seats (COUNT of confirmed), waiting list; then finds or creates the organisation, inserts the registration
# with the current consent notice, and answers the decision. created_at is the insert's clock time (after
# the lock), so the waiting list keeps the order in which people were put on it.
# The second statement is PREPAREd once per database connection (its planning cost more than running it).
LOCK_SQL = f"SELECT 1 FROM {_CAT} WHERE edition_id = %(edition)s AND code = %(category)s FOR UPDATE"
DECIDE_SQL = f"""
WITH e AS (
    SELECT 1 FROM {_EDITION}
    WHERE id = %(edition)s AND (%(staff)s OR (
        personal_data_purged_at IS NULL
        AND (registration_opens_at IS NULL OR registration_opens_at <= %(now)s)
        AND (registration_closes_at IS NULL OR %(now)s < registration_closes_at)))
), c AS (
    SELECT c.id, c.name, c.name_en, CASE
        WHEN NOT EXISTS (SELECT 1 FROM e) THEN 'closed'
        WHEN NOT c.public AND NOT %(staff)s THEN 'no_category'
        WHEN c.requires_approval AND NOT %(staff)s THEN '{S.PENDING}'
        WHEN c.capacity IS NULL OR c.capacity > (
            SELECT count(*) FROM {_REG} WHERE category_id = c.id AND status = '{S.CONFIRMED}')
            THEN '{S.CONFIRMED}'
        WHEN c.waitlist THEN '{S.WAITLISTED}'
        ELSE 'full' END AS decision
    FROM {_CAT} c WHERE c.edition_id = %(edition)s AND c.code = %(category)s
), found AS (
    SELECT id FROM {_ORG} WHERE UPPER(name) = UPPER(%(org)s) OR UPPER(name_en) = UPPER(%(org)s)
    ORDER BY UPPER(name) = UPPER(%(org)s) DESC, id LIMIT 1
), made AS (
    INSERT INTO {_ORG} ({", ".join(ORGANIZATION_COLUMNS)})
    SELECT %(org)s, '', '', false FROM c
    WHERE c.decision IN {_TAKES_PLACE} AND NOT EXISTS (SELECT 1 FROM found)
    ON CONFLICT (name) DO NOTHING
    RETURNING id
), o AS (
    SELECT id FROM found UNION ALL SELECT id FROM made
), ins AS (
    INSERT INTO {_REG} ({", ".join(REGISTRATION_COLUMNS)})
    SELECT %(edition)s, c.id, %(code)s, c.decision, %(name)s, %(name_en)s, (SELECT id FROM o LIMIT 1),
        %(title)s, %(email)s, %(phone)s, %(language)s,
        (SELECT id FROM {_NOTICE} WHERE edition_id = %(edition)s ORDER BY created_at DESC, id DESC LIMIT 1),
        %(consented_at)s, %(manage_token_hash)s, 1, clock_timestamp(), clock_timestamp(),
        %(status_changed_at)s
    FROM c WHERE c.decision IN {_TAKES_PLACE} AND EXISTS (SELECT 1 FROM o)
    RETURNING id, category_id, organization_id, consent_notice_id, created_at, updated_at
)
SELECT coalesce(c.decision, CASE WHEN EXISTS (SELECT 1 FROM e) THEN 'no_category' ELSE 'closed' END),
       c.name, c.name_en, ins.*
FROM (SELECT 1) AS one LEFT JOIN c ON true LEFT JOIN ins ON true
"""
_DECIDE_PARAMS = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", DECIDE_SQL)))
PREPARED_NAME = "huiwu_register_v1"
PREPARE_SQL = f"PREPARE {PREPARED_NAME} AS " + re.sub(
    r"%\((\w+)\)s", lambda m: f"${_DECIDE_PARAMS.index(m.group(1)) + 1}", DECIDE_SQL
)
EXECUTE_SQL = f"{LOCK_SQL};\nEXECUTE {PREPARED_NAME}({', '.join(f'%({n})s' for n in _DECIDE_PARAMS)})"
PREPARE_AND_EXECUTE_SQL = f"{PREPARE_SQL};\n{EXECUTE_SQL}"
# The psycopg connections (database sessions) that hold the prepared statement.
_prepared_on: weakref.WeakSet = weakref.WeakSet()


def _insert_registration_pg(
    *, edition: Edition, category_code: str, staff_override: bool, organization: str, fields: dict
) -> Registration | None:
    params = {
        **fields,
        "edition": edition.pk,
        "category": category_code,
        "staff": staff_override,
        "now": fields["consented_at"],
        "org": organization,
    }
    # Inside a caller's transaction a savepoint keeps an IntegrityError from poisoning it; alone, the
    # statements sent together are their own transaction. A session not known to hold the prepared statement
    # prepares it in the same message; one that lost it (a pooler's DISCARD ALL, or transaction pooling)
    # gets it again, one that already has it is told so.
    prepared = connection.connection in _prepared_on
    session = None
    for _attempt in range(3):
        atomic = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        try:
            with atomic, connection.cursor() as cursor:
                session = connection.connection
                cursor.execute(EXECUTE_SQL if prepared else PREPARE_AND_EXECUTE_SQL, params)
                for _statement in range(1 if prepared else 2):
                    cursor.nextset()
                row = cursor.fetchone()
            _prepared_on.add(session)
            break
        except ProgrammingError as exc:
            state = getattr(exc.__cause__, "sqlstate", None)
            if state not in ("26000", "42P05") or _attempt == 2:  # no such / already a prepared statement
                raise
            prepared = state == "42P05"
            if not prepared and session is not None:
                _prepared_on.discard(session)
    decision, cat_name, cat_name_en, reg_id, category_id, org_id, notice_id, created_at, updated_at = row
    if decision == "closed":
        _check_window_fresh(edition.pk, fields["consented_at"])
        raise RegistrationClosed("Registration is closed. 报名已截止。")
    if decision == "no_category":
        raise _category_error(None, staff_override)
    if decision == "full":
        raise _full(cat_name, cat_name_en)
    if reg_id is None:
        return None
    reg = Registration(
        id=reg_id,
        edition=edition,
        category_id=category_id,
        status=decision,
        organization_id=org_id,
        consent_notice_id=notice_id,
        ticket_version=1,
        created_at=created_at,
        updated_at=updated_at,
        **fields,
    )
    reg._state.adding = False
    reg._state.db = connection.alias
    return reg


STATUS_TEXT = {
    S.CONFIRMED: (
        "您的报名已确认。请在入场时出示二维码。",
        "Your registration is confirmed. Show the QR code at the door.",
    ),
    S.PENDING: ("您的报名已收到，正在审核。", "We have received your registration; it is awaiting approval."),
    S.WAITLISTED: (
        "该类别名额已满，您已进入候补名单。",
        "This category is full; you are on the waiting list.",
    ),
    S.CANCELLED: ("您的报名已取消。", "Your registration has been cancelled."),
    S.REJECTED: ("很抱歉，您的报名未获通过。", "We are sorry: your registration was not approved."),
}


def send_confirmation(
    *,
    registration: Registration | None = None,
    registration_id: int | None = None,
    manage_token: str | None = None,
) -> None:
    """E-mail the attendee their status and (when we still hold it, i.e. right after registering) the manage link."""
    if registration is None:
        registration = Registration.objects.select_related("edition").get(pk=registration_id)
    if not registration.email:
        return
    zh, en = STATUS_TEXT[registration.status]
    edition = registration.edition
    lines = [
        f"{registration.name}：",
        "",
        f"{edition.name}",
        zh,
        f"报名编号：{registration.code}",
    ]
    if manage_token:
        lines.append(f"查看电子票、修改或取消报名：{manage_url(manage_token)}")
    lines += [
        "",
        f"Dear {registration.name_en or registration.name},",
        "",
        edition.name_en or edition.name,
        en,
    ]
    lines.append(f"Registration code: {registration.code}")
    if manage_token:
        lines.append(f"Your ticket, and to edit or cancel: {manage_url(manage_token)}")
    subject = f"[{edition.name}] {zh} / {en}"
    send_mail(subject, "\n".join(lines), None, [registration.email], fail_silently=True)


def get_registration_by_token(token: str) -> Registration:
    if not token or len(token) > 100:
        raise NotFound("No registration for this link. 链接无效。")
    registration = (
        Registration.objects.select_related("edition", "category", "organization", "consent_notice")
        .filter(manage_token_hash=hash_secret(token), anonymized_at__isnull=True)
        .first()
    )
    if registration is None:
        raise NotFound("No registration for this link. 链接无效。")
    return registration


EDITABLE_FIELDS = ("name", "name_en", "organization", "title", "email", "phone", "language")


def update_registration(*, registration: Registration, changes: dict) -> Registration:
    """Edit through the manage link. A change of name reissues the ticket (old QR reads as revoked)."""
    if registration.status in (S.CANCELLED, S.REJECTED):
        raise Conflict(
            "A cancelled or rejected registration cannot be changed. 已取消或未通过的报名不能修改。"
        )
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))}.", field=sorted(unknown)[0])
    clean: dict = {}
    if "name" in changes:
        clean["name"] = _clean_text(changes["name"], field="name", required=True)
    if "name_en" in changes:
        clean["name_en"] = _clean_text(changes["name_en"], field="name_en")
    if "title" in changes:
        clean["title"] = _clean_text(changes["title"], field="title")
    if "email" in changes:
        clean["email"] = _clean_email(changes["email"])
    if "phone" in changes:
        clean["phone"] = _clean_phone(changes["phone"])
    if "language" in changes:
        clean["language"] = _clean_language(changes["language"])
    if "organization" in changes:
        clean["organization"] = get_or_create_organization(changes["organization"])
    with transaction.atomic():
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if "email" in clean and clean["email"] != reg.email:
            taken = (
                Registration.objects.filter(
                    edition=reg.edition, email=clean["email"], status__in=ACTIVE_STATUSES
                )
                .exclude(pk=reg.pk)
                .exists()
            )
            if taken:
                raise AlreadyRegistered(
                    "This e-mail address is already registered. 该邮箱已报名。", field="email"
                )
        reissue = ("name" in clean and clean["name"] != reg.name) or (
            "name_en" in clean and clean["name_en"] != reg.name_en
        )
        for key, value in clean.items():
            setattr(reg, key, value)
        if reissue:
            reg.ticket_version += 1
        try:
            with transaction.atomic():
                reg.save()
        except IntegrityError:
            raise AlreadyRegistered(
                "This e-mail address is already registered. 该邮箱已报名。", field="email"
            )
    return reg


def reissue_ticket(*, registration: Registration) -> Registration:
    """Bump the ticket version: every earlier QR code for this registration now reads `unknown`."""
    with transaction.atomic():
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        reg.ticket_version += 1
        reg.save(update_fields=["ticket_version", "updated_at"])
    return reg


def _promote_waitlist(category: Category) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served. Caller holds the category lock."""
    promoted = []
    while _has_seat(category):
        nxt = (
            Registration.objects.filter(category=category, status=S.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if nxt is None:
            break
        _set_status(nxt, S.CONFIRMED)
        promoted.append(nxt)
    for reg in promoted:
        transaction.on_commit(lambda pk=reg.pk: send_confirmation(registration_id=pk))
    return promoted


def cancel_registration(*, registration: Registration) -> Registration:
    """Cancel (by the attendee or staff); a freed seat goes to the first on the waiting list."""
    with transaction.atomic():
        category = _lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise Conflict("This registration is already cancelled. 该报名已取消。")
        was_confirmed = reg.status == S.CONFIRMED
        _set_status(reg, S.CANCELLED)
        if was_confirmed:
            _promote_waitlist(category)
    return reg


def approve_registration(*, registration: Registration) -> Registration:
    """Approve a pending registration: confirmed when a seat is free, else waitlisted (or 409 when the
    category has no waiting list)."""
    with transaction.atomic():
        category = _lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status != S.PENDING:
            raise Conflict(f"Only pending registrations can be approved; this one is {reg.status}.")
        if _has_seat(category):
            _set_status(reg, S.CONFIRMED)
        elif category.waitlist:
            _set_status(reg, S.WAITLISTED)
        else:
            raise CategoryFull(f"{category.name_en or category.name} is full: raise its capacity first.")
        transaction.on_commit(lambda: send_confirmation(registration_id=reg.pk))
    return reg


def reject_registration(*, registration: Registration) -> Registration:
    with transaction.atomic():
        category = _lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise Conflict(f"This registration is already {reg.status}.")
        was_confirmed = reg.status == S.CONFIRMED
        _set_status(reg, S.REJECTED)
        if was_confirmed:
            _promote_waitlist(category)
        transaction.on_commit(lambda: send_confirmation(registration_id=reg.pk))
    return reg


def update_category(*, category: Category, changes: dict) -> Category:
    """Change capacity, approval or waiting list; raising the capacity promotes the waiting list."""
    with transaction.atomic():
        cat = _lock_category(category.pk)
        if "capacity" in changes:
            capacity = changes["capacity"]
            if capacity is not None and (not isinstance(capacity, int) or capacity < 0):
                raise InvalidInput(
                    "Capacity must be a whole number of at least 0, or null for no limit.", field="capacity"
                )
            taken = _seats_taken(cat)
            if capacity is not None and capacity < taken:
                raise Conflict(
                    f"{taken} people are already confirmed; capacity cannot go below that.", field="capacity"
                )
            cat.capacity = capacity
        for flag in ("requires_approval", "waitlist"):
            if flag in changes:
                if not isinstance(changes[flag], bool):
                    raise InvalidInput(f"{flag} must be true or false.", field=flag)
                setattr(cat, flag, changes[flag])
        cat.save()
        _promote_waitlist(cat)
    return cat
