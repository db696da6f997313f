"""Every write of units: units and their links, adding people within the quota and substitution (换人).
The XLSX import of people is people_import.py, the organiser's list of units units_import.py, the reply
form (回执) reply_form.py.

Registration itself is `events.registration.services.register_attendee` (its window, category, capacity and approval
rules); this module adds only the unit's rules: the quota per category, decided while holding the unit's
row (SELECT ... FOR UPDATE on PostgreSQL; SQLite transactions are IMMEDIATE, so writers are serialised),
so that however many uploads and additions race, a unit never has more active people in a category than
its quota.
"""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..auth import hash_secret
from ..enums import ACTIVE_STATUSES, Language
from ..enums import RegistrationStatus as S
from ..exceptions import AlreadyRegistered, Conflict, InvalidInput, NotFound
from ..language import is_en, localized
from ..limits import max_len
from ..models import Category, Edition, Registration
from ..registration import fields, seats
from ..registration import links as registration_links
from ..registration import mail as registration_mail
from ..registration import services as registration
from ..registration.notices import send_notice
from .links import get_unit_by_token, new_unit_link, new_unit_token, seal, send_unit_link, unit_url  # noqa: F401
from .models import ConsentAttestation, Substitution, Unit, UnitQuota

MAX_QUOTA = 10_000
# Mainland mobile numbers (11 digits from 1[3-9]), optionally with +86; or an international number in
# E.164 form (+ and 7 to 15 digits). Spaces and hyphens are ignored.
MOBILE_RE = re.compile(r"^(?:(?:\+?86)?1[3-9]\d{9}|\+(?!86)[1-9]\d{6,14})$")


def clean_mobile(value, *, required: bool = True) -> str:
    """A mobile number as typed in a form or a spreadsheet cell (a number cell arrives as an int)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s\-]", "", str(value if value is not None else "")).strip()
    if not text:
        if required:
            raise InvalidInput(_("A mobile number is required."), field="phone")
        return ""
    if not MOBILE_RE.match(text):
        raise InvalidInput(
            _("This is not a valid mobile number (11 digits, e.g. 13812345678, or +country code)."),
            field="phone",
        )
    return text


def clean_language(value) -> str:
    text = str(value or "").strip().lower()
    if text in ("", "中文", "zh", "zh-hans", "chinese"):
        return Language.ZH
    if text in ("en", "english", "英文"):
        return Language.EN
    return text


# --- units ------------------------------------------------------------------------------------------


def _clean_quotas(edition: Edition, quotas) -> dict[Category, int]:
    if not isinstance(quotas, dict) or not quotas:
        raise InvalidInput(_('Give at least one quota, e.g. {"delegate": 5}.'), field="quotas")
    categories = {c.code: c for c in Category.objects.filter(edition=edition)}
    clean = {}
    for code, n in quotas.items():
        category = categories.get(code)
        if category is None:
            raise InvalidInput(_("No category '%(code)s' in this edition.") % {"code": code}, field="quotas")
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_QUOTA:
            raise InvalidInput(
                _("A quota is a whole number from 0 to %(MAX_QUOTA)s.") % {"MAX_QUOTA": MAX_QUOTA},
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
    contact_name = fields.clean_text(
        contact_name, field="contact_name", max_length=max_len(Unit, "contact_name")
    )
    contact_email = fields.clean_email(contact_email) if (contact_email or "").strip() else ""
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
                link_sealed=seal(token),
            )
            UnitQuota.objects.bulk_create(
                [UnitQuota(unit=unit, category=c, quota=n) for c, n in clean_quotas.items()]
            )
    except IntegrityError:
        raise Conflict(
            _("%(name)s is already a unit of this edition.") % {"name": org.name}, field="organization"
        )
    return unit, token


def set_quotas(*, unit: Unit, quotas: dict) -> Unit:
    """Change a unit's quotas; a quota cannot go below the people the unit already has in that category."""
    clean = _clean_quotas(unit.edition, quotas)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        used = used_by_unit(unit)
        for category, n in clean.items():
            if n < used.get(category.pk, 0):
                raise Conflict(
                    _("%(name)s already has %(value)s in %(code)s.")
                    % {
                        "name": unit.organization.name,
                        "value": used[category.pk],
                        "code": category.code if is_en() else category.name,
                    },
                    field="quotas",
                )
            UnitQuota.objects.update_or_create(unit=unit, category=category, defaults={"quota": n})
    return unit


def update_unit(
    *, unit: Unit, quotas: dict, contact_name: str = "", contact_email: str = "", contact_phone: str = ""
) -> Unit:
    """Edit a unit in place (the staff units page): its contact and its quotas, all or nothing."""
    contact = {
        "contact_name": fields.clean_text(
            contact_name, field="contact_name", max_length=max_len(Unit, "contact_name")
        ),
        "contact_email": fields.clean_email(contact_email) if (contact_email or "").strip() else "",
        "contact_phone": clean_mobile(contact_phone, required=False) if contact_phone else "",
    }
    with transaction.atomic():
        unit = set_quotas(unit=unit, quotas=quotas)
        Unit.objects.filter(pk=unit.pk).update(**contact)
    return unit


def used_by_unit(unit: Unit) -> dict[int, int]:
    """Active people (pending, confirmed, waitlisted) per category id."""
    used: dict[int, int] = {}
    for category_id in Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).values_list(
        "category_id", flat=True
    ):
        used[category_id] = used.get(category_id, 0) + 1
    return used


def unit_quotas(unit: Unit) -> dict[int, int]:
    return dict(UnitQuota.objects.filter(unit=unit).values_list("category_id", "quota"))


def over_quota(category: Category) -> str:
    return _("Over your unit's quota for %(value)s.") % {
        "value": localized(category),
    }


def lock_unit(unit: Unit) -> Unit:
    # Every quota decision holds the unit's row until its transaction ends.
    return Unit.objects.select_for_update().select_related("edition", "organization").get(pk=unit.pk)


# --- people -----------------------------------------------------------------------------------------

PERSON_FIELDS = ("category", "name", "name_en", "title", "phone", "email", "language")


def _clean_person(data: dict) -> dict:
    """The unit's rules on a person's fields (the registration service checks the rest again)."""
    return {
        "category": fields.clean_text(
            data.get("category"), field="category", required=True, max_length=max_len(Category, "code")
        ),
        **fields.clean_person(data),
        "phone": clean_mobile(data.get("phone")),
        "language": fields.clean_language(clean_language(data.get("language"))),
    }


def register_in_unit(unit: Unit, person: dict, *, via: str) -> registration.RegistrationResult:
    """Register one person for the (locked) unit through the registration service. The unit's contact
    attested the person's consent (`via` the form, the API or the import): recorded with who and when."""
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
        consent=True,  # attested by the unit's contact, recorded below
        # The organiser invited the unit and granted its quota: no second approval, and a category not
        # offered on the public form (guests) may be given to a unit. Capacity still holds.
        staff_override=True,
    )
    Registration.objects.filter(pk=result.registration.pk).update(unit=unit)
    result.registration.unit = unit
    attest_consent(unit, result.registration, via=via)
    return result


def attest_consent(unit: Unit, person: Registration, *, via: str) -> ConsentAttestation:
    """The unit's contact said this person agreed to the privacy notice: who (the unit, its contact now),
    how and when. The person is shown the notice on their own link's first visit."""
    return ConsentAttestation.objects.create(
        registration=person, unit=unit, contact_name=unit.contact_name, via=via
    )


def notice_on_first_visit(person: Registration):
    """The privacy notice a person registered by their unit is shown the first time they open their own
    link (they did not tick it themselves): the notice once, then None. One UPDATE, no read."""
    shown = ConsentAttestation.objects.filter(registration=person, notice_shown_at__isnull=True).update(
        notice_shown_at=timezone.now()
    )
    return person.consent_notice if shown else None


def require_attested_consent(consent) -> None:
    if consent is not True:
        raise InvalidInput(_("Confirm that this person agreed to the privacy notice."), field="consent")


def add_person(
    *, unit: Unit, data: dict, consent: bool, via: str = "form"
) -> registration.RegistrationResult:
    """Add one person to the unit's delegation: 409 (CategoryFull) beyond the unit's quota for the
    category, else as the registration service decides. The person gets their own manage link by e-mail.
    `consent`: the contact attests that the person agreed to the privacy notice (422 without it)."""
    require_attested_consent(consent)
    person = _clean_person(data)
    with transaction.atomic():
        unit = lock_unit(unit)
        category = Category.objects.filter(edition=unit.edition, code=person["category"]).first()
        if category is None:
            raise InvalidInput(_("No such attendee category."), field="category")
        if used_by_unit(unit).get(category.pk, 0) >= unit_quotas(unit).get(category.pk, 0):
            raise Conflict(over_quota(category), field="category")
        return register_in_unit(unit, person, via=via)


# --- substitution -----------------------------------------------------------------------------------


def substitute_person(*, unit: Unit, code: str, data: dict, consent: bool) -> registration.RegistrationResult:
    """换人: the person `code` of the unit is replaced by a new person on the same seat (category, unit,
    status). The old registration is cancelled and its ticket version bumped, so its QR reads `unknown`
    (revoked) at the door; the new person gets their own manage link and ticket (e-mailed); the change is
    logged (Substitution). The seat changes hands inside one transaction holding the category row: one
    confirmed registration leaves (seats.set_status with `seat_passes_on`) and one enters, so the category's
    seat counter is unchanged and the waiting list is not promoted. `consent`: the contact attests that the new person agreed (422 without it)."""
    require_attested_consent(consent)
    person = _clean_person({**data, "category": "-"})
    with transaction.atomic():
        unit = lock_unit(unit)
        old = (
            Registration.objects.select_for_update()
            .select_related("category")
            .filter(unit=unit, code=(code or "").upper())
            .first()
        )
        if old is None:
            raise NotFound(_("No such person in this unit."))
        if old.status not in ACTIVE_STATUSES:
            raise Conflict(_("This person's registration is cancelled; add someone instead."))
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
                _("This e-mail address is already registered for this edition."),
                field="email",
            )
        now = timezone.now()
        status = old.status
        old.ticket_version += 1  # its QR reads `unknown` (revoked) at the door
        seats.set_status(old, S.CANCELLED, seat_passes_on=True, also=("ticket_version",))
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
            raise Conflict(_("Could not allocate a registration code; please try again."))
        Substitution.objects.create(unit=unit, old=old, new=new, old_name=old.name, new_name=new.name)
        attest_consent(unit, new, via=ConsentAttestation.Via.SUBSTITUTION)
        transaction.on_commit(
            lambda: registration_mail.send_confirmation(registration=new, manage_token=token)
        )
        transaction.on_commit(
            lambda: send_notice(registration_id=old.pk, kind="replaced", replaced_by=new.name)
        )
    return registration.RegistrationResult(registration=new, manage_token=token)
