"""Reception's API: hotels, blocks, rooms, stays and room assignment (pickups and meals in api_more.py)."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from documents.spreadsheets import XLSX_MEDIA_TYPE
from events.access import uploaded_bytes
from events.auth import staff
from events.exceptions import Conflict, InvalidInput
from events.selectors import get_edition

from . import documents, selectors
from .schemas import (
    BlockIn,
    HotelIn,
    HotelRoomIn,
    IdOut,
    MoveIn,
    RoomingAssignIn,
    RoomingOut,
    StayOut,
    StayPatch,
)
from .services import assignment, hotels, rooms_xlsx, stays

router = Router(tags=["reception"])
RECEPTION = staff("reception")
READ = staff("reception", "view")


def file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        data, content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.post("/events/{slug}/hotels", response={201: IdOut}, auth=RECEPTION)
def create_hotel(request: HttpRequest, slug: str, payload: HotelIn):
    hotel = hotels.create_hotel(edition=get_edition(slug), **payload.dict())
    return Status(201, {"id": hotel.pk})


@router.post("/events/{slug}/hotels/{hotel_id}/blocks", response={201: IdOut}, auth=RECEPTION)
def create_block(request: HttpRequest, slug: str, hotel_id: int, payload: BlockIn):
    hotel = selectors.get_hotel(get_edition(slug), hotel_id)
    data = payload.dict()
    block = hotels.set_block(
        hotel=hotel,
        room_type=data["room_type"].value,
        nights=data["nights"],
        rate=data["rate"],
        cutoff_on=data["cutoff_on"],
    )
    return Status(201, {"id": block.pk})


@router.post(
    "/events/{slug}/hotels/{hotel_id}/rooms",
    response={201: IdOut},
    auth=RECEPTION,
    url_name="reception_create_room",
)
def create_room(request: HttpRequest, slug: str, hotel_id: int, payload: HotelRoomIn):
    hotel = selectors.get_hotel(get_edition(slug), hotel_id)
    data = payload.dict()
    room = hotels.add_room(
        hotel=hotel,
        number=data["number"],
        room_type=data["room_type"].value,
        beds=data["beds"],
        floor=data["floor"],
    )
    return Status(201, {"id": room.pk})


class RoomsImportOut(Schema):
    created: int
    updated: int


@router.get("/events/{slug}/rooms-template.xlsx", auth=RECEPTION)
def rooms_template(request: HttpRequest, slug: str):
    """The rooms template (房号, 房型, 楼层, 床位) with three example rows, to fill in and upload per hotel."""
    get_edition(slug)
    return file_response(rooms_xlsx.template_bytes(), XLSX_MEDIA_TYPE, "rooms-template.xlsx")


@router.post("/events/{slug}/hotels/{hotel_id}/rooms.xlsx", response=RoomsImportOut, auth=RECEPTION)
def upload_rooms(request: HttpRequest, slug: str, hotel_id: int, file: File[UploadedFile | None] = None):
    """Rooms of the hotel from the filled-in template: new numbers are added, known ones updated; any bad
    row is a 422 with `errors` [{row, field, message}] and nothing is written."""
    hotel = selectors.get_hotel(get_edition(slug), hotel_id)
    return rooms_xlsx.import_rooms(hotel=hotel, content=uploaded_bytes(file, rooms_xlsx.MAX_BYTES))


@router.get("/events/{slug}/stays", response=list[StayOut], auth=READ)
def list_stays(request: HttpRequest, slug: str):
    return selectors.stay_rows(get_edition(slug))


@router.patch("/events/{slug}/stays/{code}", response=StayOut, auth=RECEPTION)
def patch_stay(request: HttpRequest, slug: str, code: str, payload: StayPatch):
    edition = get_edition(slug)
    with transaction.atomic():
        stays.update_stay(edition=edition, code=code, data=payload.dict(exclude_unset=True))
        rows = selectors.stay_rows(edition, [code])
        if not rows:  # nothing written: the person asks for no room (and staff gave no nights)
            raise Conflict(gettext("This person asks for no room: give the nights."), field="nights")
    return rows[0]


@router.post(
    "/events/{slug}/rooming/assign",
    response=RoomingOut,
    auth=RECEPTION,
    by_alias=True,
    url_name="rooming_assign",
)
def assign(request: HttpRequest, slug: str, payload: RoomingAssignIn):
    return assignment.assign_rooms(edition=get_edition(slug), **payload.dict())


@router.post("/events/{slug}/rooming/move", response=RoomingOut, auth=RECEPTION, by_alias=True)
def move(request: HttpRequest, slug: str, payload: MoveIn):
    edition = get_edition(slug)
    if payload.a and payload.b:
        return assignment.swap(edition=edition, a=payload.a, b=payload.b)
    if payload.code and payload.room:
        return assignment.move(
            edition=edition, code=payload.code, hotel=payload.room.hotel, number=payload.room.number
        )
    if payload.code and payload.pinned is not None:
        return assignment.pin(edition=edition, code=payload.code, pinned=payload.pinned)
    raise InvalidInput(gettext("Give a code and a room, or two codes a and b to swap."), field="code")


@router.get("/events/{slug}/hotels/{hotel_id}/rooming-list.xlsx", auth=RECEPTION)
def rooming_list(request: HttpRequest, slug: str, hotel_id: int, night: str = ""):
    hotel = selectors.get_hotel(get_edition(slug), hotel_id)
    data = documents.rooming_list_xlsx(hotel, night or None)
    return file_response(
        data, XLSX_MEDIA_TYPE, f"{slug}-rooming-{hotel.pk}{'-' + night if night else ''}.xlsx"
    )


@router.get("/events/{slug}/rooming/desk.pdf", auth=RECEPTION)
def desk_pdf(request: HttpRequest, slug: str):
    return file_response(documents.desk_pdf(get_edition(slug)), "application/pdf", f"{slug}-rooming-desk.pdf")


from . import api_transport  # noqa: E402, F401  (registers its endpoints on this router)
