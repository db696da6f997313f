from ninja import Schema
from pydantic import Field


class PersonOut(Schema):
    name: str
    name_en: str
    title: str
    title_en: str
    organization: str
    organization_en: str


class SessionIn(Schema):
    title: str
    title_en: str = ""
    kind: str
    starts_at: str
    ends_at: str
    room: str
    speakers: list[str] | None = None
    host: str | None = None
    description: str = ""
    description_en: str = ""
    expected_categories: list[str] | None = None
    allow_conflicts: bool = False


class SessionPatch(Schema):
    title: str | None = None
    title_en: str | None = None
    kind: str | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    room: str | None = None
    speakers: list[str] | None = None
    host: str | None = None
    description: str | None = None
    description_en: str | None = None
    expected_categories: list[str] | None = None
    allow_conflicts: bool = False


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
    speakers: list[PersonOut]
    host: PersonOut | None
    expected_categories: list[str] = []
    conflicts: list[dict] = []


class ConflictsOut(Schema):
    count: int
    conflicts: list[dict]


class ReleaseIn(Schema):
    comment: str = ""


class ReleaseOut(Schema):
    version: int
    published_at: str
    comment: str
    changes: list[dict]


class RoomIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=100)
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    order: int = Field(0, ge=0, le=32767)


class RoomOut(Schema):
    id: int
    name: str
    name_en: str
    capacity: int | None


class PersonIn(Schema):
    name: str
    name_en: str = ""
    title: str = ""
    title_en: str = ""
    organization: str = ""
    registration: str = ""
