from datetime import datetime

from ninja import Schema
from pydantic import Field

from ..limits import limited
from ..models import CheckInPoint, Handover, HandoverItem, Scan


class CheckInIn(Schema):
    # Any string: a garbled or foreign token gets the verdict `unknown`, not a 422.
    token: str = Field(max_length=4096)
    point: str | None = limited(CheckInPoint, "code", None, description="check-in point code; default point")
    nonce: str | None = limited(
        Scan, "nonce", None, min_length=1, description="client scan id: a retry returns the 1st answer"
    )
    device: str | None = limited(Scan, "device", None, description="scanner name, e.g. 'gate-2'")
    manual_reason: str | None = limited(
        Scan,
        "manual_reason",
        None,
        description="a check-in by hand (手动补签: no QR, no phone): why, e.g. '忘带手机'; counted apart",
    )
    scanned_at: datetime | None = Field(
        default=None,
        description="the device's time of a scan made offline, with a time zone; at most 2 minutes ahead "
        "of the server's clock and 24 hours back",
    )


class ScannedSeat(Schema):
    plan: str
    label: str = Field(description="e.g. 主席台 第1排 3号")


class ScannedRegistration(Schema):
    code: str
    name: str
    name_en: str = ""
    organization: str
    organization_en: str = ""
    title: str = ""
    category: str
    category_name: str = ""
    category_name_en: str = ""
    category_color: str = ""
    status: str = Field(
        default="",
        description="pending, confirmed, waitlisted, cancelled, rejected (not_confirmed says which)",
    )
    seats: list[ScannedSeat] = Field(default=[], description="the person's seats in the seating plans")


class HandoverLine(Schema):
    item: str = Field(description="the item's code at this point")
    name: str
    name_en: str = ""
    handed_at: str | None = Field(description="null: hand it over now; else when it was handed over")


class CheckInOut(Schema):
    result: str = Field(
        description="ok, already_checked_in, unknown, cancelled, not_confirmed, wrong_event, not_allowed"
    )
    point: str
    point_name: str = ""
    point_name_en: str = ""
    scanned_at: str
    registration: ScannedRegistration | None = None
    first_checked_in_at: str | None = Field(
        default=None,
        description="already_checked_in: the first admission (a daily point: the first of that day); "
        "ok at a point admitting many times or once a day: the first admission of all",
    )
    entries: int | None = Field(
        default=None, description="ok at a point admitting many times or once a day: admissions so far"
    )
    reason: str | None = Field(
        default=None, description="for unknown: malformed, bad_signature, revoked, not_found"
    )
    ticket_edition: str | None = Field(default=None, description="for wrong_event: the ticket's edition")
    handover: list[HandoverLine] | None = Field(
        default=None,
        description="ok / already_checked_in at a point that hands items over: what this person gets here",
    )


class TicketKeyOut(Schema):
    edition: str
    algorithm: str
    public_key: str = Field(description="raw 32-byte Ed25519 public key, urlsafe base64 without padding")
    public_key_pem: str
    token_format: str
    signed_part: str
    signature_encoding: str


class AdmittedAt(Schema):
    point: str = Field(description="the point's code")
    point_name: str = ""
    point_name_en: str = ""
    at: str


class SearchHit(ScannedRegistration):
    phone: str
    checked_in: list[AdmittedAt]
    token: str | None


class CountOut(Schema):
    code: str
    name: str
    name_en: str
    confirmed: int
    checked_in: int


class LiveCountsOut(Schema):
    point: str
    confirmed: int = Field(description="confirmed registrations this point admits")
    checked_in: int = Field(description="of them, admitted at this point")
    confirmed_total: int
    checked_in_total: int = Field(description="confirmed registrations admitted at any point")
    categories: list[CountOut]


class HandoverIn(Schema):
    token: str = Field(max_length=4096, description="the ticket, as scanned")
    item: str = limited(HandoverItem, "code", min_length=1, description="the item's code at the point")
    point: str | None = limited(CheckInPoint, "code", None, description="check-in point code; default point")
    nonce: str | None = limited(
        Handover, "nonce", None, min_length=1, description="client id: a retry answers as the 1st time"
    )
    device: str | None = limited(Handover, "device", None)
    handed_at: datetime | None = Field(
        default=None, description="the device's time of a hand-out made offline (bounded as scanned_at)"
    )


class HandedTo(Schema):
    code: str
    name: str


class HandoverOut(Schema):
    result: str = Field(
        description="handed_over; refused: already_handed_over, not_due, or the check-in verdict (unknown, "
        "cancelled, not_confirmed, wrong_event, not_allowed)"
    )
    item: str
    name: str
    name_en: str = ""
    point: str
    handed_at: str | None = Field(description="when it was handed over (already_handed_over: the 1st time)")
    registration: HandedTo | None = None
    handover: list[HandoverLine] | None = Field(
        default=None, description="the person's list as it now stands"
    )
    message: str | None = Field(default=None, description="why it was refused, for staff")
    detail: str | None = Field(default=None, description="the same message (the error contract)")


# The offline door and the hall screen (events/checkin/offline.py, offline_sync.py, hall.py). The endpoints
# send JSON they serialised themselves (the snapshot's bytes are signed as sent); these say what it holds.


class SnapshotItem(Schema):
    code: str
    name: str
    name_en: str = ""
    categories: list[str] = Field(
        description="category codes; with `people` empty: to everyone the point admits"
    )
    people: list[str] = Field(description="registration codes it goes to whatever their category")


class SnapshotPoint(Schema):
    code: str
    name: str
    name_en: str = ""
    check_type: str = Field(description="once, daily or many")
    categories: list[str] = Field(description="category codes the point admits")
    items: list[SnapshotItem] = Field(description="what the point hands over, in order")


class SnapshotCategory(Schema):
    code: str
    name: str
    name_en: str = ""
    color: str


class ConflictSide(Schema):
    device: str
    at: str


class ConflictListed(Schema):
    code: str
    name: str
    point: str
    point_name: str = ""
    point_name_en: str = ""
    first: ConflictSide
    second: ConflictSide


class SnapshotOut(Schema):
    version: str = Field(description="names the content: unchanged content, same version (ETag)")
    generated_at: str
    expires_at: str
    time_zone: str
    format: int
    edition: str
    point: str | None = Field(description="the point asked for; null: all points")
    points: list[SnapshotPoint]
    categories: list[SnapshotCategory]
    organizations: list[list[str]] = Field(description="[name, name_en], indexed from people")
    people_fields: list[str]
    people: list[list] = Field(description="one array per registration, fields as people_fields")
    admitted: dict[str, dict[str, list[int]]] = Field(
        description="{point: {code: [first admitted, entries, last entry]}} (epoch seconds)"
    )
    handed: dict[str, dict[str, dict[str, int]]] = Field(
        description="{point: {item: {code: handed over at}}} (epoch seconds)"
    )
    conflicts: list[ConflictListed]


class OfflineConflict(Schema):
    device: str = Field(description="the device that admitted (or handed over) first")
    user: str = ""
    at: str
    this_device: str
    this_at: str


class SyncedScan(CheckInOut):
    nonce: str
    conflict: OfflineConflict | None


class SyncedHandover(HandoverOut):
    nonce: str
    conflict: OfflineConflict | None


class SyncOut(Schema):
    device: str
    results: list[SyncedScan] = Field(description="one per scan, in order")
    handovers: list[SyncedHandover] = Field(description="one per hand-out, in order")


class HallCategory(Schema):
    code: str
    name: str
    name_en: str = ""
    color: str
    expected: int
    arrived: int
    absent: int


class HallUnit(Schema):
    name: str
    name_en: str = ""
    expected: int
    arrived: int
    absent: int


class HallArrival(Schema):
    name: str
    organization: str
    category: str
    at: str = Field(description="HH:MM in the edition's time zone")


class HallOut(Schema):
    expected: int
    arrived: int
    absent: int
    manual: int = Field(description="of the arrived, admitted by hand (手动补签)")
    categories: list[HallCategory]
    units: list[HallUnit]
    last_arrivals: list[HallArrival]
