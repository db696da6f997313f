"""Room assignment (分房): the rules of reception.rooming applied to the edition's stays, under the edition's
row lock, so that two staff pressing "assign" at once run one after the other and no room is overfilled."""

from django.db import connection, transaction
from django.utils.translation import gettext

from events.exceptions import Conflict, InvalidInput
from events.models import Edition
from seating.models import ProtocolEntry

from .. import rooming, selectors
from ..models import Hotel, Room, Stay
from .stays import stay_of

REASONS = {
    rooming.BLOCK_FULL: "block_full",
    rooming.NO_ROOM: "no_room",
    rooming.GENDER: "gender",
    rooming.NO_NIGHTS: "no_nights",
}


def _lock(edition: Edition) -> Edition:
    # The edition's row is the one lock of reception's writes (as a unit list import takes it).
    return Edition.objects.select_for_update().get(pk=edition.pk)


def protocol_codes(edition: Edition) -> set[str]:

    return set(ProtocolEntry.objects.filter(edition=edition).values_list("registration__code", flat=True))


def people_of(rows: list[dict], alone_codes: set[str], single_categories: set[str]) -> list[rooming.Person]:
    return [
        rooming.Person(
            code=r["code"],
            name=r["name"],
            nights=tuple(r["nights"]),
            room_type=r["room_type"],
            sharing=r["sharing"],
            gender=r["gender"],
            unit=r["unit"],
            share_with=r["share_with"],
            alone=r["code"] in alone_codes or r["category"] in single_categories,
            accompanies=r["accompanies"],
            hotel=r["wish_hotel"],
            room=r["room_id"],
            pinned=r["pinned"],
        )
        for r in rows
    ]


def rooms_and_blocks(edition: Edition):
    rooms = [
        rooming.Room(id=pk, hotel=hotel, number=number, room_type=room_type, beds=beds)
        for pk, hotel, number, room_type, beds in Room.objects.filter(hotel__edition=edition).values_list(
            "pk", "hotel_id", "number", "room_type", "beds"
        )
    ]
    blocks = {(b.hotel_id, b.room_type): b.nights for b in selectors.blocks_of(edition)}
    return rooms, blocks


def _answer(edition: Edition, changes: list[tuple], unassigned: list[tuple] = ()) -> dict:
    rows = selectors.stay_rows(edition)
    labels = dict(
        (pk, f"{hotel} {number}")
        for pk, hotel, number in Room.objects.filter(hotel__edition=edition).values_list(
            "pk", "hotel__name", "number"
        )
    )
    return {
        "assigned": [
            {
                "code": r["code"],
                "name": r["name"],
                "hotel": r["hotel"],
                "room": r["room"],
                "nights": r["nights"],
                "roommates": r["roommates"],
            }
            for r in rows
            if r["room_id"]
        ],
        "unassigned": [{"code": c, "reason": REASONS.get(reason, reason)} for c, reason in unassigned],
        "changes": [{"code": c, "from": labels.get(a, ""), "to": labels.get(b, "")} for c, a, b in changes],
    }


def _write_rooms(edition: Edition, rows: list[dict], assigned: dict) -> None:
    """Create the missing Stay rows, then set each changed room in one executemany (1,000 rows through
    bulk_update cost more than the rules)."""
    have = set(Stay.objects.filter(edition=edition).values_list("registration_id", flat=True))
    Stay.objects.bulk_create(
        [Stay(edition=edition, registration_id=r["id"]) for r in rows if r["id"] not in have]
    )
    changed = [(assigned.get(r["code"]), r["id"]) for r in rows if assigned.get(r["code"]) != r["room_id"]]
    if changed:
        with connection.cursor() as cursor:
            table = Stay._meta.db_table
            cursor.executemany(f"UPDATE {table} SET room_id = %s WHERE registration_id = %s", changed)


def assign_rooms(
    *, edition: Edition, keep_spare: int = 0, single_categories: list[str] | None = None
) -> dict:
    """Place every requested stay by the rules (pins kept); answers assigned, unassigned with the reason and
    who changed room."""
    if not 0 <= keep_spare <= 1000:
        raise InvalidInput(gettext("Between 0 and 1000."), field="keep_spare")
    with transaction.atomic():
        _lock(edition)
        rows = selectors.stay_rows(edition)
        people = people_of(rows, protocol_codes(edition), set(single_categories or []))
        rooms, blocks = rooms_and_blocks(edition)
        result = rooming.assign(people, rooms, blocks, keep_spare=keep_spare)
        _write_rooms(edition, rows, result.assigned)
    hotel_names = dict(Hotel.objects.filter(edition=edition).values_list("pk", "name"))
    by_id = {r.id: r for r in rooms}
    mates: dict[int, list[str]] = {}
    for r in rows:
        room = result.assigned.get(r["code"])
        if room is not None:
            mates.setdefault(room, []).append(r["code"])

    def label(room_id):
        return f"{hotel_names[by_id[room_id].hotel]} {by_id[room_id].number}" if room_id in by_id else ""

    assigned = []
    for r in rows:
        room = result.assigned.get(r["code"])
        if room is not None:
            assigned.append(
                {
                    "code": r["code"],
                    "name": r["name"],
                    "hotel": hotel_names[by_id[room].hotel],
                    "room": by_id[room].number,
                    "nights": r["nights"],
                    "roommates": [c for c in mates[room] if c != r["code"]],
                }
            )
    return {
        "assigned": assigned,
        "unassigned": [{"code": c, "reason": REASONS.get(reason, reason)} for c, reason in result.unassigned],
        "changes": [{"code": c, "from": label(a), "to": label(b)} for c, a, b in result.changes],
    }


def _check_room(edition: Edition, stay: Stay, room: Room, rows: list[dict], leaving: set[str]) -> None:
    me = next((r for r in rows if r["code"] == stay.registration.code), None)
    nights = me["nights"] if me else []
    others = [r for r in rows if r["room_id"] == room.pk and r["code"] not in leaving]
    for night in nights:
        if sum(1 for o in others if night in o["nights"]) + 1 > room.beds:
            raise Conflict(
                gettext("Room %(room)s has no free bed that night.") % {"room": room.number}, field="room"
            )
    if others and me and any(o["gender"] != me["gender"] or not o["gender"] for o in others):
        raise Conflict(gettext("A shared room holds people of one gender."), field="room")


def move(*, edition: Edition, code: str, hotel, number: str) -> dict:
    """Put one person in a room (beds and gender checked) and pin them there."""
    with transaction.atomic():
        _lock(edition)
        stay = stay_of(edition, code, lock=True)
        room = selectors.room_of(edition, hotel, number)
        rows = selectors.stay_rows(edition)
        _check_room(edition, stay, room, rows, {code})
        before = stay.room_id
        stay.room, stay.pinned = room, True
        stay.save(update_fields=["room", "pinned", "updated_at"])
    return _answer(edition, [(code, before, room.pk)] if before != room.pk else [])


def swap(*, edition: Edition, a: str, b: str) -> dict:
    """Exchange two people's rooms and pin both."""
    if a == b:
        raise InvalidInput(gettext("Give two different people."), field="b")
    with transaction.atomic():
        _lock(edition)
        first, second = stay_of(edition, a, lock=True), stay_of(edition, b, lock=True)
        ra, rb = first.room, second.room
        rows = selectors.stay_rows(edition)
        if rb:
            _check_room(edition, first, rb, rows, {a, b})
        if ra:
            _check_room(edition, second, ra, rows, {a, b})
        first.room, second.room = rb, ra
        first.pinned = second.pinned = True
        for s in (first, second):
            s.save(update_fields=["room", "pinned", "updated_at"])
    changes = [(a, ra and ra.pk, rb and rb.pk), (b, rb and rb.pk, ra and ra.pk)]
    return _answer(edition, [c for c in changes if c[1] != c[2]])


def pin(*, edition: Edition, code: str, pinned: bool) -> dict:
    with transaction.atomic():
        _lock(edition)
        stay = stay_of(edition, code, lock=True)
        stay.pinned = pinned
        stay.save(update_fields=["pinned", "updated_at"])
    return _answer(edition, [])
