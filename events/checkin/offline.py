"""The offline door: the signed snapshot a scanner decides from when the network is gone (the sync that
uploads the scans it queued meanwhile is `offline_sync.py`).

The snapshot carries only what the door needs (PIPL minimum necessary): code, ticket version, status, name,
unit, title, category and seat; never a mobile number or an e-mail address. Its bytes are signed with the
edition's Ed25519 key (the same key the tickets are signed with, under a distinct prefix so a snapshot
signature can never pass for a ticket's), so the scanner can check with the public key it already holds
that what it stored came from the server and was not edited on the device.

The conflicts a sync found (a ticket let in twice at a once-only point by two devices) travel in the
snapshot and are listed on the dashboard (`list_conflicts`).
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.db.models import Func, IntegerField
from django.utils import timezone

from .. import hooks, tickets
from ..models import Admission, Edition, Handover, Organization, Registration, Scan
from . import config

SNAPSHOT_FORMAT = 1
SNAPSHOT_TTL = dt.timedelta(hours=12)
# Bytes signed: this prefix, then the snapshot's JSON exactly as sent. A ticket's signed part is
# "<slug>.<code>.<version>", which can never start with it.
SIGNATURE_PREFIX = b"huiwu-checkin-snapshot-v1\n"
SIGNATURE_HEADER = "X-Snapshot-Signature"
PEOPLE_FIELDS = "code version status name name_en organization title category seats stay pickup".split()
MAX_CONFLICTS_LISTED = 100


def check_type(rule: config.PointRule) -> str:
    """once, daily or many: how often a point admits the same ticket."""
    return str(rule.entry)


class Epoch(Func):
    """Seconds since 1970 (UTC) computed by the database: parsing thousands of timestamps in Python cost
    more than the rest of the snapshot (bench/checkin_snapshot.py). Only the spelling differs per database."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS bigint)"
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND((julianday(%(expressions)s) - 2440587.5) * 86400) AS INTEGER)",
        )


def build_snapshot(*, slug: str, point: str | None = None, now: dt.datetime | None = None) -> "Snapshot":
    """What a scanner needs to decide offline, as one dict (see the module docstring).

    With `point`, only that point's admissions are included (the scanner stands at one point); the people
    are all there, so a ticket for another category still reads `not_allowed`, not `unknown`.
    """
    cfg = config.edition_config(slug)
    rules = [cfg.point(point)] if point else list(cfg.points.values())
    now = now or timezone.now()
    cat_ids = list(cfg.categories)
    cat_index = {cid: i for i, cid in enumerate(cat_ids)}
    orgs: dict[int, int] = {}  # organisation id -> its index in "organizations"
    people = []
    ids: dict[int, str] = {}
    rows = (
        Registration.objects.filter(edition_id=cfg.id)
        .order_by("id")
        .values_list(
            "id",
            "code",
            "ticket_version",
            "status",
            "name",
            "name_en",
            "organization_id",
            "title",
            "category_id",
        )
    )
    for reg_id, code, version, status, name, name_en, org_id, title, cat_id in rows:
        ids[reg_id] = code
        org_i = orgs.setdefault(org_id, len(orgs)) if org_id else None
        people.append(
            [code, version, status, name, name_en, org_i, title, cat_index.get(cat_id), None, None, None]
        )
    # Seats (when the seating app provides them): [{plan, label}] like the online verdict's registration.seats.
    seats = hooks.seats_for(cfg.id, None)  # the whole edition's, in one query without 10,000 parameters
    # Rooms {hotel, room, nights} and cars {at, station, vehicle, driver_phone}, as the verdict's registration.
    arranged = hooks.reception_for(cfg.id, None)
    for row in people if seats or arranged else ():
        mine = arranged.get(row[0]) or {}
        row[8], row[9], row[10] = seats.get(row[0]) or None, mine.get("stay"), mine.get("pickup")
    names = {
        pk: [name, name_en]
        for pk, name, name_en in Organization.objects.filter(pk__in=list(orgs)).values_list(
            "pk", "name", "name_en"
        )
    }
    organizations = [names.get(pk, ["", ""]) for pk in orgs]
    admitted: dict[str, dict[str, list]] = {}
    for rule in rules:
        at_point = {}
        for reg_id, first, entries, last in (
            Admission.objects.filter(point_id=rule.id)
            .annotate(first=Epoch("first_at"), last=Epoch("last_at"))
            .values_list("registration_id", "first", "entries", "last")
        ):
            code = ids.get(reg_id)
            if code is not None:
                at_point[code] = [first, entries, last]
        admitted[rule.code] = at_point
    # Hand-overs: who is due what (items per point, below) and who already has it.
    handed: dict[str, dict[str, dict[str, int]]] = {}
    item_codes = {i.id: (r.code, i.code) for r in rules for i in r.items}
    for r in rules:
        if r.items:
            handed[r.code] = {i.code: {} for i in r.items}
    if item_codes:
        for item_id, reg_id, at in (
            Handover.objects.filter(item_id__in=list(item_codes))
            .annotate(epoch=Epoch("at"))
            .values_list("item_id", "registration_id", "epoch")
        ):
            code = ids.get(reg_id)
            if code is not None:
                point_code, item_code = item_codes[item_id]
                handed[point_code][item_code][code] = at
    data = {
        "format": SNAPSHOT_FORMAT,
        "edition": cfg.slug,
        "point": rules[0].code if point else None,
        "points": [
            {
                "code": r.code,
                "name": r.name,
                "name_en": r.name_en,
                "check_type": check_type(r),
                "categories": [cfg.categories[c].code for c in cat_ids if c in r.category_ids],
                # Neither categories nor people: to everyone the point admits (config.ItemRule.due_to).
                "items": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "name_en": i.name_en,
                        "categories": [cfg.categories[c].code for c in cat_ids if c in i.category_ids],
                        "people": sorted(ids[p] for p in i.person_ids if p in ids),
                    }
                    for i in r.items
                ],
            }
            for r in cfg.points.values()
        ],
        "categories": [
            {"code": c.code, "name": c.name, "name_en": c.name_en, "color": c.color}
            for c in (cfg.categories[cid] for cid in cat_ids)
        ],
        "organizations": organizations,
        "people_fields": PEOPLE_FIELDS,
        "people": people,
        # {point: {code: [first admitted (epoch s), entries, last entry (epoch s)]}}
        "admitted": admitted,
        # {point: {item: {code: handed over at (epoch s)}}}
        "handed": handed,
        "conflicts": list_conflicts(slug=slug),
    }
    # The version names the content, not the moment: an unchanged door gets the same version (304).
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Snapshot(
        version=hashlib.sha256(content.encode()).hexdigest()[:20],
        generated_at=now.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        expires_at=(now + SNAPSHOT_TTL).astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        time_zone=_time_zone(cfg.id),
        content=content,
    )


@dataclass(frozen=True)
class Snapshot:
    """The head fields, and the content as JSON text (serialised once: it is most of the work)."""

    version: str
    generated_at: str
    expires_at: str
    time_zone: str
    content: str

    def bytes(self) -> bytes:
        """The body as sent and signed: the head fields first, then the content's fields."""
        head = json.dumps(
            {
                "version": self.version,
                "generated_at": self.generated_at,
                "expires_at": self.expires_at,
                "time_zone": self.time_zone,
            },
            separators=(",", ":"),
        )
        return (head[:-1] + "," + self.content[1:]).encode()


def _time_zone(edition_id: int) -> str:

    return Edition.objects.filter(pk=edition_id).values_list("timezone", flat=True).first() or "Asia/Shanghai"


def snapshot_bytes(snapshot: Snapshot) -> bytes:
    return snapshot.bytes()


def sign_snapshot(*, slug: str, body: bytes) -> str:
    """The Ed25519 signature (urlsafe base64, no padding) over SIGNATURE_PREFIX + body."""
    cfg = config.edition_config(slug)
    return tickets.b64e(tickets.private_key(cfg.signing_key).sign(SIGNATURE_PREFIX + body))


def list_conflicts(*, slug: str, limit: int = MAX_CONFLICTS_LISTED) -> list[dict]:
    """Tickets let in twice at a once-only point by devices that could not see each other, newest first."""
    cfg = config.edition_config(slug)
    points = {r.id: r for r in cfg.points.values()}
    out = []
    for point_id, response in (
        Scan.objects.filter(edition_id=cfg.id, response__has_key="conflict")
        .order_by("-at", "-id")
        .values_list("point_id", "response")[:limit]
    ):
        conflict = response.get("conflict") or {}
        reg = response.get("registration") or {}
        rule = points.get(point_id)
        out.append(
            {
                "code": reg.get("code", ""),
                "name": reg.get("name", ""),
                "point": rule.code if rule else "",
                "point_name": rule.name if rule else "",
                "point_name_en": rule.name_en if rule else "",
                "first": {"device": conflict.get("device", ""), "at": conflict.get("at", "")},
                "second": {"device": conflict.get("this_device", ""), "at": conflict.get("this_at", "")},
            }
        )
    return out
