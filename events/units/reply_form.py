"""The reply form (回执): the sections an edition asks, and a person's answers."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from .. import dates, hooks
from ..enums import RegistrationStatus as S
from ..exceptions import Conflict, InvalidInput
from ..models import Edition, Registration
from ..registration import fields
from .models import REPLY_SECTIONS, ReplyForm

# --- the reply form ---------------------------------------------------------------------------------

SECTION_FIELDS = {
    "arrival": ("arrival_date", "arrival_time", "arrival_number", "arrival_place"),
    "departure": ("departure_date", "departure_time", "departure_number", "departure_place"),
    "hotel": ("hotel_needed", "room_type", "sharing", "share_with", "gender", "accompanies"),
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

    model_field = ReplyForm._meta.get_field(name)
    if value in (None, ""):
        return None if model_field.null else ""
    kind = model_field.get_internal_type()
    try:
        if kind == "DateField":
            value = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            return dates.check_date(value, name)
        if kind == "TimeField":
            value = value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
            if value.tzinfo is not None:  # a local time at the station: a time zone is not asked for
                raise ValueError
            return value
    except ValueError:
        raise InvalidInput(gettext("Use a date like 2023-06-27 and a time like 14:30."), field=name)
    if kind == "BooleanField":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "on", "是"):
            return True
        if text in ("false", "0", "no", "off", "否"):
            return False
        raise InvalidInput(gettext("Answer yes or no."), field=name)
    text = fields.clean_text(str(value), field=name, max_length=model_field.max_length)
    if model_field.choices and text not in {c for c, _ in model_field.choices}:
        raise InvalidInput(gettext("Choose one of the offered options."), field=name)
    return text


def _leader(registration_obj: Registration, code: str) -> str:
    """The registration code of the leader one accompanies: someone else of the same edition."""
    code = code.strip().upper()
    known = Registration.objects.filter(edition_id=registration_obj.edition_id, code=code).exclude(
        pk=registration_obj.pk
    )
    if not known.exists():
        raise InvalidInput(gettext("No registration with that code."), field="accompanies")
    return code


def save_reply(*, registration_obj: Registration, data: dict, listen: bool = True) -> ReplyForm:
    """Save the reply form (回执) of a confirmed registration: only the fields its edition asks. The reply
    listeners hear which fields changed (`listen` False: the caller re-plans itself)."""
    if registration_obj.status != S.CONFIRMED:
        raise Conflict(
            gettext("The reply form opens once the registration is confirmed."),
        )
    asked = set(asked_fields(registration_obj.edition))
    unknown = sorted(set(data) - asked)
    if unknown:
        raise InvalidInput(
            gettext("This edition does not ask for %(0)s.") % {"0": unknown[0]}, field=unknown[0]
        )
    clean = {name: _reply_value(name, value) for name, value in data.items()}
    if clean.get("accompanies"):
        clean["accompanies"] = _leader(registration_obj, clean["accompanies"])
    if clean.get("hotel_needed") is False:
        clean.update(room_type="", sharing=None, share_with="")
    if clean.get("sharing") is False:
        clean["share_with"] = ""
    with transaction.atomic():
        before = ReplyForm.objects.filter(registration=registration_obj).values(*clean).first() or {}
        reply, _ = ReplyForm.objects.update_or_create(registration=registration_obj, defaults=clean)
        changed = {name for name, value in clean.items() if before.get(name) != value}
        if changed and listen:  # reception re-plans a changed leg's pickup run (events.hooks)
            hooks.reply_saved(registration_obj, changed)
    return reply
