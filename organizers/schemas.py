"""Bodies and answers of the platform API (organizers/api.py)."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from events.dates import IsoDate
from events.limits import limited
from events.models import Edition, Series

from .models import Organizer, Team
from .permissions import FLAGS

Flag = Literal[FLAGS]  # type: ignore[valid-type]


class OrganizerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    slug: str = limited(Organizer, "slug", min_length=1)
    name: str = limited(Organizer, "name", min_length=1)
    name_en: str = limited(Organizer, "name_en", default="")


class OrganizerOut(Schema):
    slug: str
    name: str
    name_en: str


class SeriesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    slug: str = limited(Series, "slug", min_length=1)
    name: str = limited(Series, "name", min_length=1)
    name_en: str = limited(Series, "name_en", default="")


class SeriesOut(Schema):
    slug: str
    name: str
    name_en: str
    organizer: str


class EditionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    slug: str = limited(Edition, "slug", min_length=1)
    name: str = limited(Edition, "name", min_length=1)
    name_en: str = limited(Edition, "name_en", default="")
    starts_on: IsoDate
    ends_on: IsoDate | None = None
    venue: str = limited(Edition, "venue", default="")
    clone_from: str | None = Field(None, description="the slug of an edition of the same organiser to copy")


class Scope(Schema):
    model_config = ConfigDict(extra="forbid")

    organizer: bool | None = None
    series: list[str] | None = None
    editions: list[str] | None = None


class TeamIn(Schema):
    """Creating: name, permissions and scope are required; changing (PATCH): any of them."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = limited(Team, "name", default=None)
    permissions: list[str] | None = Field(None, description=f"flags: {', '.join(FLAGS)}")
    scope: Scope | None = None
    members: list[str] | None = Field(None, description="usernames")


class TokenInfo(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class TeamOut(Schema):
    id: int
    organizer: str
    name: str
    permissions: list[str]
    scope: dict
    members: list[str]
    tokens: list[TokenInfo]


class UserIn(Schema):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(..., min_length=1, max_length=150)
    email: str = Field(..., min_length=3, max_length=254)
    name: str = Field("", max_length=150)


class UserCreatedOut(Schema):
    username: str
    set_password_url: str


class TokenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=100)


class TokenCreatedOut(Schema):
    id: int
    token: str
