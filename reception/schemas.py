"""API shapes of reception. Lenient where the services check and answer with a message naming the field."""

import datetime as dt
from enum import StrEnum

from ninja import Schema
from pydantic import Field

from events.limits import limited

from .models import Hotel, Room, Station, Vehicle


class RoomTypeIn(StrEnum):
    single = "single"
    twin = "twin"
    suite = "suite"


class IdOut(Schema):
    id: int


class HotelIn(Schema):
    name: str = limited(Hotel, "name", min_length=1)
    name_en: str = limited(Hotel, "name_en", "")
    address: str = limited(Hotel, "address", "")
    contact: str = limited(Hotel, "contact", "")
    phone: str = limited(Hotel, "phone", "")
    distance_minutes: int | None = Field(None, ge=0, le=1440)


class BlockIn(Schema):
    room_type: RoomTypeIn
    nights: dict[str, int] = Field(description="{night (YYYY-MM-DD): rooms}")
    rate: float | None = Field(None, ge=0, description="per room and night, yuan")
    cutoff_on: dt.date | None = None


class HotelRoomIn(Schema):
    number: str = limited(Room, "number", min_length=1)
    room_type: RoomTypeIn
    beds: int | None = Field(None, ge=1, le=8)
    floor: str = limited(Room, "floor", "")


class StayOut(Schema):
    code: str
    name: str
    unit: str
    gender: str
    nights: list[str]
    room_type: str
    sharing: bool
    share_with: str
    accompanies: str
    hotel: str
    room: str
    roommates: list[str]
    pinned: bool


class StayPatch(Schema):
    gender: str | None = Field(None, description="f, m or blank")
    accompanies: str | None = Field(None, max_length=12, description="the leader's registration code")
    nights: list[dt.date] | None = None
    hotel: int | None = None


class RoomingAssignIn(Schema):
    keep_spare: int = Field(0, ge=0, le=1000, description="rooms kept free per hotel and night (机动房)")
    single_categories: list[str] = Field([], description="category codes who sleep alone")


class AssignedOut(Schema):
    code: str
    name: str
    hotel: str
    room: str
    nights: list[str]
    roommates: list[str]


class UnassignedOut(Schema):
    code: str
    reason: str = Field(description="block_full, no_room, gender or no_nights")


class RoomingChangeOut(Schema):
    code: str
    from_: str = Field(alias="from")
    to: str


class RoomingOut(Schema):
    assigned: list[AssignedOut]
    unassigned: list[UnassignedOut]
    changes: list[RoomingChangeOut]


class RoomRef(Schema):
    hotel: str | int = Field(description="the hotel's name or id")
    number: str


class MoveIn(Schema):
    code: str | None = None
    room: RoomRef | None = None
    a: str | None = None
    b: str | None = None
    pinned: bool | None = Field(None, description="with `code` alone: pin or unpin")


class StationIn(Schema):
    name: str = limited(Station, "name", min_length=1)
    kind: str = Field(description="airport or rail")
    travel_minutes: int = Field(60, ge=0, le=1440)


class VehicleIn(Schema):
    plate: str = limited(Vehicle, "plate", min_length=1)
    kind: str = limited(Vehicle, "kind", "")
    seats: int = Field(ge=1, le=80)
    driver_name: str = limited(Vehicle, "driver_name", min_length=1)
    driver_phone: str = limited(Vehicle, "driver_phone", min_length=1)
