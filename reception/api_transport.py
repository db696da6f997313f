"""Reception's API for stations, vehicles and pickups (the same router as reception.api)."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema
from ninja.responses import Status
from pydantic import Field

from documents.pipeline import render_pdf
from documents.spreadsheets import XLSX_MEDIA_TYPE
from events.selectors import get_edition

from . import notices
from . import transport_documents as docs
from .api import READ, RECEPTION, file_response, router
from .models import MealSession, Vehicle
from .schemas import IdOut, StationIn, VehicleIn
from .services import meals, replan, transport


class PickupPlanIn(Schema):
    date: dt.date
    station: int | None = None
    direction: str = Field("arrival", description="arrival or departure")
    window_minutes: int = Field(60, ge=10, le=240)
    buffer_minutes: int = Field(60, ge=0, le=240)


class PassengerOut(Schema):
    code: str
    name: str
    number: str
    time: str


class RunOut(Schema):
    id: int
    station: str
    direction: str
    at: str
    window: list[str]
    vehicle: str | None
    driver: str
    passengers: list[PassengerOut]


class UnplacedOut(Schema):
    code: str
    reason: str = Field(description="no_time or no_station")


class PickupPlanOut(Schema):
    runs: list[RunOut]
    unplaced: list[UnplacedOut]


@router.post("/events/{slug}/stations", response={201: IdOut}, auth=RECEPTION)
def create_station(request: HttpRequest, slug: str, payload: StationIn):
    return Status(201, {"id": transport.create_station(edition=get_edition(slug), **payload.dict()).pk})


@router.post("/events/{slug}/vehicles", response={201: IdOut}, auth=RECEPTION)
def create_vehicle(request: HttpRequest, slug: str, payload: VehicleIn):
    return Status(201, {"id": transport.create_vehicle(edition=get_edition(slug), **payload.dict()).pk})


@router.post("/events/{slug}/pickups/plan", response=PickupPlanOut, auth=RECEPTION)
def plan(request: HttpRequest, slug: str, payload: PickupPlanIn):
    return transport.plan_pickups(edition=get_edition(slug), **payload.dict())


class LegChangeIn(Schema):
    code: str = Field(max_length=12)
    direction: str = Field("arrival", description="arrival or departure")
    date: dt.date | None = None
    time: dt.time | None = None
    number: str | None = Field(None, max_length=20, description="train or flight number")
    place: str | None = Field(None, max_length=100, description="station or airport")


class ToldOut(Schema):
    code: str
    name: str
    phone: str
    at: str | None
    date: str | None
    station: str | None
    vehicle: str | None


class DriverOut(Schema):
    plate: str
    driver: str
    driver_phone: str


class ReplanOut(Schema):
    tell: list[ToldOut] = Field(description="the traveller, then passengers whose time or car changed")
    drivers: list[DriverOut] = Field(description="drivers of the runs that changed")
    runs: list[RunOut]


@router.post("/events/{slug}/pickups/replan", response=ReplanOut, auth=RECEPTION)
def replan_leg(request: HttpRequest, slug: str, payload: LegChangeIn):
    """A traveller's leg changed: only the runs it touches are re-planned; who must be told."""
    data = payload.dict(exclude_unset=True)
    code, direction = data.pop("code"), data.pop("direction", "arrival")
    return replan.change_leg(edition=get_edition(slug), code=code, direction=direction, data=data)


@router.get("/events/{slug}/pickups/manifest.pdf", auth=RECEPTION)
def manifest_pdf(request: HttpRequest, slug: str, date: str):
    edition, day = get_edition(slug), docs.day(date)
    return file_response(docs.manifest_pdf(edition, day), "application/pdf", f"{slug}-pickups-{day}.pdf")


@router.get("/events/{slug}/pickups.xlsx", auth=RECEPTION)
def manifest_xlsx(request: HttpRequest, slug: str, date: str):
    edition, day = get_edition(slug), docs.day(date)
    return file_response(docs.manifest_xlsx(edition, day), XLSX_MEDIA_TYPE, f"{slug}-pickups-{day}.xlsx")


@router.get("/events/{slug}/vehicles/{vehicle_id}/driver-sheet.pdf", auth=RECEPTION)
def driver_sheet(request: HttpRequest, slug: str, vehicle_id: int, date: str):

    edition, day = get_edition(slug), docs.day(date)
    vehicle = get_object_or_404(Vehicle, edition=edition, pk=vehicle_id)
    return file_response(
        docs.driver_sheet_pdf(edition, vehicle, day),
        "application/pdf",
        f"{slug}-driver-{vehicle.pk}-{day}.pdf",
    )


class MealIn(Schema):
    date: dt.date
    kind: str = Field(description="breakfast, lunch or dinner")
    style: str = Field(description="buffet, table or banquet")
    venue: str = Field("", max_length=100)
    point: str | None = Field(None, description="code of a door point that admits once a day")
    categories: list[str] = []
    standard: float | None = Field(None, ge=0, description="yuan per person")


class DietaryOut(Schema):
    vegetarian: int
    halal: int
    allergy: int
    other: int


class MealOut(Schema):
    id: int
    date: str
    kind: str
    style: str
    venue: str
    point: str | None
    planned: int
    dietary: DietaryOut
    served: int


@router.post("/events/{slug}/meals", response={201: IdOut}, auth=RECEPTION)
def create_meal(request: HttpRequest, slug: str, payload: MealIn):
    return Status(201, {"id": meals.create_meal(edition=get_edition(slug), **payload.dict()).pk})


@router.get("/events/{slug}/meals", response=list[MealOut], auth=READ)
def list_meals(request: HttpRequest, slug: str):
    return meals.meals_out(get_edition(slug))


@router.get("/events/{slug}/meals/{meal_id}/caterer.pdf", auth=RECEPTION)
def caterer_pdf(request: HttpRequest, slug: str, meal_id: int):

    meal = get_object_or_404(MealSession, edition=get_edition(slug), pk=meal_id)
    return file_response(
        render_pdf("documents/reception_caterer.html", meals.caterer_context(meal)),
        "application/pdf",
        f"{slug}-meal-{meal.pk}.pdf",
    )


class NotifyIn(Schema):
    kind: str = Field(description="room or pickup")
    codes: list[str] | None = None


class QueuedOut(Schema):
    queued: int


@router.post("/events/{slug}/reception/notify", response={202: QueuedOut}, auth=RECEPTION)
def notify(request: HttpRequest, slug: str, payload: NotifyIn):

    return Status(
        202, {"queued": notices.queue(edition=get_edition(slug), kind=payload.kind, codes=payload.codes)}
    )
