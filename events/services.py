"""Every write of registration and its business rules. Keyword-only arguments, one transaction each."""

import datetime as dt
import re
import secrets
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import cache, notifications, tickets
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
    manage_token: str | None  # None when the link goes by e-mail only (`register_attendee(mail_link=True)`)

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


def find_organization(name: str) -> Organization | None:
    """An organisation by its Chinese or English name (case-insensitive); the Chinese name wins."""
    matches = list(
        Organization.objects.filter(Q(name__iexact=name) | Q(name_en__iexact=name)).order_by("id")[:5]
    )
    for org in matches:
        if org.name.lower() == name.lower():
            return org
    return matches[0] if matches else None


def _create_organization(name: str) -> Organization:
    try:
        with transaction.atomic():
            return Organization.objects.create(name=name)
    except IntegrityError:  # created meanwhile by another request
        return Organization.objects.get(name=name)


def get_or_create_organization(name: str) -> Organization:
    name = _clean_text(name, field="organization", required=True, max_length=200)
    return find_organization(name) or _create_organization(name)


def current_consent_notice(edition: Edition) -> ConsentNotice | None:
    return edition.consent_notices.order_by("-created_at", "-id").first()


def seats_remaining(category: Category) -> int | None:
    if category.capacity is None:
        return None
    return max(category.capacity - category.confirmed_count, 0)


# --- Seats. `Category.confirmed_count` is written here only: `_take_seat` and `_release_seat`, called by the
# registration rule (`_decide_status`), the waiting list (`_promote_waitlist`) and the one function that
# changes a registration's status (`_set_status`). Each runs inside the transaction that writes the status.


def _take_seat(category_id: int) -> bool:
    """Take one seat if one is free: a single conditional UPDATE, whose row lock (held to the commit)
    serialises the writers of this category on every database; no rows are counted."""
    free = Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity"))
    return Category.objects.filter(free, pk=category_id).update(confirmed_count=F("confirmed_count") + 1) == 1


def _release_seat(category_id: int) -> None:
    # Never below 0: rows written outside the services (fixtures, imports) are not counted until
    # `recount_seats` runs, and releasing one of them must not fail.
    Category.objects.filter(pk=category_id, confirmed_count__gt=0).update(
        confirmed_count=F("confirmed_count") - 1
    )


def recount_seats(*, edition: Edition) -> None:
    """Set each category's seat count from its confirmed rows: for data written in bulk outside the services
    (the demo, benchmarks). The migration that added the counter filled it the same way."""
    confirmed = (
        Registration.objects.filter(category=OuterRef("pk"), status=S.CONFIRMED)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Category.objects.filter(edition=edition).update(confirmed_count=Coalesce(Subquery(confirmed), 0))


def _lock_category(category_id: int) -> Category:
    # The category row lock (PostgreSQL: SELECT ... FOR UPDATE; SQLite: transactions are IMMEDIATE, so
    # writers are already serialised and this is a plain read).
    return Category.objects.select_for_update().get(pk=category_id)


def _decide_status(category: Category, *, staff_override: bool) -> str:
    """THE registration rule, for a new registration and for an approval alike. Pending when the category
    needs approval (staff skip that); confirmed when a seat is taken; waitlisted when full and the category
    keeps a waiting list; CategoryFull (409) otherwise. Answering `confirmed`, it has taken the seat."""
    if category.requires_approval and not staff_override:
        return S.PENDING
    if _take_seat(category.pk):
        return S.CONFIRMED
    # Full as this statement saw it. Lock the row and look once more: a cancellation in flight commits first
    # (its freed seat is then taken here), or waits for this transaction and finds this registration on the
    # waiting list. Never a free seat beside a waiting list.
    locked = _lock_category(category.pk)
    if _take_seat(category.pk):
        return S.CONFIRMED
    if locked.waitlist:
        return S.WAITLISTED
    raise _full(locked.name, locked.name_en)


def _set_status(registration: Registration, status: str) -> None:
    """The one function that changes a registration's status. Entering `confirmed`, the caller's decision has
    taken the seat; leaving it, the seat is released and goes to the first on the waiting list."""
    was = registration.status
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at", "updated_at"])
    if was == S.CONFIRMED and status != S.CONFIRMED:
        _release_seat(registration.category_id)
        _promote_waitlist(registration.category_id)


def _promote_waitlist(category_id: int) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served (inside a transaction that holds the
    category row: its seat UPDATE or its lock)."""
    promoted = []
    while True:
        nxt = (
            Registration.objects.filter(category_id=category_id, status=S.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if nxt is None or not _take_seat(category_id):
            break
        _set_status(nxt, S.CONFIRMED)
        promoted.append(nxt)
    for reg in promoted:
        transaction.on_commit(lambda pk=reg.pk: send_confirmation(registration_id=pk))
    return promoted


def check_window(edition: Edition, now) -> None:
    if edition.personal_data_purged_at:
        raise RegistrationClosed("Registration for this edition is closed. 本届报名已结束。")
    if edition.registration_opens_at and now < edition.registration_opens_at:
        raise RegistrationClosed("Registration has not opened yet. 报名尚未开始。")
    if now >= registration_closes(edition):
        raise RegistrationClosed("Registration is closed. 报名已截止。")


def edition_ends_at(edition: Edition) -> dt.datetime:
    """Midnight after the edition's last day, in its own time zone."""
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    return dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def registration_closes(edition: Edition) -> dt.datetime:
    """Registration closes when set (registration_closes_at), else when the edition ends."""
    return edition.registration_closes_at or edition_ends_at(edition)


def _check_window_fresh(edition_id: int, now) -> None:
    """The window as stored right now (the edition passed in may be a cached copy)."""
    fresh = Edition.objects.filter(pk=edition_id).only(*WINDOW_FIELDS).first()
    if fresh is None:
        cache.bump(cache.EDITIONS)
        raise NotFound("No such edition. 未找到该届大会。")
    check_window(fresh, now)


WINDOW_FIELDS = (
    "personal_data_purged_at",
    "registration_opens_at",
    "registration_closes_at",
    "ends_on",
    "timezone",
)


def registration_edition(slug: str) -> Edition:
    """The public registration endpoint's edition, from the configuration cache (events/cache.py). Only its
    identity, signing key and names are used from it; every rule (window, purge, category, capacity, consent
    notice) is read from the database when the registration is decided."""
    edition = cache.cached(cache.EDITIONS, f"registration:{slug}", Edition.objects.filter(slug=slug).first)
    if edition is None:
        raise NotFound(f"No edition '{slug}'. 未找到该届大会。")
    return edition


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
    mail_link: bool = False,
) -> RegistrationResult:
    """Register one person; the status is decided by `_decide_status`. A refused registration writes
    nothing (not even a new organisation). The confirmation e-mail goes after the transaction commits:
    sent here with the returned private link; or, with `mail_link` (the public registration), recorded for
    the task worker, which mints the private link and mails it (the result's `manage_token` is then None:
    nobody but the addressee gets the link)."""
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
    # Read before the transaction (nothing is written yet): the category with the edition's window as stored
    # now and the current consent notice, in one query; the organisation, if it exists.
    category = (
        Category.objects.filter(edition_id=edition.pk, code=category_code)
        .select_related("edition")
        .only("id", "name", "name_en", "public", "requires_approval", "waitlist", "capacity", "edition_id",
              *(f"edition__{f}" for f in WINDOW_FIELDS))
        .annotate(notice_id=Subquery(
            ConsentNotice.objects.filter(edition_id=OuterRef("edition_id"))
            .order_by("-created_at", "-id").values("id")[:1]))
        .first()
    )  # fmt: skip
    if not staff_override:
        if category is None:
            _check_window_fresh(edition.pk, now)  # a closed (or deleted) edition says so first
        else:
            check_window(category.edition, now)
    error = _category_error(category, staff_override)
    if error:
        raise error
    org = find_organization(org_name)

    # The whole transaction is retried on an IntegrityError (no savepoint round trips on the happy path):
    # either the partial unique index refused a second active registration with this e-mail, or the
    # random code collided (1 in 32^8 per existing code): then draw another code.
    for _attempt in range(5):
        fields["code"] = new_code()
        try:
            with transaction.atomic():
                status = _decide_status(category, staff_override=staff_override)
                registration = Registration.objects.create(
                    edition=edition,
                    category=category,
                    status=status,
                    organization=org or _create_organization(org_name),
                    consent_notice_id=category.notice_id,
                    **fields,
                )
        except IntegrityError:
            if Registration.objects.filter(edition=edition, email=email, status__in=ACTIVE_STATUSES).exists():
                raise AlreadyRegistered(DUPLICATE_EMAIL, field="email")
            continue
        # A registration made a moment ago has no seat in any plan yet: no seats query for its e-mail.
        if mail_link:
            enqueue_link_mail(registration_id=registration.pk)
            return RegistrationResult(registration=registration, manage_token=None)
        transaction.on_commit(
            lambda reg=registration: send_confirmation(registration=reg, manage_token=token, seats=[])
        )
        return RegistrationResult(registration=registration, manage_token=token)
    raise Conflict("Could not allocate a registration code; please try again. 请重试。")


def enqueue_link_mail(*, registration_id: int, again: bool = False) -> None:
    """Record, for when the current transaction commits, that the task worker is to mint this registration a
    private link and e-mail it (events/link_resend.py: the confirmation, or "already registered" when
    `again`). Only the id is queued: the raw link is never stored."""
    from .link_resend import mail_private_link_task

    transaction.on_commit(
        lambda: mail_private_link_task.enqueue(registration_id=registration_id, again=again)
    )


def _category_error(category: Category | None, staff_override: bool) -> DomainError | None:
    if category is None or (not category.public and not staff_override):
        return InvalidInput("No such attendee category. 参会类别不存在。", field="category")
    return None


def _full(name: str, name_en: str) -> CategoryFull:
    return CategoryFull(f"{name_en or name} is full. {name}名额已满。", field="category")


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
    seats: list[dict] | None = None,
) -> None:
    """E-mail the attendee their status and (when we still hold it, i.e. right after registering) the manage link."""
    if registration is None:
        registration = Registration.objects.select_related("edition").get(pk=registration_id)
    if not registration.email:
        return
    notifications.notify(registration, confirmation_message(registration, manage_token, seats=seats))


def confirmation_message(
    registration: Registration, manage_token: str | None, *, seats: list[dict] | None = None
) -> "notifications.Message":
    """The confirmation in the attendee's language: status, venue and dates, seat, and for a confirmed
    registration the QR ticket (inline image) and an .ics of the edition."""
    en = registration.language == Language.EN
    zh_text, en_text = STATUS_TEXT[registration.status]
    edition = registration.edition
    name = (registration.name_en or registration.name) if en else registration.name
    title = (edition.name_en or edition.name) if en else edition.name
    venue = (edition.venue_en or edition.venue) if en else edition.venue
    dates = f"{edition.starts_on:%Y-%m-%d}" + (
        f" – {edition.ends_on:%Y-%m-%d}" if edition.ends_on != edition.starts_on else ""
    )
    link = manage_url(manage_token) if manage_token else ""
    if en:
        lines = [f"Dear {name},", en_text, f"{title}", f"When: {dates}", f"Where: {venue}",
                 f"Registration code: {registration.code}"]  # fmt: skip
        subject, label = f"[{title}] {en_text}", "Your ticket, edit or cancel"
    else:
        lines = [
            f"{name}：",
            zh_text,
            f"{title}",
            f"时间：{dates}",
            f"地点：{venue}",
            f"报名编号：{registration.code}",
        ]
        subject, label = f"[{title}] {zh_text}", "查看电子票、修改或取消报名"
    confirmed = registration.status == S.CONFIRMED
    if confirmed and link and edition.reply_sections:  # the reply form (回执) is asked once confirmed
        lines.append(
            f"Please fill in the reply form (arrival, hotel, dinner): {link}/reply"
            if en
            else f"请填写参会回执（抵达、住宿、晚宴等）：{link}/reply"
        )
    token = ticket_token_for(registration) if confirmed else None
    sms = (
        f"[{title}] {en_text} Code {registration.code}."
        if en
        else f"【{title}】{zh_text}报名编号 {registration.code}。"
    ) + (f" {link}" if link else "")
    return notifications.Message(
        kind="confirmation", subject=subject, lines=lines, link=link, link_label=label, ticket_token=token,
        seats=(notifications.seat_labels(registration) if seats is None else seats) if confirmed else [], sms=sms,
        ics=notifications.edition_ics(registration, link) if confirmed else None,
    )  # fmt: skip


def notify_seat_changed(*, registration: Registration, seats: list[dict] | None = None) -> list[str]:
    """Tell a confirmed attendee their seat changed (e-mail and, when configured, SMS); the channels used."""
    en = registration.language == Language.EN
    edition = registration.edition
    title = (edition.name_en or edition.name) if en else edition.name
    seats = notifications.seat_labels(registration) if seats is None else seats
    where = "; ".join(f"{s.get('plan', '')} {s.get('label', '')}".strip() for s in seats)
    if en:
        subject, lines, sms = (
            f"[{title}] Your seat changed",
            [f"Your seat is now: {where}."],
            f"[{title}] Your seat is now {where}.",
        )
    else:
        subject, lines, sms = (
            f"[{title}] 您的座位已调整",
            [f"您的座位已调整为：{where}。"],
            f"【{title}】您的座位已调整为：{where}。",
        )
    message = notifications.Message(kind="seat_changed", subject=subject, lines=lines, seats=seats, sms=sms)
    return notifications.notify(registration, message)


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


def cancel_registration(*, registration: Registration) -> Registration:
    """Cancel (by the attendee or staff); a freed seat goes to the first on the waiting list."""
    with transaction.atomic():
        _lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise Conflict("This registration is already cancelled. 该报名已取消。")
        _set_status(reg, S.CANCELLED)
    return reg


def approve_registration(*, registration: Registration) -> Registration:
    """Approve a pending registration: the registration rule as staff apply it (confirmed when a seat is
    free, else waitlisted, or 409 when the category has no waiting list)."""
    with transaction.atomic():
        category = _lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status != S.PENDING:
            raise Conflict(f"Only pending registrations can be approved; this one is {reg.status}.")
        _set_status(reg, _decide_status(category, staff_override=True))
        transaction.on_commit(lambda: send_confirmation(registration_id=reg.pk))
    return reg


def reject_registration(*, registration: Registration) -> Registration:
    with transaction.atomic():
        _lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise Conflict(f"This registration is already {reg.status}.")
        _set_status(reg, S.REJECTED)
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
            taken = cat.confirmed_count
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
        cat.save(update_fields=["capacity", "requires_approval", "waitlist"])
        _promote_waitlist(cat.pk)
    return cat
