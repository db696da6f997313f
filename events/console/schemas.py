"""The bodies of the console's edition-settings API (api.py): a category, the privacy notice, a clone."""

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool

from ..dates import IsoDate
from ..limits import MAX_INT, limited
from ..models import Edition


class CategoryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    capacity: int | None = Field(None, ge=0, le=MAX_INT)
    requires_approval: StrictBool | None = None
    waitlist: StrictBool | None = None


class CloneIn(Schema):
    model_config = ConfigDict(extra="forbid")

    slug: str = limited(Edition, "slug", min_length=1, description="the new edition's slug, e.g. dazu-2024")
    starts_on: IsoDate
    name: str | None = limited(Edition, "name", None, description="default: the source's name, year moved")
    name_en: str | None = limited(Edition, "name_en", None)


class ConsentConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: str | None = Field(
        None, description="the version read; refused (409) when no longer the current one"
    )


class ConsentNoticeOut(Schema):
    version: str
    text: str
    text_en: str
    confirmed_at: datetime | None
