"""Rooms uploaded as XLSX for a hotel (房号, 房型, 楼层, 床位): the template, and the reading back. Every row
is checked first; any bad row is a 422 listing each row and field, and nothing is written."""

from __future__ import annotations

from io import BytesIO

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext

from documents.spreadsheets import workbook_bytes
from events.exceptions import InvalidInput

from ..models import Hotel, Room, RoomType, Stay
from .assignment import _lock

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
HEADERS = ["房号 Number", "房型 Type", "楼层 Floor", "床位 Beds"]
KEYS = ("number", "room_type", "floor", "beds")
# A type as the hotel writes it: the code, the Chinese or the English name.
TYPE_WORDS = {w.lower(): t for t, label in RoomType.choices for w in (t, label, *label.split(" ", 1))}
TYPE_WORDS.update({"单人间": "single", "双人间": "twin", "标准间": "twin", "double": "twin"})


def template_bytes() -> bytes:
    example = [["8101", "标间 Twin", "8", 2], ["8301", "单间 Single", "8", 1], ["8501", "套间 Suite", "8", 1]]
    return workbook_bytes([("客房 Rooms", HEADERS, example)])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rooms(content: bytes) -> list[dict]:
    """The rows of the workbook as {row, number, room_type, floor, beds}; a 422 naming the file when it is
    not one, a 422 with `errors` [{row, field, message}] when any row is wrong."""
    from openpyxl import load_workbook  # noqa: PLC0415  # reason: openpyxl loads only when a file is read

    if not content:
        raise InvalidInput(gettext("The file is empty."), field="file")
    if len(content) > MAX_BYTES:
        raise InvalidInput(gettext("The file is larger than 2 MB."), field="file")
    try:
        wb = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InvalidInput(gettext("This is not an Excel workbook (.xlsx): use the template."), field="file")
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    if len(rows) > MAX_ROWS + 1:
        raise InvalidInput(gettext("At most %(n)s rooms in one file.") % {"n": MAX_ROWS}, field="file")
    out, errors, seen = [], [], {}
    for i, values in enumerate(rows[1:], start=2):
        cells = [_cell(v) for v in (list(values) + [None] * 4)[:4]]
        if not any(cells):
            continue
        number, kind, floor, beds = cells
        row = {"row": i, "number": number, "floor": floor}

        def bad(field, message, row_no=i):
            errors.append({"row": row_no, "field": field, "message": message})

        if not number:
            bad("number", gettext("A room number is required."))
        elif len(number) > Room._meta.get_field("number").max_length:
            bad(
                "number",
                gettext("At most %(n)s characters.") % {"n": Room._meta.get_field("number").max_length},
            )
        elif number in seen:
            bad(
                "number",
                gettext("Room %(number)s is also in row %(row)s.") % {"number": number, "row": seen[number]},
            )
        seen.setdefault(number, i)
        row["room_type"] = TYPE_WORDS.get(kind.lower())
        if row["room_type"] is None:
            bad("room_type", gettext("Write 单间, 标间 or 套间 (single, twin or suite)."))
        if len(floor) > Room._meta.get_field("floor").max_length:
            bad(
                "floor",
                gettext("At most %(n)s characters.") % {"n": Room._meta.get_field("floor").max_length},
            )
        if beds:
            row["beds"] = int(beds) if beds.isdigit() else None
            if row["beds"] is None or not 1 <= row["beds"] <= 8:
                bad("beds", gettext("Between 1 and 8 beds."))
        else:
            row["beds"] = 2 if row["room_type"] == RoomType.TWIN else 1
        out.append(row)
    if errors:
        first = errors[0]
        raise InvalidInput(
            gettext("Row %(row)s, %(field)s: %(message)s") % first,
            field=first["field"],
            extra={"errors": errors},
        )
    if not out:
        raise InvalidInput(gettext("The file has no rooms: fill in the template."), field="file")
    return out


def import_rooms(*, hotel: Hotel, content: bytes) -> dict:
    """Add the file's rooms to the hotel and update those it has (type, floor, beds): all rows, or none.
    Answers {created, updated}."""
    rows = read_rooms(content)
    with transaction.atomic():
        _lock(hotel.edition)
        existing = {r.number: r for r in Room.objects.filter(hotel=hotel)}
        new, changed = [], []
        for row in rows:
            room = existing.get(row["number"])
            if room is None:
                new.append(
                    Room(
                        hotel=hotel,
                        number=row["number"],
                        room_type=row["room_type"],
                        floor=row["floor"],
                        beds=row["beds"],
                    )
                )
            elif (room.room_type, room.floor, room.beds) != (row["room_type"], row["floor"], row["beds"]):
                room.room_type, room.floor, room.beds = row["room_type"], row["floor"], row["beds"]
                changed.append(room)
        occupied = dict(
            Stay.objects.filter(room__in=changed).values_list("room_id").annotate(n=Count("id")).order_by()
        )
        errors = [
            {
                "row": row["row"],
                "field": "beds",
                "message": gettext("%(n)s people are in room %(number)s.")
                % {"n": occupied[r.pk], "number": r.number},
            }
            for r in changed
            for row in rows
            if row["number"] == r.number and occupied.get(r.pk, 0) > r.beds
        ]
        if errors:
            raise InvalidInput(
                gettext("Row %(row)s, %(field)s: %(message)s") % errors[0],
                field="beds",
                extra={"errors": errors},
            )
        Room.objects.bulk_create(new)
        Room.objects.bulk_update(changed, ["room_type", "floor", "beds"])
    return {"created": len(new), "updated": len(changed)}
