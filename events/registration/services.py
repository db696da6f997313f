"""Every write of registration and its business rules. Keyword-only arguments, one transaction each."""

import secrets
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from .. import cache, hooks
from ..auth import hash_secret
from ..enums import ACTIVE_STATUSES, Language, RegistrationStatus
from ..exceptions import (
    AlreadyRegistered,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
)
from ..limits import max_len
from ..models import Category, ConsentNotice, Edition, Organization, Registration
from ..statements import insert_new
from .fields import clean_email, clean_language, clean_phone, clean_text
from .links import new_manage_token, ticket_token_for
from .mail import send_confirmation
from .notices import send_notice
from .seats import confirm_with_seat, decide_status, lock_category, promote_waitlist, set_status
from .window import WINDOW_FIELDS, check_window, check_window_fresh

DUPLICATE_EMAIL = gettext_lazy(
    "This e-mail address is already registered for this edition; use the link in your confirmation e-mail to change it."
)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
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
    name = clean_text(name, field="organization", required=True, max_length=max_len(Organization, "name"))
    return find_organization(name) or _create_organization(name)


def registration_category(edition_id: int, code: str) -> Category | None:
    """A category's settings for the registration rule, with its edition's window and the current consent
    notice (`notice_id`), in one query, kept in the configuration cache (events/cache.py): every edit of an
    edition, a category or a consent notice bumps its version, so every worker reads the edit at once."""

    def load() -> Category | None:
        return (
            Category.objects.filter(edition_id=edition_id, code=code)
            .select_related("edition")
            .only(
                "id",
                "name",
                "name_en",
                "public",
                "requires_approval",
                "waitlist",
                "capacity",
                "edition_id",
                *(f"edition__{f}" for f in WINDOW_FIELDS),
            )
            .annotate(
                notice_id=Subquery(
                    ConsentNotice.objects.filter(edition_id=OuterRef("edition_id"))
                    .order_by("-created_at", "-id")
                    .values("id")[:1]
                )
            )
            .first()
        )

    return cache.cached(cache.EDITIONS, f"registration-category:{edition_id}:{code}", load)


def current_consent_notice(edition: Edition) -> ConsentNotice | None:
    return edition.consent_notices.order_by("-created_at", "-id").first()


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
    """Register one person; the status is decided by `decide_status`. A refused registration writes
    nothing (not even a new organisation). The confirmation e-mail goes after the transaction commits:
    sent here with the returned private link; or, with `mail_link` (the public registration), not sent: the
    caller (events/registration/link_resend.py) records it for the task worker, which mints the private link
    and mails it (the result's `manage_token` is then None: nobody but the addressee gets the link)."""
    if consent is not True:
        raise InvalidInput(
            gettext("You must accept the privacy notice to register."),
            field="consent",
        )
    name = clean_text(name, field="name", required=True)
    name_en = clean_text(name_en, field="name_en")
    title = clean_text(title, field="title")
    email = clean_email(email)
    phone = clean_phone(phone)
    language = clean_language(language)
    org_name = clean_text(
        organization, field="organization", required=True, max_length=max_len(Organization, "name")
    )
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
    # Read before the transaction (nothing is written yet): the category's settings with the edition's window
    # and the current consent notice, from the configuration cache (one query when an edit bumped it); the
    # seats themselves are counted by the database (`decide_status`), never from the cache.
    category = registration_category(edition.pk, category_code)
    if not staff_override:
        if category is None:
            check_window_fresh(edition.pk, now)  # a closed (or deleted) edition says so first
        else:
            check_window(category.edition, now)
    error = _category_error(category, staff_override)
    if error:
        raise error
    org = cache.cached(cache.ORGANIZATIONS, org_name.lower(), lambda: find_organization(org_name))

    # The whole transaction is retried on an IntegrityError (no savepoint round trips on the happy path):
    # either the partial unique index refused a second active registration with this e-mail, or the
    # random code collided (1 in 32^8 per existing code): then draw another code.
    # On PostgreSQL a registration confirmed at once (no approval step, a known organisation) is one statement
    # (`confirm_with_seat`); when the category is full, the rule decides in a transaction as everywhere else.
    at_once = connection.vendor == "postgresql" and not (category.requires_approval and not staff_override)
    for _attempt in range(5):
        fields["code"] = new_code()
        try:
            registration, found_full = None, False
            if at_once and org is not None:

                def build(status: str, org: Organization = org) -> Registration:
                    return Registration(
                        edition=edition,
                        category=category,
                        status=status,
                        organization=org,
                        consent_notice_id=category.notice_id,
                        **fields,
                    )

                # Inside a caller's transaction a savepoint keeps it usable after an IntegrityError.
                with transaction.atomic() if connection.in_atomic_block else nullcontext():
                    registration = confirm_with_seat(category, build)
                found_full = registration is None
            if registration is None:
                with transaction.atomic():
                    status = decide_status(category, staff_override=staff_override, found_full=found_full)
                    registration = insert_new(
                        Registration(
                            edition=edition,
                            category=category,
                            status=status,
                            organization=org or _create_organization(org_name),
                            consent_notice_id=category.notice_id,
                            **fields,
                        )
                    )
        except IntegrityError:
            if Registration.objects.filter(edition=edition, email=email, status__in=ACTIVE_STATUSES).exists():
                raise AlreadyRegistered(DUPLICATE_EMAIL, field="email")
            org = find_organization(org_name)  # (the cached organisation may have been deleted meanwhile)
            continue
        # A registration made a moment ago has no seat in any plan yet: no seats query for its e-mail.
        if mail_link:  # the caller (link_resend.register_by_mail) queues the link's e-mail
            return RegistrationResult(registration=registration, manage_token=None)
        transaction.on_commit(
            lambda reg=registration: send_confirmation(registration=reg, manage_token=token, seats=[])
        )
        return RegistrationResult(registration=registration, manage_token=token)
    raise Conflict(gettext("Could not allocate a registration code; please try again."))


def _category_error(category: Category | None, staff_override: bool) -> DomainError | None:
    if category is None or (not category.public and not staff_override):
        return InvalidInput(gettext("No such attendee category."), field="category")
    return None


def get_registration_by_token(token: str) -> Registration:
    if not token or len(token) > 100:
        raise NotFound(gettext("No registration for this link."))
    registration = (
        Registration.objects.select_related("edition", "category", "organization", "consent_notice")
        .filter(manage_token_hash=hash_secret(token), anonymized_at__isnull=True)
        .first()
    )
    if registration is None:
        raise NotFound(gettext("No registration for this link."))
    return registration


EDITABLE_FIELDS = ("name", "name_en", "organization", "title", "email", "phone", "language")


def update_registration(*, registration: Registration, changes: dict) -> Registration:
    """Edit through the manage link. A change of name reissues the ticket (old QR reads as revoked)."""
    if registration.status in (S.CANCELLED, S.REJECTED):
        raise Conflict(gettext("A cancelled or rejected registration cannot be changed."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))}.", field=sorted(unknown)[0])
    clean: dict = {}
    if "name" in changes:
        clean["name"] = clean_text(changes["name"], field="name", required=True)
    if "name_en" in changes:
        clean["name_en"] = clean_text(changes["name_en"], field="name_en")
    if "title" in changes:
        clean["title"] = clean_text(changes["title"], field="title")
    if "email" in changes:
        clean["email"] = clean_email(changes["email"])
    if "phone" in changes:
        clean["phone"] = clean_phone(changes["phone"])
    if "language" in changes:
        clean["language"] = clean_language(changes["language"])
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
                raise AlreadyRegistered(gettext("This e-mail address is already registered."), field="email")
        reissue = ("name" in clean and clean["name"] != reg.name) or (
            "name_en" in clean and clean["name_en"] != reg.name_en
        )
        hooks.note_changes(reg, {key: (getattr(reg, key), value) for key, value in clean.items()})
        for key, value in clean.items():
            setattr(reg, key, value)
        if reissue:
            reg.ticket_version += 1
        try:
            with transaction.atomic():
                reg.save()
        except IntegrityError:
            raise AlreadyRegistered(gettext("This e-mail address is already registered."), field="email")
    return reg


def reissue_ticket(*, registration: Registration) -> Registration:
    """Bump the ticket version: every earlier QR code for this registration now reads `unknown`."""
    with transaction.atomic():
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        reg.ticket_version += 1
        reg.save(update_fields=["ticket_version", "updated_at"])
    return reg


def cancel_registration(*, registration: Registration, by_staff: bool = False) -> Registration:
    """Cancel (by the attendee, or staff with `by_staff`); a freed seat goes to the first on the waiting
    list. The holder is told either way (their own cancellation confirmed, or staff's explained)."""
    with transaction.atomic():
        lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise Conflict(gettext("This registration is already cancelled."))
        hooks.note_changes(reg, {"status": (reg.status, S.CANCELLED)})
        set_status(reg, S.CANCELLED)
        kind = "cancelled_by_staff" if by_staff else "cancelled"
        transaction.on_commit(lambda: send_notice(registration_id=reg.pk, kind=kind))
    return reg


def approve_registration(*, registration: Registration) -> Registration:
    """Approve a pending registration: the registration rule as staff apply it (confirmed when a seat is
    free, else waitlisted, or 409 when the category has no waiting list)."""
    with transaction.atomic():
        category = lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status != S.PENDING:
            raise Conflict(f"Only pending registrations can be approved; this one is {reg.status}.")
        decided = decide_status(category, staff_override=True)
        hooks.note_changes(reg, {"status": (reg.status, decided)})
        set_status(reg, decided)
        transaction.on_commit(lambda: send_confirmation(registration_id=reg.pk))
    return reg


def reject_registration(*, registration: Registration) -> Registration:
    with transaction.atomic():
        lock_category(registration.category_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise Conflict(f"This registration is already {reg.status}.")
        hooks.note_changes(reg, {"status": (reg.status, S.REJECTED)})
        set_status(reg, S.REJECTED)
        transaction.on_commit(lambda: send_confirmation(registration_id=reg.pk))
    return reg


def update_category(*, category: Category, changes: dict) -> Category:
    """Change capacity, approval or waiting list; raising the capacity promotes the waiting list."""
    with transaction.atomic():
        cat = lock_category(category.pk)
        before = {key: getattr(cat, key) for key in ("capacity", "requires_approval", "waitlist")}
        if "capacity" in changes:
            capacity = changes["capacity"]
            if capacity is not None and (not isinstance(capacity, int) or capacity < 0):
                raise InvalidInput(
                    gettext("Capacity must be a whole number of at least 0, or empty for no limit."),
                    field="capacity",
                )
            taken = cat.confirmed_count
            if capacity is not None and capacity < taken:
                raise Conflict(
                    gettext("%(taken)d people are already confirmed; capacity cannot go below that.")
                    % {"taken": taken},
                    field="capacity",
                )
            cat.capacity = capacity
        for flag in ("requires_approval", "waitlist"):
            if flag in changes:
                if not isinstance(changes[flag], bool):
                    raise InvalidInput(
                        gettext("%(flag)s must be true or false.") % {"flag": flag}, field=flag
                    )
                setattr(cat, flag, changes[flag])
        cat.save(update_fields=["capacity", "requires_approval", "waitlist"])
        hooks.note_changes(cat, {key: (old, getattr(cat, key)) for key, old in before.items()})
        promote_waitlist(cat.pk)
    return cat
