"""The offline door's sync: the upload of the scans and hand-outs a device queued while the network was gone.

Sync runs each queued scan through the one check-in verdict (`scanning.check_in`) with the device's time and
nonce: a replayed batch finds its nonces and answers the first answers again, changing nothing. A ticket
that two offline devices both let in at a once-only point comes back as a `conflict` naming the other
admission, and stays listed (`offline.list_conflicts`: scanners, dashboard) until staff look at it.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import dates, hooks
from ..enums import ScanVerdict as V
from ..exceptions import InvalidInput
from ..models import Admission, Registration, Scan
from . import config, handover, scanning
from .offline import check_type

MAX_SYNC_SCANS = 500


def _parse_device_time(
    value, *, now: dt.datetime, index: int, field: str = "scanned_at"
) -> dt.datetime | None:
    """The device's time of a queued scan (or hand-out: `field` handed_at), bounded by the one rule
    (scanning.scan_time); the message names the entry (scans[3], handovers[0])."""
    where = "scans" if field == "scanned_at" else "handovers"
    try:
        moment = dates.parse_moment(value, field)
        return None if moment is None else scanning.scan_time(moment, now, field=field)
    except InvalidInput as exc:
        raise InvalidInput(
            _("%(where)s[%(index)s] (no. %(number)s): %(message)s")
            % {"where": where, "index": index, "number": index + 1, "message": exc.message},
            field=field,
        ) from exc


def _other_admission(*, edition_id: int, code: str, rule: config.PointRule, device: str) -> dict | None:
    """The admission that came first, when another device made it."""
    reg_id = (
        Registration.objects.filter(edition_id=edition_id, code=code).values_list("id", flat=True).first()
    )
    cfg_point = rule
    if reg_id is None:
        return None
    first = (
        Scan.objects.filter(registration_id=reg_id, point_id=cfg_point.id, verdict=V.OK)
        .order_by("at", "id")
        .values("device", "at", "user__username")
        .first()
    )
    if first is None:
        admission = Admission.objects.filter(registration_id=reg_id, point_id=cfg_point.id).first()
        if admission is None:
            return None
        first = {"device": "", "at": admission.first_at, "user__username": ""}
    if first["device"] and first["device"] == device:
        return None
    return {
        "device": first["device"],
        "user": first["user__username"] or "",
        "at": first["at"].astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }


def sync_scans(*, slug: str, device: str, scans: list[dict], user=None) -> list[dict]:
    """Record the scans a device queued offline, in order; one answer per scan, each with `conflict`.

    Every scan is checked before any is recorded (a bad time or nonce is a 422 naming it, and nothing is
    written). A scan whose nonce is already recorded answers its first answer again.
    """
    return sync(slug=slug, device=device, scans=scans, user=user)["results"]


def sync(*, slug: str, device: str, scans: list[dict], handovers: list[dict] = (), user=None) -> dict:
    """The upload of a device's queue: its scans (see `sync_scans`), then its hand-outs, each answered as
    POST .../checkin/handover answers plus `conflict` (another device handed the same item first).
    Everything is checked before anything is recorded."""
    cfg = config.edition_config(slug)
    device = (device or "").strip()[: scanning.MAX_DEVICE_LENGTH]
    if not device:
        raise InvalidInput(_("device: name the scanner."), field="device")
    if len(scans) + len(handovers) > MAX_SYNC_SCANS:
        raise InvalidInput(
            _("At most %(MAX_SYNC_SCANS)s scans per upload.") % {"MAX_SYNC_SCANS": MAX_SYNC_SCANS},
            field="scans",
        )
    now = timezone.now()
    prepared = []
    seen: set[str] = set()
    for i, scan in enumerate(scans):
        nonce = scan.get("nonce") or ""
        if not nonce or len(nonce) > scanning.MAX_NONCE_LENGTH:
            raise InvalidInput(
                _("scans[%(i)s].nonce: 1 to %(MAX_NONCE_LENGTH)s characters (scan %(value)s).")
                % {"i": i, "MAX_NONCE_LENGTH": scanning.MAX_NONCE_LENGTH, "value": i + 1},
                field="nonce",
            )
        if nonce in seen:
            raise InvalidInput(f"scans[{i}].nonce repeats an earlier scan of this upload.", field="nonce")
        seen.add(nonce)
        rule = cfg.point(scan.get("point"))
        if scan.get("manual_reason") is not None:
            scan = {**scan, "manual_reason": scanning.manual_reason(scan["manual_reason"], index=i)}
        prepared.append((scan, rule, _parse_device_time(scan.get("scanned_at"), now=now, index=i)))
    given = []
    for i, handout in enumerate(handovers):
        nonce = handout.get("nonce") or ""
        if not nonce or len(nonce) > scanning.MAX_NONCE_LENGTH:
            raise InvalidInput(
                _("handovers[%(i)s].nonce: 1 to %(MAX_NONCE_LENGTH)s characters (hand-over %(value)s).")
                % {"i": i, "MAX_NONCE_LENGTH": scanning.MAX_NONCE_LENGTH, "value": i + 1},
                field="nonce",
            )
        rule = cfg.point(handout.get("point"))
        handover._item(rule, handout.get("item") or "")
        given.append(
            (handout, rule, _parse_device_time(handout.get("handed_at"), now=now, index=i, field="handed_at"))
        )
    stored = dict(
        Scan.objects.filter(edition_id=cfg.id, nonce__in=list(seen)).values_list("nonce", "response")
    )
    results = []
    for scan, rule, at in prepared:
        nonce = scan["nonce"]
        if nonce in stored:
            body = hooks.with_seats(cfg.id, dict(stored[nonce]))
            body.setdefault("conflict", None)
            body["nonce"] = nonce
            results.append(body)
            continue
        body = scanning.check_in(
            slug=slug,
            token=scan.get("token"),
            point=rule.code,
            nonce=nonce,
            user=user,
            device=device,
            scanned_at=at,
            manual_reason=scan.get("manual_reason"),
        )
        conflict = None
        shown = scan.get("result")
        if (
            body["result"] == V.ALREADY_CHECKED_IN
            and check_type(rule) == "once"
            and shown in (None, V.OK)
            and body.get("registration")
        ):
            conflict = _other_admission(
                edition_id=cfg.id, code=body["registration"]["code"], rule=rule, device=device
            )
            if conflict is not None:
                conflict = {**conflict, "this_device": device, "this_at": body["scanned_at"]}
                body["conflict"] = conflict
                Scan.objects.filter(edition_id=cfg.id, nonce=nonce).update(response=body)
        body = dict(body)
        body["conflict"] = conflict
        body["nonce"] = nonce
        results.append(body)
    handed = []
    for handout, rule, at in given:
        body = handover.hand_over(
            slug=slug,
            token=handout.get("token"),
            item=handout["item"],
            point=rule.code,
            nonce=handout["nonce"],
            user=user,
            device=device,
            handed_at=at,
        )
        body["conflict"] = None
        if body["result"] == handover.ALREADY and handout.get("result") in (
            None,
            handover.HANDED,
        ):
            spec = handover._item(rule, handout["item"])
            first = handover.first_handover(
                item_id=spec.id, registration_code=body["registration"]["code"], edition_id=cfg.id
            )
            if first is not None and first["device"] != device:
                body["conflict"] = {**first, "this_device": device, "this_at": scanning.iso_time(at or now)}
        body["nonce"] = handout["nonce"]
        handed.append(body)
    return {"results": results, "handovers": handed}
