"""Hotels, their room blocks and rooms (staff enter them; rooms may come late)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from events.exceptions import Conflict, InvalidInput
from events.models import Edition

from ..models import Hotel, Room, RoomBlock, RoomType

TYPES = [t.value for t in RoomType]


def _text(value, field: str, model, required=False) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value)
    limit = model._meta.get_field(field).max_length
    if required and not text:
        raise InvalidInput(gettext("This field is required."), field=field)
    if limit and len(text) > limit:
        raise InvalidInput(gettext("At most %(n)s characters.") % {"n": limit}, field=field)
    return text


def create_hotel(
    *,
    edition: Edition,
    name: str,
    name_en: str = "",
    address: str = "",
    contact: str = "",
    phone: str = "",
    distance_minutes: int | None = None,
) -> Hotel:
    """A hotel of the edition (its name unique in the edition: 409 otherwise)."""
    data = {
        f: _text(v, f, Hotel)
        for f, v in {"name_en": name_en, "address": address, "contact": contact, "phone": phone}.items()
    }
    name = _text(name, "name", Hotel, required=True)
    if distance_minutes is not None and not 0 <= int(distance_minutes) <= 1440:
        raise InvalidInput(gettext("Give minutes between 0 and 1440."), field="distance_minutes")
    try:
        with transaction.atomic():
            return Hotel.objects.create(edition=edition, name=name, distance_minutes=distance_minutes, **data)
    except IntegrityError:
        raise Conflict(gettext("A hotel of that name exists."), field="name")


def _nights(edition: Edition, nights: dict) -> dict:
    if not isinstance(nights, dict) or not nights:
        raise InvalidInput(gettext('Give the rooms per night, e.g. {"2023-06-27": 20}.'), field="nights")
    out = {}
    for key, count in nights.items():
        try:
            night = dt.date.fromisoformat(str(key))
        except ValueError:
            raise InvalidInput(gettext("Use a date like 2023-06-27."), field="nights")
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 10000:
            raise InvalidInput(gettext("A count of rooms between 0 and 10000."), field="nights")
        out[night.isoformat()] = count
    return dict(sorted(out.items()))


def set_block(*, hotel: Hotel, room_type: str, nights: dict, rate=None, cutoff_on=None) -> RoomBlock:
    """The hotel's block of one room type (a second call for the same type replaces its nights)."""
    if room_type not in TYPES:
        raise InvalidInput(gettext("Choose one of the offered options."), field="room_type")
    clean = _nights(hotel.edition, nights)
    if rate is not None:
        try:
            rate = Decimal(str(rate)).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise InvalidInput(gettext("Give an amount such as 480.00."), field="rate")
        if rate < 0 or rate >= Decimal("10000000"):
            raise InvalidInput(gettext("Give an amount such as 480.00."), field="rate")
    block, _ = RoomBlock.objects.update_or_create(
        hotel=hotel, room_type=room_type, defaults={"nights": clean, "rate": rate, "cutoff_on": cutoff_on}
    )
    return block


def add_room(*, hotel: Hotel, number: str, room_type: str, beds: int | None = None, floor: str = "") -> Room:
    """A room of the hotel; beds default to 2 for a twin, 1 otherwise."""
    number = _text(number, "number", Room, required=True)
    if room_type not in TYPES:
        raise InvalidInput(gettext("Choose one of the offered options."), field="room_type")
    beds = beds if beds is not None else (2 if room_type == RoomType.TWIN else 1)
    if not 1 <= beds <= 8:
        raise InvalidInput(gettext("Between 1 and 8 beds."), field="beds")
    try:
        with transaction.atomic():
            return Room.objects.create(
                hotel=hotel, number=number, room_type=room_type, beds=beds, floor=_text(floor, "floor", Room)
            )
    except IntegrityError:
        raise Conflict(gettext("That room number exists in this hotel."), field="number")


def add_rooms(*, hotel: Hotel, numbers: list[str], room_type: str, beds: int | None = None) -> int:
    """Several rooms of one type at once (the page's "8101-8120"); existing numbers are left alone."""
    made = 0
    with transaction.atomic():
        existing = set(hotel.rooms.values_list("number", flat=True))
        for number in numbers:
            if number not in existing:
                add_room(hotel=hotel, number=number, room_type=room_type, beds=beds, floor=number[:-2] or "")
                made += 1
    return made


def parse_numbers(text: str) -> list[str]:
    """ "8101-8105, 8201" -> the room numbers."""
    out = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, _, b = part.partition("-")
            if not (a.strip().isdigit() and b.strip().isdigit()) or int(b) < int(a) or int(b) - int(a) > 500:
                raise InvalidInput(gettext("Write room numbers like 8101-8120, 8201."), field="numbers")
            out += [str(n) for n in range(int(a), int(b) + 1)]
        else:
            out.append(part)
    if not out:
        raise InvalidInput(gettext("Write room numbers like 8101-8120, 8201."), field="numbers")
    return out
