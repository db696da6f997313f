"""The units API's bodies: the organiser's list and import, the contact's people, import and reply form."""

from datetime import date, datetime, time

from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool

from ..limits import limited
from ..models import Category, Organization, Registration
from .models import ReplyForm, Unit


class UnitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    organization: str = limited(Organization, "name", min_length=1)
    quotas: dict[str, int] = Field(description="{category code: number of people}")
    contact_name: str = limited(Unit, "contact_name", "")
    contact_email: str = limited(Unit, "contact_email", "")
    contact_phone: str = limited(Unit, "contact_phone", "")


class UnitCreatedOut(Schema):
    id: int
    invite_url: str


class UnitOut(Schema):
    id: int
    organization: str
    organization_en: str
    contact_name: str
    contact_email: str
    contact_phone: str
    quotas: dict[str, int]
    quota: int
    registered: int
    confirmed: int
    checked_in: int
    replied: bool


class QuotaOut(Schema):
    category: str
    name: str
    name_en: str
    quota: int
    used: int


class UnitPersonOut(Schema):
    code: str
    category: str
    status: str
    name: str
    name_en: str
    title: str
    email: str
    phone: str
    language: str
    replied: bool


class SubstitutionOut(Schema):
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    at: datetime


class UnitDetailOut(Schema):
    edition: str
    organization: str
    contact_name: str
    quotas: list[QuotaOut]
    people: list[UnitPersonOut]
    substitutions: list[SubstitutionOut]
    reply_fields: list[str]


class _PersonFields(Schema):
    """A person a unit's contact adds or puts in someone's place: the same fields, the model's limits."""

    model_config = ConfigDict(extra="forbid")

    name: str = limited(Registration, "name", min_length=1)
    name_en: str = limited(Registration, "name_en", "")
    title: str = limited(Registration, "title", "")
    email: str = limited(Registration, "email", min_length=3)
    phone: str = limited(Registration, "phone", min_length=1)
    language: str = limited(Registration, "language", "zh-hans")


class UnitPersonIn(_PersonFields):
    category: str = limited(Category, "code", min_length=1)
    consent: bool = Field(description="the person agreed to the privacy notice")


class SubstituteIn(_PersonFields):
    consent: StrictBool = Field(description="JSON true: the new person agreed to the privacy notice")


class PersonCreatedOut(Schema):
    code: str
    status: str
    ticket_token: str | None
    manage_url: str


class RowError(Schema):
    row: int
    field: str
    message: str


class ImportRow(Schema):
    row: int
    name: str
    category: str
    action: str = Field(description="create, update, unchanged or error")


class ImportOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    errors: list[RowError]
    rows: list[ImportRow]


class ReplyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    arrival_date: date | None = None
    arrival_time: time | None = None
    arrival_number: str | None = limited(ReplyForm, "arrival_number", None)
    arrival_place: str | None = limited(ReplyForm, "arrival_place", None)
    departure_date: date | None = None
    departure_time: time | None = None
    departure_number: str | None = limited(ReplyForm, "departure_number", None)
    departure_place: str | None = limited(ReplyForm, "departure_place", None)
    hotel_needed: bool | None = None
    room_type: str | None = limited(ReplyForm, "room_type", None, description="single, twin or suite")
    sharing: bool | None = None
    share_with: str | None = limited(ReplyForm, "share_with", None)
    gender: str | None = limited(ReplyForm, "gender", None, description="f, m or empty")
    accompanies: str | None = limited(
        ReplyForm, "accompanies", None, description="the leader's registration code"
    )
    dinner: bool | None = None
    dietary: str | None = limited(ReplyForm, "dietary", None)
    remarks: str | None = limited(ReplyForm, "remarks", None)


class ReplyOut(Schema):
    code: str
    asked: list[str]
    answers: dict
    updated_at: datetime | None


class UnitLinkOut(Schema):
    id: int
    organization: str
    invite_url: str


class UnitsImportOut(Schema):
    created: list[UnitLinkOut]
    updated: int
    errors: list[RowError]
