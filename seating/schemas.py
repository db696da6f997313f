from ninja import Schema
from pydantic import Field

from events.limits import limited

from .models import SeatingPlan

# Lenient shapes: the services check values and answer with a message that names the field, in both languages.


class TableIn(Schema):
    number: int
    seats: int


class PlanIn(Schema):
    name: str = limited(SeatingPlan, "name")
    kind: str = Field(description="rostrum, floor, signing or banquet")
    session: int | None = Field(None, description="agenda session id")
    rows: list[int] | None = Field(None, description="seats per row, front row first (rostrum, floor)")
    tables: list[TableIn] | None = Field(None, description="banquet tables; the first is the head table")
    honour: str = Field("left", description="left (Chinese government practice) or right (international)")
    order_by: str = Field("list", description="units on a floor: list (published), strokes or pinyin")
    layout: str = Field("across", description="floor: across (横排), columns (竖排) or centre (左右)")
    units: list[str] = Field([], description="the published order of units (organisation names)")
    reserved_rows: list[int] = []
    reserved_seats: list[list[int]] = Field([], description="[row, seat] pairs")
    categories: list[str] = Field([], description="category codes seated by default")


class PlanCreatedOut(Schema):
    id: int
    name: str
    kind: str


class SeatOut(Schema):
    code: str
    name: str
    row: int
    seat: int
    label: str


class PlanSeatOut(SeatOut):
    organization: str
    pinned: bool
    manual: bool


class PlanOut(Schema):
    id: int
    name: str
    kind: str
    session: int | None
    rows: list[int]
    tables: list[TableIn]
    honour: str
    order_by: str
    layout: str
    units: list[str]
    reserved_rows: list[int]
    reserved_seats: list[list[int]]
    categories: list[str]
    capacity: int
    seats: list[PlanSeatOut]


class AssignIn(Schema):
    people: list[str] | None = Field(None, description="registration codes, most senior first")
    pins: dict[str, str] = Field({}, description='{code: seat label or "row-seat"}; "" unpins')
    fresh: bool = Field(False, description="floor: recompute every seat, not only the free ones")


class ChangeOut(Schema):
    code: str
    name: str = ""
    from_: str | None = Field(None, alias="from")
    to: str | None


class ConflictOut(Schema):
    kind: str
    message: str
    code: str | None = None
    codes: list[str] | None = None


class AssignOut(Schema):
    seats: list[SeatOut]
    changes: list[ChangeOut]
    conflicts: list[ConflictOut]


class SwapIn(Schema):
    a: str = Field(description="a seated person's code")
    b: str = Field(description="another seated person's code, or a free seat's label")


class SwapOut(Schema):
    changes: list[ChangeOut]


class ProtocolIn(Schema):
    codes: list[str] = Field(description="registration codes, most senior first")


class ProtocolEntryOut(Schema):
    position: int
    code: str
    name: str
    title: str
    organization: str
    status: str


class SeatingHallOut(Schema):
    """The hall screen's state: seats given out, and which of their holders have checked in at any door."""

    plan: str
    assigned: int = Field(description="seats with a person on them")
    arrived: int = Field(description="of those, people checked in")
    seats: list[tuple[int, int, bool]] = Field(description="[row, seat, arrived] for every assigned seat")
