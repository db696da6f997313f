"""Hand-overs at the door (物资/餐券发放): a check-in point hands items (资料袋, 午餐券, a room card) to the
categories or people it names; the check-in verdict lists them (`handover`), staff confirm each one with a tap,
and the unique (registration, item) row refuses a second hand-out of the same item, on every database.

The rule of who gets what is `config.ItemRule.due_to`; the list a verdict carries is `scanning.handover_list`.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import InvalidInput
from ..language import localized
from ..models import Handover
from ..statements import insert_ignoring_conflict
from . import config, scanning

HANDED = "handed_over"
ALREADY = "already_handed_over"
NOT_DUE = "not_due"


def _item(rule: config.PointRule, code: str) -> config.ItemRule:
    for item in rule.items:
        if item.code == code:
            return item
    raise InvalidInput(
        _("No hand-over item '%(code)s' at %(point)s.") % {"code": code, "point": localized(rule)},
        field="item",
    )


def _hhmm(at: dt.datetime, tz: str) -> str:
    return at.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def hand_over(
    *,
    slug: str,
    token,
    item: str,
    point: str | None = None,
    nonce: str | None = None,
    user=None,
    device: str = "",
    handed_at: dt.datetime | None = None,
) -> dict:
    """Record that `item` was handed to the ticket's holder at `point` (staff confirmed it); the answer.

    `result` is `handed_over`, or a refusal with a `message`: `already_handed_over` (with the first
    `handed_at`), `not_due` (the item is not for this person), or the check-in verdict that bars the ticket
    here (`unknown`, `cancelled`, ...). A retry with the same nonce answers `handed_over` again and writes
    nothing. Admitted answers carry the person's `handover` list as it now stands.
    """
    cfg = config.edition_config(slug)
    rule = cfg.point(point)
    spec = _item(rule, item)
    if nonce is not None and (not nonce or len(nonce) > scanning.MAX_NONCE_LENGTH):
        raise InvalidInput(f"nonce: 1 to {scanning.MAX_NONCE_LENGTH} characters.", field="nonce")
    at = scanning.scan_time(handed_at, timezone.now(), field="handed_at")
    check = config.verify_token(cfg, token)
    row = scanning.find_registration(cfg.id, check.code) if check.verdict is None else None
    result, _reason = scanning.verdict(check, row, rule)
    out: dict = {
        "result": result,
        "item": spec.code,
        "name": spec.name,
        "name_en": spec.name_en,
        "point": rule.code,
        "handed_at": None,
    }
    if row is not None:
        out["registration"] = {"code": row["code"], "name": row["name"]}
    if result != scanning.ADMIT:
        out["message"] = _("This ticket reads '%(result)s' at %(value)s: hand nothing over.") % {
            "result": result,
            "value": localized(rule),
        }
        return out
    if not spec.due_to(row["id"], row["category_id"]):
        out["result"] = NOT_DUE
        out["message"] = _("%(value)s is not for this person.") % {
            "value": localized(spec),
        }
        out["handover"] = scanning.handover_list(rule, row["id"], row["category_id"])
        return out
    user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    values = {
        "item": spec.id,
        "registration": row["id"],
        "at": at,
        "by": user_id,
        "device": (device or "")[: scanning.MAX_DEVICE_LENGTH],
        "nonce": nonce,
    }
    if insert_ignoring_conflict(Handover, values) is not None:
        out.update(result=HANDED, handed_at=scanning.iso_time(at))
    else:
        first_at, first_nonce = (
            Handover.objects.filter(item_id=spec.id, registration_id=row["id"])
            .values_list("at", "nonce")
            .get()
        )
        out["handed_at"] = scanning.iso_time(first_at)
        if nonce and first_nonce == nonce:  # this very hand-out, sent again
            out["result"] = HANDED
        else:
            out["result"] = ALREADY
            when = _hhmm(first_at, cfg.timezone)
            out["message"] = _("%(item)s was already handed over at %(when)s: not again.") % {
                "item": localized(spec),
                "when": when,
            }
    out["handover"] = scanning.handover_list(rule, row["id"], row["category_id"])
    return out


def first_handover(*, item_id: int, registration_code: str, edition_id: int) -> dict | None:
    """The device and time of the hand-out that was recorded first (for a conflict between devices)."""
    row = (
        Handover.objects.filter(
            item_id=item_id, registration__code=registration_code, registration__edition_id=edition_id
        )
        .values("device", "at", "by__username")
        .first()
    )
    if row is None:
        return None
    return {"device": row["device"], "user": row["by__username"] or "", "at": scanning.iso_time(row["at"])}
