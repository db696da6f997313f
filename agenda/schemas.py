from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StrictBool

from events.limits import limited
from events.models import Category, Organization

from .enums import SessionKind
from .models import Person, Release, Room, Session

# Lengths are the database columns' (a longer text is a 422 naming the field, on every database).
Kind = Literal[tuple(SessionKind.values)]  # type: ignore[valid-type]
TEXT_MAX = 10_000
WHEN = "ISO 8601 date and time, e.g. 2023-06-28T09:30 (the edition's time zone) or with an offset"
RoomName = Annotated[str, limited(Room, "name", min_length=1)]
Name = Annotated[str, limited(Person, "name", min_length=1)]  # a person's on the programme
Code = Annotated[str, limited(Category, "code", min_length=1)]


class AgendaPersonOut(Schema):
    name: str
    name_en: str
    title: str
    title_en: str
    organization: str
    organization_en: str


class SessionIn(Schema):
    title: str = limited(Session, "title", min_length=1)
    title_en: str = limited(Session, "title_en", "")
    kind: Kind
    starts_at: str = Field(min_length=1, max_length=40, description=WHEN)
    ends_at: str = Field(min_length=1, max_length=40, description=WHEN)
    room: RoomName
    speakers: list[Name] | None = None
    host: Name | None = None
    description: str = Field("", max_length=TEXT_MAX)
    description_en: str = Field("", max_length=TEXT_MAX)
    expected_categories: list[Code] | None = None
    allow_conflicts: StrictBool = False


class SessionPatch(Schema):
    title: str | None = limited(Session, "title", None, min_length=1)
    title_en: str | None = limited(Session, "title_en", None)
    kind: Kind | None = None
    starts_at: str | None = Field(None, min_length=1, max_length=40, description=WHEN)
    ends_at: str | None = Field(None, min_length=1, max_length=40, description=WHEN)
    room: RoomName | None = None
    speakers: list[Name] | None = None
    host: Name | None = None
    description: str | None = Field(None, max_length=TEXT_MAX)
    description_en: str | None = Field(None, max_length=TEXT_MAX)
    expected_categories: list[Code] | None = None
    allow_conflicts: StrictBool = False


class SessionOut(Schema):
    id: int
    uid: str
    kind: str
    title: str
    title_en: str
    description: str
    description_en: str
    starts_at: str
    ends_at: str
    room: str
    room_en: str
    speakers: list[AgendaPersonOut]
    host: AgendaPersonOut | None
    expected_categories: list[str] = []
    conflicts: list[dict] = []


class ConflictsOut(Schema):
    count: int
    conflicts: list[dict]


class ReleaseIn(Schema):
    comment: str = limited(Release, "comment", "")


class ReleaseOut(Schema):
    version: int
    published_at: str
    comment: str
    changes: list[dict]


class RoomIn(Schema):
    name: str = limited(Room, "name", min_length=1)
    name_en: str = limited(Room, "name_en", "")
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    order: int = Field(0, ge=0, le=32767)


class RoomOut(Schema):
    id: int
    name: str
    name_en: str
    capacity: int | None


class AgendaPersonIn(Schema):
    name: Name
    name_en: str = limited(Person, "name_en", "")
    title: str = limited(Person, "title", "")
    title_en: str = limited(Person, "title_en", "")
    organization: str = limited(Organization, "name", "")
    registration: str = Field("", max_length=40)


class PublicAgendaOut(Schema):
    """The latest published release, as stored at publish time (GET /events/{slug}/agenda)."""

    edition: str
    name: str
    name_en: str
    timezone: str
    version: int
    published_at: str
    comment: str
    sessions: list[SessionOut]
    changes: list[dict]
    changelog: list[ReleaseOut]
