"""Every write of the signing app: projects (parties, witnesses, stage order) and awards (issue, revoke)."""

import datetime as dt
import re
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from events import dates
from events.exceptions import Conflict, InvalidInput
from events.limits import max_len
from events.models import Edition, Organization
from events.registration.services import get_or_create_organization

from . import crypto, status
from .enums import Currency, ProjectStatus
from .models import Award, AwardTitle, SigningParty, SigningProject, Witness
from .money import parse_amount

ROLES = "ABCDEFGHIJ"
PROJECT_FIELDS = ("name", "name_en", "sector", "sector_en", "currency", "status", "notes")


def _text(value, model, name: str, *, field: str | None = None, required: bool = False) -> str:
    """The text with its spaces tidied; refused when required and empty, or longer than the model's field
    `name` allows. `field` names it in the error (default: `name`)."""
    field = field or name
    max_length = max_len(model, name)
    text = " ".join(str(value or "").split())
    if required and not text:
        raise InvalidInput(gettext("%(field)s is required.") % {"field": field}, field=field)
    if len(text) > max_length:
        raise InvalidInput(
            gettext("%(field)s: at most %(max_length)s characters.")
            % {"field": field, "max_length": max_length},
            field=field,
        )
    return text


def _clean_project(data: dict) -> dict:
    clean = {}
    if "name" in data:
        clean["name"] = _text(data["name"], SigningProject, "name", required=True)
    if "name_en" in data:
        clean["name_en"] = _text(data["name_en"], SigningProject, "name_en")
    for field in ("sector", "sector_en"):
        if field in data:
            clean[field] = _text(data[field], SigningProject, field)
    if "notes" in data:
        clean["notes"] = str(data["notes"] or "").strip()
    if "currency" in data:
        currency = str(data["currency"] or "CNY").strip().upper()
        if currency not in Currency.values:
            raise InvalidInput(
                gettext("currency must be one of %(value)s.") % {"value": ", ".join(Currency.values)},
                field="currency",
            )
        clean["currency"] = currency
    if "status" in data:
        status = str(data["status"] or ProjectStatus.PLANNED)
        if status not in ProjectStatus.values:
            raise InvalidInput(
                gettext("status must be one of %(value)s.") % {"value": ", ".join(ProjectStatus.values)},
                field="status",
            )
        clean["status"] = status
    if "amount" in data:
        clean["amount"] = parse_amount(data["amount"], unit=str(data.get("amount_unit") or "yuan"))
    return clean


def _clean_parties(parties) -> list[dict]:
    if parties is None:
        return []
    if not isinstance(parties, list | tuple):
        raise InvalidInput(gettext("parties must be a list."), field="parties")
    clean, seen = [], set()
    for i, party in enumerate(parties):
        party = dict(party or {})
        role = str(party.get("role") or (ROLES[i] if i < len(ROLES) else "")).strip().upper()
        if len(role) != 1 or role not in ROLES:
            raise InvalidInput(
                gettext("parties[%(i)s].role must be a letter A to J.") % {"i": i},
                field=f"parties[{i}].role",
            )
        if role in seen:
            raise InvalidInput(
                gettext("role %(role)s appears twice.") % {"role": role}, field=f"parties[{i}].role"
            )
        seen.add(role)
        org_name = " ".join(str(party.get("organization") or "").split())
        if not org_name:
            raise InvalidInput(
                gettext("party %(role)s has no organisation.") % {"role": role},
                field=f"parties[{i}].organization",
            )
        clean.append(
            {
                "role": role,
                "organization": org_name,
                "signatory": _text(
                    party.get("signatory"), SigningParty, "signatory", field=f"parties[{i}].signatory"
                ),
                "signatory_en": _text(
                    party.get("signatory_en"),
                    SigningParty,
                    "signatory_en",
                    field=f"parties[{i}].signatory_en",
                ),
                "signatory_title": _text(
                    party.get("signatory_title"),
                    SigningParty,
                    "signatory_title",
                    field=f"parties[{i}].signatory_title",
                ),
            }
        )
    return clean


def _clean_witnesses(witnesses) -> list[dict]:
    if witnesses is None:
        return []
    if not isinstance(witnesses, list | tuple):
        raise InvalidInput(gettext("witnesses must be a list."), field="witnesses")
    clean = []
    for i, witness in enumerate(witnesses):
        witness = dict(witness or {})
        clean.append(
            {
                "name": _text(
                    witness.get("name"), Witness, "name", field=f"witnesses[{i}].name", required=True
                ),
                "name_en": _text(witness.get("name_en"), Witness, "name_en", field=f"witnesses[{i}].name_en"),
                "title": _text(witness.get("title"), Witness, "title", field=f"witnesses[{i}].title"),
            }
        )
    return clean


def _save_people(project: SigningProject, parties: list[dict] | None, witnesses: list[dict] | None) -> None:
    if parties is not None:
        project.parties.all().delete()
        for party in parties:
            org = get_or_create_organization(party.pop("organization"))
            SigningParty.objects.create(project=project, organization=org, **party)
    if witnesses is not None:
        project.witnesses.all().delete()
        for order, witness in enumerate(witnesses, start=1):
            Witness.objects.create(project=project, order=order, **witness)


def _place(project: SigningProject, position: int | None) -> None:
    """Put `project` at stage position `position` (1-based; None: last) and number the rest 1..n."""
    others = list(
        SigningProject.objects.filter(edition=project.edition).exclude(pk=project.pk).order_by("order", "id")
    )
    index = len(others) if position is None else max(0, min(int(position) - 1, len(others)))
    others.insert(index, project)
    changed = []
    for number, item in enumerate(others, start=1):
        if item.order != number:
            item.order = number
            changed.append(item)
    SigningProject.objects.bulk_update(changed, ["order"])


def _clean_order(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        order = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(gettext("order must be a whole number from 1."), field="order")
    if order < 1:
        raise InvalidInput(gettext("order must be a whole number from 1."), field="order")
    return order


@transaction.atomic
def create_project(
    *,
    edition: Edition,
    name: str,
    order=None,
    parties=None,
    witnesses=None,
    is_example: bool = False,
    **fields,
) -> SigningProject:
    """Add a signing project to an edition at stage position `order` (default: last); the others move down."""
    data = _clean_project({"name": name, **fields})
    position = _clean_order(order)
    clean_parties = _clean_parties(parties)
    clean_witnesses = _clean_witnesses(witnesses)
    Edition.objects.select_for_update().filter(pk=edition.pk).first()  # serialise stage numbering
    top = SigningProject.objects.filter(edition=edition).aggregate(m=Max("order"))["m"] or 0
    project = SigningProject.objects.create(edition=edition, order=top + 1, is_example=is_example, **data)
    _save_people(project, clean_parties, clean_witnesses)
    _place(project, position)
    project.refresh_from_db()
    return project


@transaction.atomic
def update_project(*, project: SigningProject, changes: dict) -> SigningProject:
    """Edit a project; `parties` or `witnesses`, when given, replace the lists; `order` moves it on stage."""
    changes = dict(changes)
    parties = _clean_parties(changes.pop("parties")) if "parties" in changes else None
    witnesses = _clean_witnesses(changes.pop("witnesses")) if "witnesses" in changes else None
    move = "order" in changes
    position = _clean_order(changes.pop("order", None))
    data = _clean_project(changes)
    for key, value in data.items():
        setattr(project, key, value)
    project.save()
    _save_people(project, parties, witnesses)
    if move:
        _place(project, position)
        project.refresh_from_db()
    return project


@transaction.atomic
def delete_project(*, project: SigningProject) -> None:
    """Remove a project; those after it move up one place."""
    edition = project.edition
    project.delete()
    changed = []
    for number, item in enumerate(SigningProject.objects.filter(edition=edition).order_by("order", "id"), 1):
        if item.order != number:
            item.order = number
            changed.append(item)
    SigningProject.objects.bulk_update(changed, ["order"])


@transaction.atomic
def reorder_projects(*, edition: Edition, ids: list[int]) -> list[SigningProject]:
    """Set the stage order: `ids` lists every project of the edition exactly once, first on stage first."""
    projects = {p.pk: p for p in SigningProject.objects.select_for_update().filter(edition=edition)}
    if sorted(ids) != sorted(projects) or len(set(ids)) != len(ids):
        missing = sorted(set(projects) - set(ids))
        unknown = sorted(set(ids) - set(projects))
        raise InvalidInput(
            gettext(
                "ids must list every project of the edition exactly once (missing %(missing)s, unknown %(unknown)s)."
            )
            % {"missing": missing, "unknown": unknown},
            field="ids",
        )
    for number, pk in enumerate(ids, start=1):
        projects[pk].order = number
    SigningProject.objects.bulk_update(list(projects.values()), ["order"])
    return sorted(projects.values(), key=lambda p: p.order)


# --- award titles and awards ---------------------------------------------------------------------------

SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U to misread


def _new_serial(year: int) -> str:
    body = "".join(secrets.choice(SERIAL_ALPHABET) for _ in range(8))
    return f"{year}-{body[:4]}-{body[4:]}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def edition_batch(title: AwardTitle, edition: Edition | None, issued: dt.date) -> str:
    """The title's batch for an award issued now: a batch that names the year of an earlier edition where
    the title was awarded ("2023年" at dazu-2023) is last year's; an award of a later year gets its own."""
    match = re.search(r"(?:19|20)\d{2}", title.batch)
    year = edition.starts_on.year if edition else issued.year
    if not match or int(match.group()) >= year:
        return title.batch
    earlier = Award.objects.filter(title=title, edition__starts_on__year=int(match.group())).exists()
    return title.batch.replace(match.group(), str(year), 1) if earlier else title.batch


@transaction.atomic
def issue_award(
    *,
    title: str,
    recipient: str | Organization,
    edition: Edition | None = None,
    issued_on=None,
    valid_until=None,
    document_number: str = "",
    is_example: bool = False,
    batch: str | None = None,
) -> Award:
    """Award the title with code `title` to an organisation, with a fresh serial, signed by the issuer key."""
    definition = AwardTitle.objects.filter(code=str(title or "").strip()).first()
    if definition is None:
        known = ", ".join(AwardTitle.objects.values_list("code", flat=True)[:20])
        raise InvalidInput(
            gettext("no award title with code '%(title)s' (known: %(known)s).")
            % {"title": title, "known": known},
            field="title",
        )
    org = recipient if isinstance(recipient, Organization) else get_or_create_organization(recipient or "")
    issued = dates.parse_date(issued_on, "issued_on") or (
        edition.starts_on if edition else timezone.localdate()
    )
    until = dates.parse_date(valid_until, "valid_until")
    if until is None and definition.validity_years:
        until = _add_years(issued, definition.validity_years) - dt.timedelta(days=1)
    if until and until < issued:
        raise InvalidInput(gettext("valid_until is before issued_on."), field="valid_until")
    existing = Award.objects.filter(
        title=definition, recipient=org, edition=edition, revoked_at__isnull=True
    ).first()
    if existing:
        raise Conflict(
            gettext("%(name)s already holds this title (serial %(serial)s).")
            % {"name": org.name, "serial": existing.serial},
            field="recipient",
            extra={"serial": existing.serial},
        )
    batch = _text(batch, Award, "batch") if batch is not None else edition_batch(definition, edition, issued)
    key = crypto.issuer_key()
    for _ in range(5):
        status_list, status_index = status.new_entry()
        award = Award(
            title=definition,
            recipient=org,
            edition=edition,
            serial=_new_serial(issued.year),
            issued_on=issued,
            valid_until=until,
            document_number=_text(document_number, Award, "document_number"),
            batch=batch,
            key=key,
            is_example=is_example,
            status_list=status_list,
            status_index=status_index,
        )
        award.signature = crypto.sign_award(award, key)
        try:
            with transaction.atomic():
                award.save()
            return award
        except IntegrityError:  # pragma: no cover - a serial or status entry drawn twice at once; draw again
            continue
    raise Conflict("Could not draw a unique serial; try again.")  # pragma: no cover


@transaction.atomic
def revoke_award(*, award: Award, reason: str) -> Award:
    """Revoke an award with a reason; the public record then reads `revoked`. Twice is a conflict."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise InvalidInput(gettext("a reason is required to revoke an award."), field="reason")
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.revoked_at:
        raise Conflict(
            gettext("this award was already revoked on %(when)s.")
            % {"when": f"{timezone.localtime(award.revoked_at):%Y-%m-%d %H:%M}"},
            field="serial",
        )
    award.revoked_at = timezone.now()
    award.revoked_reason = reason[:2000]
    award.save(update_fields=["revoked_at", "revoked_reason"])
    return award
