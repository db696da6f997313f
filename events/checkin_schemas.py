from datetime import datetime

from ninja import Schema
from pydantic import Field


class CheckInIn(Schema):
    # Any string: a garbled or foreign token gets the verdict `unknown`, not a 422.
    token: str = Field(max_length=4096)
    point: str | None = Field(default=None, max_length=40, description="check-in point code; default point")
    nonce: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="client scan id: a retry returns the 1st answer",
    )
    device: str | None = Field(default=None, max_length=100, description="scanner name, e.g. 'gate-2'")
    manual_reason: str | None = Field(
        default=None,
        max_length=200,
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
    item: str = Field(min_length=1, max_length=40, description="the item's code at the point")
    point: str | None = Field(default=None, max_length=40, description="check-in point code; default point")
    nonce: str | None = Field(
        default=None, min_length=1, max_length=64, description="client id: a retry answers as the 1st time"
    )
    device: str | None = Field(default=None, max_length=100)
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
