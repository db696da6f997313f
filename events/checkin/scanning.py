"""Door check-in: verify a ticket, decide the verdict, record the scan. Also the staff search.

The hot path is kept lean because a door queue waits on it: the edition's signing key and its check-in
points are cached per process (see `edition_config`), the signature is checked before any query (a
forged or garbled token costs one Ed25519 verification and the scan's log row, nothing else), a known
ticket costs one indexed lookup, and the decision itself is one conditional insert into `Admission`,
whose unique (registration, point) row is what makes the 2nd of two simultaneous scans
`already_checked_in`, on SQLite and PostgreSQL alike.
"""

from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import dates, hooks, tickets
from ..enums import EntryRule
from ..enums import RegistrationStatus as S
from ..enums import ScanVerdict as V
from ..exceptions import Conflict, InvalidInput
from ..models import Admission, Handover, Registration, Scan
from ..statements import insert_both_if_new, insert_ignoring_conflict, prepared_cursor
from .config import CategoryInfo, EditionConfig, PointRule, TicketCheck, edition_config, verify_token

MAX_NONCE_LENGTH = 64
MAX_DEVICE_LENGTH = 100
MAX_CLOCK_SKEW = timedelta(minutes=2)  # a device clock ahead of the server's by at most this
MAX_SCAN_AGE = timedelta(hours=24)  # an offline scan sent later than this is refused
ADMIT = "admit"  # verdict(): the ticket may enter; admit() turns it into ok or already_checked_in


_REG_FIELDS = (
    "id",
    "code",
    "status",
    "ticket_version",
    "category_id",
    "name",
    "name_en",
    "title",
    "organization__name",
    "organization__name_en",
)


# The hot path's one lookup, as plain SQL: building the same query with the ORM cost more CPU than
# PostgreSQL took to answer it (bench/checkin.py).
FIND_SQL = """
SELECT r.id, r.code, r.status, r.ticket_version, r.category_id, r.name, r.name_en, r.title, o.name, o.name_en
FROM {reg} r LEFT JOIN {org} o ON o.id = r.organization_id
WHERE r.edition_id = %s AND r.code = %s
""".format(
    reg=Registration._meta.db_table,
    org=Registration._meta.get_field("organization").related_model._meta.db_table,
)


def find_registration(edition_id: int, code: str) -> dict | None:
    with prepared_cursor() as cursor:
        cursor.execute(FIND_SQL, [edition_id, code])
        row = cursor.fetchone()
    return dict(zip(_REG_FIELDS, row, strict=True)) if row else None


def _registration_out(cfg: EditionConfig, row: dict) -> dict:
    cat = cfg.categories.get(row["category_id"]) or CategoryInfo("", "", "", "#666666")
    return {
        "code": row["code"],
        "name": row["name"],
        "name_en": row["name_en"],
        "organization": row["organization__name"] or "",
        "organization_en": row["organization__name_en"] or "",
        "title": row["title"],
        "category": cat.code,
        "category_name": cat.name,
        "category_name_en": cat.name_en,
        "category_color": cat.color,
        "status": row["status"],
    }


def iso_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def scan_time(scanned_at: datetime | None, now: datetime, *, field: str = "scanned_at") -> datetime:
    """When the scan (or hand-out: `field` handed_at) happened: now, or the device's clock for one made
    offline and sent later. A device time may run ahead of ours by MAX_CLOCK_SKEW at most and lie at most
    MAX_SCAN_AGE in the past."""
    if scanned_at is None:
        return now
    if timezone.is_naive(scanned_at):
        raise InvalidInput(
            _("%(field)s needs a time zone (e.g. 2023-06-16T09:30:00+08:00).") % {"field": field},
            field=field,
        )
    dates.check_moment(scanned_at, field)
    if scanned_at > now + MAX_CLOCK_SKEW:
        raise InvalidInput(_("%(field)s is in the future.") % {"field": field}, field=field)
    if scanned_at < now - MAX_SCAN_AGE:
        raise InvalidInput(_("%(field)s is more than 24 hours ago.") % {"field": field}, field=field)
    return scanned_at


def manual_reason(text: str, *, index: int | None = None) -> str:
    """The reason for a check-in by hand (手动补签), spaces tidied; a blank one is refused."""
    reason = " ".join((text or "").split())
    if not reason:
        message = _("Give the reason for this check-in by hand.")
        if index is not None:
            message = _("scans[%(index)s] (scan %(number)s): %(message)s") % {
                "index": index,
                "number": index + 1,
                "message": message,
            }
        raise InvalidInput(message, field="manual_reason")
    return reason


def verdict(check: TicketCheck, row: dict | None, rule: PointRule) -> tuple[str, str]:
    """THE check-in verdict before admission, on every database: (result, reason). `admit` means the ticket
    may enter at this point; `admit` then becomes ok or already_checked_in by the point's entry rule."""
    if check.verdict is not None:
        return check.verdict, check.reason
    if row is None:
        return V.UNKNOWN, "not_found"
    if row["ticket_version"] != check.version:
        return V.UNKNOWN, "revoked"
    if row["status"] == S.CANCELLED:
        return V.CANCELLED, ""
    if row["status"] != S.CONFIRMED:  # pending, waitlisted, rejected: `registration.status` says which
        return V.NOT_CONFIRMED, ""
    if row["category_id"] not in rule.category_ids:
        return V.NOT_ALLOWED, ""
    return ADMIT, ""


def admit(*, registration_id: int, rule: PointRule, at: datetime, tz: str, user_id) -> dict:
    """Admit by the point's entry rule; the answer's fields. The unique (registration, point) row decides
    the first admission; a re-entry is one conditional UPDATE (for a daily point: only if the last admission
    was on an earlier day in the edition's time zone). No explicit lock on either database."""
    values = {
        "registration": registration_id,
        "point": rule.id,
        "first_at": at,
        "last_at": at,
        "entries": 1,
        "by": user_id,
    }
    if insert_ignoring_conflict(Admission, values) is not None:
        return {"result": V.OK} if rule.entry == EntryRule.ONCE else {"result": V.OK, "entries": 1}
    admission = Admission.objects.filter(registration_id=registration_id, point_id=rule.id)
    if rule.entry != EntryRule.ONCE:
        again = admission
        if rule.entry == EntryRule.DAILY:
            local = at.astimezone(ZoneInfo(tz))
            again = again.filter(last_at__lt=local.replace(hour=0, minute=0, second=0, microsecond=0))
        if again.update(entries=F("entries") + 1, last_at=at):
            first_at, entries = admission.values_list("first_at", "entries")[0]
            return {"result": V.OK, "first_checked_in_at": iso_time(first_at), "entries": entries}
    first_at, last_at = admission.values_list("first_at", "last_at")[0]
    # Once: the first admission; once a day: the first admission of that day.
    first = last_at if rule.entry == EntryRule.DAILY else first_at
    return {"result": V.ALREADY_CHECKED_IN, "first_checked_in_at": iso_time(first)}


def check_in(
    *,
    slug: str,
    token,
    point: str | None = None,
    nonce: str | None = None,
    user=None,
    device: str = "",
    scanned_at: datetime | None = None,
    manual_reason: str | None = None,
) -> dict:
    """Decide a scan and log it as a Scan row; returns the response body.

    A scan with a nonce seen before in this edition returns the first answer and logs nothing new.
    `scanned_at` is the device's time of a scan made offline (see `scan_time`).
    """
    cfg = edition_config(slug)
    rule = cfg.point(point)
    if nonce is not None and (not nonce or len(nonce) > MAX_NONCE_LENGTH):
        raise InvalidInput(f"nonce: 1 to {MAX_NONCE_LENGTH} characters.", field="nonce")
    at = scan_time(scanned_at, timezone.now())
    response: dict = {
        "result": V.UNKNOWN,
        "point": rule.code,
        "point_name": rule.name,
        "point_name_en": rule.name_en,
        "scanned_at": iso_time(at),
    }
    check = verify_token(cfg, token)
    row = find_registration(cfg.id, check.code) if check.verdict is None else None
    result, reason = verdict(check, row, rule)
    if reason:
        response["reason"] = reason
    if check.ticket_edition:
        response["ticket_edition"] = check.ticket_edition
    if row is not None:
        # The seats are part of the answer that is logged, so a replayed nonce answers the same.
        response["registration"] = hooks.with_seats(cfg.id, {"registration": _registration_out(cfg, row)})[
            "registration"
        ]
    user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    scan = {
        "edition": cfg.id,
        "point": rule.id,
        "user": user_id,
        "device": (device or "")[:MAX_DEVICE_LENGTH],
        "at": at,
        "registration": row["id"] if row else None,
        "nonce": nonce,
        "manual_reason": manual_reason,  # a check-in by hand (手动补签), see api.check_in
    }
    if result != ADMIT:
        response["result"] = result
        scan.update(verdict=result, response=response)
        if insert_ignoring_conflict(Scan, scan) is None:
            return replayed(cfg.id, nonce)
        return response
    if connection.vendor == "postgresql":
        first = first_admission(response, scan, registration=row, rule=rule, at=at, user_id=user_id)
        if first is not None:
            return first
    with transaction.atomic():
        response.update(admit(registration_id=row["id"], rule=rule, at=at, tz=cfg.timezone, user_id=user_id))
        if rule.items:
            response["handover"] = handover_list(rule, row["id"], row["category_id"])
        scan.update(verdict=response["result"], response=response)
        if insert_ignoring_conflict(Scan, scan) is None:
            # A retry of a scan already answered: undo this attempt, give the first answer.
            transaction.set_rollback(True)
            replay = True
        else:
            replay = False
    return replayed(cfg.id, nonce) if replay else response


def first_admission(
    response: dict, scan: dict, *, registration: dict, rule: PointRule, at, user_id
) -> dict | None:
    """PostgreSQL, the door's usual case: the person's first admission at this point and the scan's row, in one
    statement (events/statements.py `insert_both_if_new`). The answer, or None when an admission exists
    (already in, or a re-entry: `admit` decides it in a transaction) and nothing was written."""
    answer = {**response, "result": V.OK}
    if rule.entry != EntryRule.ONCE:
        answer["entries"] = 1
    if rule.items:  # a read: this scan hands nothing out
        answer["handover"] = handover_list(rule, registration["id"], registration["category_id"])
    admission = {
        "registration": registration["id"],
        "point": rule.id,
        "first_at": at,
        "last_at": at,
        "entries": 1,
        "by": user_id,
    }
    try:
        # Inside a caller's transaction a savepoint keeps it usable if the nonce's row conflicts.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            written = insert_both_if_new(
                Admission, admission, Scan, {**scan, "verdict": V.OK, "response": answer}
            )
    except IntegrityError:  # the nonce was answered meanwhile (a retry racing its first try): nothing written
        if scan["nonce"] is None:  # no nonce to conflict on: another constraint refused it, say so
            raise
        return replayed(scan["edition"], scan["nonce"])
    return answer if written is not None else None


def handover_list(rule: PointRule, registration_id: int, category_id) -> list[dict]:
    """What this point hands this person, in order: `handed_at` null (hand it now) or when it was handed."""
    due = [i for i in rule.items if i.due_to(registration_id, category_id)]
    if not due:
        return []
    given = dict(
        Handover.objects.filter(registration_id=registration_id, item_id__in=[i.id for i in due]).values_list(
            "item_id", "at"
        )
    )
    return [
        {
            "item": i.code,
            "name": i.name,
            "name_en": i.name_en,
            "handed_at": iso_time(given[i.id]) if i.id in given else None,
        }
        for i in due
    ]


def replayed(edition_id: int, nonce: str | None) -> dict:
    stored = (
        Scan.objects.filter(edition_id=edition_id, nonce=nonce).values_list("response", flat=True).first()
    )
    if stored is None:  # pragma: no cover - the conflicting row is committed before ON CONFLICT reports it
        raise Conflict(_("This scan is being recorded; retry."))
    return stored


def search(*, slug: str, q: str, limit: int = 20) -> list[dict]:
    """Registrations matching a name, English name, mobile number or code, for people without their QR."""
    cfg = edition_config(slug)
    q = " ".join((q or "").split())
    if len(q) < 1:
        return []
    cond = Q(name__icontains=q) | Q(name_en__icontains=q) | Q(code__iexact=q)
    digits = "".join(ch for ch in q if ch.isdigit())
    if len(digits) >= 4:
        cond |= Q(phone__contains=digits)
    rows = list(
        Registration.objects.filter(cond, edition_id=cfg.id)
        .order_by("name", "id")
        .values(*_REG_FIELDS, "phone")[:limit]
    )
    admitted: dict[int, list] = {}
    for reg_id, code, name, name_en, at in Admission.objects.filter(
        registration_id__in=[r["id"] for r in rows]
    ).values_list("registration_id", "point__code", "point__name", "point__name_en", "first_at"):
        # Staff read the point's name ("主会场"), not its code.
        admitted.setdefault(reg_id, []).append(
            {"point": code, "point_name": name, "point_name_en": name_en, "at": iso_time(at)}
        )
    out = []
    for r in rows:
        item = _registration_out(cfg, r)
        item["phone"] = _mask_phone(r["phone"])
        item["checked_in"] = admitted.get(r["id"], [])
        # Staff check a person in from the search list by posting this token, like a scan.
        item["token"] = (
            tickets.sign_ticket(
                signing_key=cfg.signing_key,
                edition_slug=cfg.slug,
                code=r["code"],
                version=r["ticket_version"],
            )
            if r["status"] == S.CONFIRMED
            else None
        )
        out.append(item)
    return out


def _mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) < 7:
        return digits
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
