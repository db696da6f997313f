"""The rooming rules as a table of cases: the pure function reception.rooming.assign, no database."""

import pytest

from reception.rooming import BLOCK_FULL, GENDER, NO_NIGHTS, NO_ROOM, Person, Room, assign

N1, N2, N3 = "2030-06-27", "2030-06-28", "2030-06-29"
TWO = (N1, N2)


def twins(n, hotel=1, start=1, beds=2):
    return [
        Room(
            id=hotel * 100 + start + i, hotel=hotel, number=str(8100 + start + i), room_type="twin", beds=beds
        )
        for i in range(n)
    ]


def singles(n, hotel=1, start=50):
    return [
        Room(id=hotel * 100 + start + i, hotel=hotel, number=str(8100 + start + i), room_type="single")
        for i in range(n)
    ]


def block(hotel=1, twin=10, single=10, suite=0, nights=TWO):
    out = {(hotel, "twin"): {n: twin for n in nights}, (hotel, "single"): {n: single for n in nights}}
    if suite:
        out[(hotel, "suite")] = {n: suite for n in nights}
    return out


def sharer(code, gender="f", unit="A", **kw):
    return Person(
        code=code,
        nights=kw.pop("nights", TWO),
        room_type="twin",
        sharing=True,
        gender=gender,
        unit=unit,
        **kw,
    )


def rooms_of(result):
    groups = {}
    for code, room in result.assigned.items():
        groups.setdefault(room, []).append(code)
    return sorted(sorted(g) for g in groups.values())


CASES = [
    # (what, people, rooms, blocks, keep_spare, expected room groups, expected unassigned)
    (
        "two women of one unit share a twin",
        [sharer("a"), sharer("b")],
        twins(2),
        block(),
        0,
        [["a", "b"]],
        [],
    ),
    (
        "a man and a woman never share",
        [sharer("a", "f"), sharer("b", "m")],
        twins(2),
        block(),
        0,
        [["a"], ["b"]],
        [],
    ),
    (
        "the same unit first",
        [sharer("a", unit="X"), sharer("b", unit="Y"), sharer("c", unit="X"), sharer("d", unit="Y")],
        twins(2),
        block(),
        0,
        [["a", "c"], ["b", "d"]],
        [],
    ),
    ("a room never over its beds", [sharer(c) for c in "abc"], twins(2), block(), 0, [["a", "b"], ["c"]], []),
    (
        "the block limits rooms per night",
        [Person(code=c, nights=TWO, room_type="twin") for c in "abc"],
        twins(5),
        block(twin=2),
        0,
        [["a"], ["b"]],
        [("c", BLOCK_FULL)],
    ),
    (
        "no room of that type",
        [Person(code="a", nights=TWO, room_type="suite")],
        twins(2),
        block(),
        0,
        [],
        [("a", NO_ROOM)],
    ),
    (
        "a sharer without gender is not placed",
        [Person(code="a", nights=TWO, sharing=True)],
        twins(1),
        block(),
        0,
        [],
        [("a", GENDER)],
    ),
    ("no nights", [Person(code="a", nights=())], twins(1), block(), 0, [], [("a", NO_NIGHTS)]),
    (
        "the protocol list sleeps alone in a single",
        [
            Person(code="lead", nights=TWO, room_type="twin", sharing=True, gender="m", alone=True),
            sharer("b", "m"),
        ],
        twins(2) + singles(1),
        block(),
        0,
        [["b"], ["lead"]],
        [],
    ),
    (
        "keep_spare rooms stay free",
        [Person(code=c, nights=TWO, room_type="twin") for c in "abc"],
        twins(5),
        block(twin=3, single=0),
        1,
        [["a"], ["b"]],
        [("c", BLOCK_FULL)],
    ),
    (
        "a mutual share_with is honoured across units",
        [
            sharer("a", unit="X", share_with="d"),
            sharer("b", unit="X"),
            sharer("c", unit="X"),
            sharer("d", unit="Y", share_with="a"),
        ],
        twins(3),
        block(),
        0,
        [["a", "d"], ["b", "c"]],
        [],
    ),
    (
        "a one-sided wish is not",
        [sharer("a", unit="X", share_with="c"), sharer("b", unit="X"), sharer("c", unit="Y")],
        twins(3),
        block(),
        0,
        [["a", "b"], ["c"]],
        [],
    ),
    (
        "nights that do not overlap count apart in the block",
        [Person(code="a", nights=(N1,)), Person(code="b", nights=(N2,))],
        twins(2),
        block(twin=1),
        0,
        [["a"], ["b"]],
        [],
    ),
]


@pytest.mark.parametrize("what,people,rooms,blocks,spare,groups,unassigned", CASES, ids=[c[0] for c in CASES])
def test_rooming_rules(what, people, rooms, blocks, spare, groups, unassigned):
    result = assign(people, rooms, blocks, keep_spare=spare)
    assert rooms_of(result) == groups
    assert result.unassigned == unassigned


def test_rooming_companion_sleeps_in_the_leaders_hotel():
    people = [
        Person(code="lead", nights=TWO, room_type="single", alone=True),
        Person(code="aide", nights=TWO, room_type="twin", accompanies="lead"),
    ]
    # Hotel 1 has no single: the leader goes to hotel 2, and so must the aide though hotel 1 has twins.
    rooms = twins(2, hotel=1) + twins(1, hotel=2) + singles(1, hotel=2)
    blocks = {**block(hotel=1), **block(hotel=2)}
    result = assign(people, rooms, blocks)
    hotel_of = {r.id: r.hotel for r in rooms}
    assert (hotel_of[result.assigned["lead"]], hotel_of[result.assigned["aide"]]) == (2, 2)


def test_rooming_pins_survive_and_others_keep_their_rooms():
    rooms = twins(3)
    first = assign([sharer("a"), sharer("b"), sharer("c")], rooms, block())
    held = {c: first.assigned[c] for c in "abc"}
    # Staff pinned c into room 103 (alone); a and b keep theirs on the re-run; nobody moves.
    people = [sharer("a", room=held["a"]), sharer("b", room=held["b"]), sharer("c", room=103, pinned=True)]
    again = assign(people, rooms, block())
    assert again.assigned == {"a": held["a"], "b": held["b"], "c": 103}
    assert again.changes == []


def test_rooming_changes_list_who_moved():
    rooms = twins(2)
    people = [sharer("a", room=101), sharer("b", "m", room=101)]  # a man and a woman held one room
    result = assign(people, rooms, block())
    assert result.changes == [("b", 101, 102)]
