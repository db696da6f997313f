"""The bodies of the edition and registration API (api.py): the public edition, a registration and its
private link, the staff's list and decisions, an edition's settings."""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool

from ..dates import IsoDate
from ..enums import Language
from ..limits import limited
from ..models import Category, Edition, Organization, Registration

LanguageCode = Literal[tuple(Language.values)]  # type: ignore[valid-type]


class EditionOut(Schema):
    slug: str
    name: str
    name_en: str
    starts_on: date
    ends_on: date
    venue: str
    venue_en: str
    timezone: str


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    capacity: int | None
    remaining: int | None
    requires_approval: bool
    waitlist: bool
    public: bool


class EditionDetailOut(EditionOut):
    tagline: str
    tagline_en: str
    registration_open: bool
    consent_version: str | None
    consent_text: str | None
    consent_text_en: str | None
    ticket_public_key: str = Field(
        description="Ed25519 public key (raw, urlsafe base64) that signs this edition's tickets"
    )
    categories: list[CategoryOut]


class RegistrationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: str = limited(Category, "code", min_length=1)
    name: str = limited(Registration, "name", min_length=1)
    name_en: str = limited(Registration, "name_en", "")
    organization: str = limited(Organization, "name", min_length=1)
    title: str = limited(Registration, "title", "")
    email: str = limited(Registration, "email", min_length=3)
    phone: str = limited(Registration, "phone", "")
    language: LanguageCode = "zh-hans"
    consent: StrictBool = Field(description="Must be JSON true: the privacy notice was accepted")


class RegistrationCreatedOut(Schema):
    code: str
    status: str
    ticket_token: str | None
    manage_url: str


class PersonalDataOut(Schema):
    """Everything held about one attendee (the manage link's export)."""

    model_config = ConfigDict(extra="allow")

    registration: dict
    consent: dict
    check_ins: list[dict]
    scans: list[dict]
    handovers: list[dict] = Field(
        default=[], description="items handed over at the door: point, item, name, at"
    )


class CheckEmailOut(Schema):
    status: Literal["check_email"]
    detail: str


class StaffRegistrationOut(Schema):
    code: str
    category: str
    status: str
    name: str
    name_en: str
    organization: str
    title: str
    email: str
    phone: str
    created_at: datetime


class RegistrationOut(StaffRegistrationOut):
    """What the attendee's private link shows: the staff's view of the registration, and the ticket."""

    edition: str
    language: str
    ticket_token: str | None
    ticket_version: int
    consent_version: str | None
    consented_at: datetime | None


class RegistrationPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = limited(Registration, "name", None, min_length=1)
    name_en: str | None = limited(Registration, "name_en", None)
    organization: str | None = limited(Organization, "name", None, min_length=1)
    title: str | None = limited(Registration, "title", None)
    email: str | None = limited(Registration, "email", None)
    phone: str | None = limited(Registration, "phone", None)
    language: LanguageCode | None = None


class StatusOut(Schema):
    code: str
    status: str


class EditionPatch(Schema):
    """An edition's settings; `{"published": true}` publishes a draft."""

    model_config = ConfigDict(extra="forbid")

    published: StrictBool | None = None
    name: str | None = limited(Edition, "name", None, min_length=1)
    name_en: str | None = limited(Edition, "name_en", None)
    tagline: str | None = limited(Edition, "tagline", None)
    tagline_en: str | None = limited(Edition, "tagline_en", None)
    description: str | None = None
    description_en: str | None = None
    venue: str | None = limited(Edition, "venue", None, min_length=1)
    venue_en: str | None = limited(Edition, "venue_en", None)
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    timezone: str | None = limited(Edition, "timezone", None, min_length=1)
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None


class EditionSettingsOut(EditionDetailOut):
    published: bool
    consent_confirmed: bool | None = Field(
        description="false: the privacy notice a clone carried over waits to be confirmed "
        "(POST /events/{slug}/consent/confirm) before the edition can be published; null: no notice"
    )
    description: str
    description_en: str
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
