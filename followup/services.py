"""Every write of the follow-up: the bureau's fields of a followed project, the append-only updates (with
their evidence) and the project's state they give."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.exceptions import InvalidInput
from events.models import Organization
from events.units.services import clean_mobile

from . import evidence, periods, selectors
from .enums import STAGE_ORDER, Blocker, ContractKind, Stage
from .models import FollowedProject, ProjectUpdate

EDITABLE = (
    "contract_kind",
    "sector",
    "investment_total",
    "signed_on",
    "start_due_on",
    "finish_due_on",
    "responsible_unit",
    "liaison_name",
    "liaison_mobile",
    "liaison_email",
    "converted_on",
)
MAX_AMOUNT = Decimal("999999999999.99")


def amount(value, field: str, *, required: bool = False) -> Decimal | None:
    """A sum in 万元: a decimal string or number, at least 0, two places at most."""
    if value is None or value == "":
        if required:
            raise InvalidInput(_("This field is required."), field=field)
        return None
    if isinstance(value, bool):
        raise InvalidInput(_("Give an amount in 万元, e.g. 1200.50."), field=field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput(_("Give an amount in 万元, e.g. 1200.50."), field=field) from None
    if not number.is_finite() or number.as_tuple().exponent < -2:
        raise InvalidInput(_("Give an amount in 万元, e.g. 1200.50."), field=field)
    if number < 0:
        raise InvalidInput(_("An amount cannot be negative."), field=field)
    if number > MAX_AMOUNT:
        raise InvalidInput(_("This amount is too large."), field=field)
    return number


def _date(value, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(_("Give a date as YYYY-MM-DD."), field=field) from None


def _text(value, field: str, limit: int) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise InvalidInput(_("At most %(n)d characters.") % {"n": limit}, field=field)
    return text


@transaction.atomic
def update_follow(followed: FollowedProject, changes: dict) -> FollowedProject:
    """PATCH the bureau's fields (never the ceremony's, never the stage or funds: those come from updates)."""
    for key in changes:
        if key not in EDITABLE:
            raise InvalidInput(_("This field cannot be changed here."), field=key)
    for key, value in changes.items():
        if key == "contract_kind":
            if value not in ContractKind.values:
                raise InvalidInput(_("Choose contract or agreement."), field=key)
            followed.contract_kind = value
        elif key == "investment_total":
            followed.investment_total = amount(value, key, required=True)
        elif key in ("signed_on", "start_due_on", "finish_due_on", "converted_on"):
            day = _date(value, key)
            if key == "signed_on" and day is None:
                raise InvalidInput(_("This field is required."), field=key)
            setattr(followed, key, day)
        elif key == "responsible_unit":
            followed.responsible_unit = _organization(value)
        elif key == "liaison_mobile":
            followed.liaison_mobile = clean_mobile(value, required=False) if value else ""
        elif key == "liaison_email":
            followed.liaison_email = _email(value)
        else:
            limit = FollowedProject._meta.get_field(key).max_length
            setattr(followed, key, _text(value, key, limit))
    if followed.finish_due_on and followed.finish_due_on < followed.signed_on:
        raise InvalidInput(_("The finish date is before the signing date."), field="finish_due_on")
    if followed.converted_on and followed.contract_kind != ContractKind.AGREEMENT:
        raise InvalidInput(_("Only an agreement turns into a contract."), field="converted_on")
    followed.save()
    return followed


def _email(value) -> str:

    text = str(value or "").strip()
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise InvalidInput(_("Enter a valid e-mail address."), field="liaison_email") from None
    return text


def _organization(value) -> Organization | None:
    if value in (None, ""):
        return None
    if isinstance(value, int) or str(value).isdigit():
        org = Organization.objects.filter(pk=int(value)).first()
    else:
        name = _text(value, "responsible_unit", 200)
        org, _created = Organization.objects.get_or_create(name=name)
    if org is None:
        raise InvalidInput(_("No such organisation."), field="responsible_unit")
    return org


def clean_update(followed: FollowedProject, data: dict, *, today: dt.date) -> dict:
    """The checked fields of a new update: 422 naming the field for a period not a month or quarter or
    not begun, an unknown stage, an earlier stage than the current one without `corrects`, negative funds,
    an unknown blocker, a correction of another project's update, or a termination without a reason."""
    period = periods.clean(data.get("period"), today=today)
    stage = str(data.get("stage") or "").strip()
    if stage and stage not in Stage.values:
        raise InvalidInput(_("Unknown stage."), field="stage")
    corrects = None
    if data.get("corrects") not in (None, ""):
        try:
            wanted = int(data["corrects"])
        except (TypeError, ValueError, OverflowError):
            wanted = 0
        corrects = followed.updates.filter(pk=wanted).first() if 0 < wanted < 2**63 else None
        if corrects is None:
            raise InvalidInput(_("No such update of this project."), field="corrects")
    if stage and corrects is None and _earlier(stage, followed.stage):
        raise InvalidInput(
            _("This stage is earlier than the current one; send it as a correction (corrects)."),
            field="stage",
        )
    blockers = data.get("blockers") or []
    if isinstance(blockers, str):
        blockers = [b for b in blockers.replace(",", " ").split() if b]
    if not isinstance(blockers, list) or any(b not in Blocker.values for b in blockers):
        raise InvalidInput(_("Blockers are land, eia, financing, approval or other."), field="blockers")
    note = _text(data.get("note"), "note", 2000)
    if stage == Stage.TERMINATED and not note:
        raise InvalidInput(_("Say why the project was terminated."), field="note")
    return {
        "period": period,
        "stage": stage,
        "funds_added": amount(data.get("funds_added"), "funds_added"),
        "blockers": sorted(set(blockers), key=Blocker.values.index),
        "note": note,
        "corrects": corrects,
    }


def _earlier(new: str, current: str) -> bool:
    if new == Stage.TERMINATED:
        return False
    if current == Stage.TERMINATED:
        return True
    return STAGE_ORDER[new] < STAGE_ORDER[current]


def record_update(
    followed: FollowedProject, data: dict, files=(), *, user=None, link=None, name: str = "", at=None
) -> ProjectUpdate:
    """Append an update (checked whole first, files included: nothing is written on a 422) and bring the
    project's stage, funds in and last period up to date from its updates."""
    now = at or timezone.now()
    fields = clean_update(followed, data, today=timezone.localdate(now))
    files = evidence.read(list(files))
    with transaction.atomic():
        update = ProjectUpdate.objects.create(
            project=followed,
            recorded_by=user if user is not None and user.is_authenticated else None,
            return_link=link,
            recorded_name=name or (user.get_username() if user is not None else ""),
            recorded_at=now,
            **fields,
        )
        evidence.save(update, files)
        refresh_state(followed)
    return update


def refresh_state(followed: FollowedProject) -> None:
    """Write the project's current stage, funds in and last period, as selectors.with_state reads them."""
    state = selectors.with_state(FollowedProject.objects.filter(pk=followed.pk), None).values(
        "at_stage", "at_funds", "at_period"
    )[0]
    followed.stage = state["at_stage"]
    followed.funds_in = state["at_funds"]
    followed.last_period = state["at_period"]
    if followed.stage == Stage.TERMINATED:
        latest = followed.updates.filter(stage=Stage.TERMINATED).order_by("-recorded_at", "-id").first()
        followed.terminated_reason = latest.note if latest else followed.terminated_reason
    else:
        followed.terminated_reason = ""
    FollowedProject.objects.filter(pk=followed.pk).update(
        stage=followed.stage,
        funds_in=followed.funds_in,
        last_period=followed.last_period,
        terminated_reason=followed.terminated_reason,
        updated_at=timezone.now(),
    )
