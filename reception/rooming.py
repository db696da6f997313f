"""Room assignment by rules, as a pure function: plain data in, assignments out. No database, no clock.

The rules (issue: reception): a room type's rooms used per night never exceed the hotel's block for that
night, and `keep_spare` rooms per hotel and night stay free (机动房); a room never holds more people on a
night than its beds; a shared room holds one gender, people of the same unit first; people who must sleep
alone (the protocol list, "single room" categories) get a single or a suite to themselves; a mutual
`share_with` puts the two together; whoever `accompanies` a leader sleeps in the leader's hotel; pinned
people keep their room. Someone placed before keeps their room while it still obeys the rules, so a
re-run moves only whom it must (`changes`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

ALONE_TYPES = ("single", "suite")

# Why someone could not be placed (the API's `reason`).
BLOCK_FULL = "block_full"  # rooms of that type exist, but the block (or the spare rooms) is used up
NO_ROOM = "no_room"  # no free room of that type in any hotel
GENDER = "gender"  # a shared room needs the person's gender
NO_NIGHTS = "no_nights"  # no night to stay


@dataclass(frozen=True)
class Person:
    code: str
    nights: tuple = ()  # the nights (dates or ISO strings: anything hashable and sortable)
    room_type: str = "twin"
    sharing: bool = False
    gender: str = ""
    unit: str = ""
    share_with: str = ""  # a code (or a name) of the wished roommate
    name: str = ""
    alone: bool = False  # protocol list, or a "single room" category
    accompanies: str = ""  # the leader's code
    hotel: int | None = None  # a wished hotel
    room: int | None = None  # the room held now
    pinned: bool = False


@dataclass(frozen=True)
class Room:
    id: int
    hotel: int
    number: str
    room_type: str
    beds: int = 1


@dataclass
class Result:
    assigned: dict = field(default_factory=dict)  # code -> room id
    unassigned: list = field(default_factory=list)  # [(code, reason)]
    changes: list = field(default_factory=list)  # [(code, old room id or None, new room id or None)]


class _State:
    def __init__(self, rooms, blocks, keep_spare):
        self.rooms = {r.id: r for r in rooms}
        self.blocks = blocks  # (hotel, type) -> {night: count}
        self.keep_spare = keep_spare
        self.hotel_total: dict = defaultdict(int)  # (hotel, night) -> rooms in the blocks
        for (hotel, _type), nights in blocks.items():
            for night, count in nights.items():
                self.hotel_total[(hotel, night)] += count
        self.sleepers: dict = defaultdict(lambda: defaultdict(int))  # room -> night -> people
        self.members: dict = defaultdict(list)  # room -> [Person]
        self.used_type: dict = defaultdict(int)  # (hotel, type, night) -> rooms in use
        self.used_hotel: dict = defaultdict(int)  # (hotel, night) -> rooms in use
        # Rooms nobody sleeps in yet, per (hotel, type), in hotel then number order (popped from the front).
        self.empty: dict = defaultdict(list)
        for r in sorted(rooms, key=lambda r: (r.hotel, _number_key(r.number)), reverse=True):
            self.empty[(r.hotel, r.room_type)].append(r.id)
        # Shared rooms with a bed left: (hotel, gender) -> [room ids]
        self.open: dict = defaultdict(list)

    def block_allows(self, room: Room, nights, *, force=False) -> bool:
        if force:
            return True
        block = self.blocks.get((room.hotel, room.room_type), {})
        for n in nights:
            if self.sleepers[room.id].get(n):
                continue  # the room is already counted that night
            if self.used_type[(room.hotel, room.room_type, n)] >= block.get(n, 0):
                return False
            if self.used_hotel[(room.hotel, n)] >= self.hotel_total[(room.hotel, n)] - self.keep_spare:
                return False
        return True

    def beds_allow(self, room: Room, nights) -> bool:
        return all(self.sleepers[room.id].get(n, 0) < room.beds for n in nights)

    def put(self, person: Person, room_id: int) -> None:
        room = self.rooms[room_id]
        for n in person.nights:
            if not self.sleepers[room_id].get(n):
                self.used_type[(room.hotel, room.room_type, n)] += 1
                self.used_hotel[(room.hotel, n)] += 1
            self.sleepers[room_id][n] += 1
        self.members[room_id].append(person)
        lst = self.empty[(room.hotel, room.room_type)]
        if room_id in lst:
            lst.remove(room_id)


def _number_key(number: str):
    return (len(number), number)


def _fits_shared(state: _State, person: Person, room_id: int) -> bool:
    members = state.members[room_id]
    if not members or not person.sharing or not person.gender:
        return False
    if any(not m.sharing or m.alone or m.gender != person.gender for m in members):
        return False
    room = state.rooms[room_id]
    return state.beds_allow(room, person.nights) and state.block_allows(room, person.nights)


def _keeps(state: _State, person: Person, room_id: int) -> bool:
    """May `person` stay in the room held now, given who is already placed?"""
    room = state.rooms.get(room_id)
    if room is None or room.room_type != person.room_type and not person.alone:
        return False
    if person.alone and room.room_type not in ALONE_TYPES:
        return False
    if person.hotel is not None and room.hotel != person.hotel:
        return False
    if state.members[room_id]:
        return _fits_shared(state, person, room_id)
    return state.beds_allow(room, person.nights) and state.block_allows(room, person.nights)


def _hotels(state: _State, person: Person, leader_hotel) -> list:
    if leader_hotel is not None:
        return [leader_hotel]
    if person.hotel is not None:
        return [person.hotel]
    return sorted({r.hotel for r in state.rooms.values()})


def _fresh(state: _State, person: Person, hotels, types) -> tuple[int | None, str]:
    """An empty room of one of `types` in the first hotel of `hotels` whose block allows it."""
    reason = NO_ROOM
    for hotel in hotels:
        for room_type in types:
            stack = state.empty.get((hotel, room_type))
            if not stack:
                continue
            room = state.rooms[stack[-1]]
            if state.block_allows(room, person.nights):
                return stack.pop(), ""
            reason = BLOCK_FULL
    return None, reason


def _place(state: _State, person: Person, hotels, prefer_unit: bool = True) -> tuple[int | None, str]:
    if person.alone:
        types = [person.room_type] if person.room_type in ALONE_TYPES else []
        types += [t for t in ALONE_TYPES if t not in types]
        return _fresh(state, person, hotels, types)
    if person.sharing and person.room_type != "single":
        if not person.gender:
            return None, GENDER
        for hotel in hotels:
            rooms = state.open[(hotel, person.gender)]
            # A room with as many people as beds is full on their nights (the usual case): not offered again.
            rooms[:] = [r for r in rooms if len(state.members[r]) < state.rooms[r].beds]
            same = [r for r in rooms if any(m.unit == person.unit for m in state.members[r])]
            for room_id in same + [r for r in rooms if r not in same] if prefer_unit else rooms:
                if state.rooms[room_id].room_type == person.room_type and _fits_shared(
                    state, person, room_id
                ):
                    return room_id, ""
    return _fresh(state, person, hotels, [person.room_type])


def _order(people: list[Person]) -> list[Person]:
    """Who is placed first: the alone (protocol list first), then leaders and everyone else grouped by
    gender and unit (so a unit's people fill rooms together), then those who accompany someone."""
    return sorted(
        people,
        key=lambda p: (0 if p.alone else 2 if p.accompanies else 1, p.gender, p.unit, p.code),
    )


def assign(people, rooms, blocks, *, keep_spare: int = 0) -> Result:
    """Place every person in `people` (Person) in `rooms` (Room) within `blocks`
    ({(hotel, type): {night: count}}), keeping `keep_spare` rooms per hotel and night free."""
    state = _State(rooms, blocks, keep_spare)
    result = Result()
    by_code = {p.code: p for p in people}
    by_name = {p.name: p for p in people if p.name}
    placed: dict[str, int] = {}

    def record(person: Person, room_id: int) -> None:
        state.put(person, room_id)
        placed[person.code] = room_id
        room = state.rooms[room_id]
        if person.sharing and not person.alone and room.beds > 1:
            key = (room.hotel, person.gender)
            if room_id not in state.open[key]:
                state.open[key].append(room_id)

    # Pins first, whatever the rules say: staff decided.
    for p in people:
        if p.pinned and p.room in state.rooms and p.nights:
            room = state.rooms[p.room]
            if state.beds_allow(room, p.nights):
                record(p, p.room)
    # Then whoever may keep the room they hold.
    rest = [p for p in _order(people) if p.code not in placed]
    for p in rest:
        if p.room is not None and p.nights and _keeps(state, p, p.room):
            record(p, p.room)

    def mate_of(p: Person) -> Person | None:
        mate = by_code.get(p.share_with) or by_name.get(p.share_with)
        if mate is None or mate.code == p.code:
            return None
        back = by_code.get(mate.share_with) or by_name.get(mate.share_with)
        return mate if back is not None and back.code == p.code else None

    for p in rest:
        if p.code in placed:
            continue
        if not p.nights:
            result.unassigned.append((p.code, NO_NIGHTS))
            continue
        leader = by_code.get(p.accompanies)
        leader_hotel = state.rooms[placed[leader.code]].hotel if leader and leader.code in placed else None
        hotels = _hotels(state, p, leader_hotel)
        mate = mate_of(p)
        if mate is not None and mate.code in placed and not mate.alone:
            room_id = placed[mate.code]
            if _fits_shared(state, p, room_id):
                record(p, room_id)
                continue
        room_id, reason = _place(state, p, hotels)
        if room_id is None:
            result.unassigned.append((p.code, reason))
            continue
        record(p, room_id)
        # A mutual wish: the mate takes the other bed now, before the room is offered to anyone else.
        if mate is not None and mate.code not in placed and _fits_shared(state, mate, room_id):
            record(mate, room_id)

    result.assigned = placed
    for p in people:
        now = placed.get(p.code)
        if now != p.room:
            result.changes.append((p.code, p.room, now))
    return result
