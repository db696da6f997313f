"""The protocol rules of seating, as pure functions (no database): who of N people sits where.

Every position here is counted the way the contract counts it: `row` from the front (1 = nearest the
audience-facing edge of a rostrum, or the stage for a floor), `seat` from the audience's left, both from 1.
`honour` names the side a seated person honours, as that person sees it: "left" is Chinese government
practice (the centre person's left, which the audience sees on its right), "right" the international one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

HONOURS = ("left", "right")
LAYOUTS = ("across", "columns", "centre")  # 横排, 竖排, 左右


def centre_out(n: int, honour: str = "left") -> list[int]:
    """Seat indexes (0-based from the audience's left) of ranks 1..n in one row of n seats.

    Odd n: #1 in the centre, #2 on #1's honoured side, #3 on the other, alternating outwards. Even n (the
    majority rule): #1 and #2 share the centre, #2 on #1's honoured side. With honour "left" the honoured
    side is the audience's right, so five people read 5 3 1 2 4 from the audience and six 5 3 1 2 4 6."""
    if honour not in HONOURS:
        raise ValueError(f"honour must be one of {HONOURS}")
    if n <= 0:
        return []
    first = (n - 1) // 2
    order = [first]
    right, left = first + 1, first - 1
    while len(order) < n:
        if right < n:
            order.append(right)
            right += 1
        if left >= 0 and len(order) < n:
            order.append(left)
            left -= 1
    if honour == "right":
        order = [n - 1 - i for i in order]
    return order


def read_from_audience(n: int, honour: str = "left") -> list[int]:
    """The ranks as the audience reads them left to right (for tests and printed maps)."""
    ranks = [0] * n
    for rank, index in enumerate(centre_out(n, honour), 1):
        ranks[index] = rank
    return ranks


Seat = tuple[int, int]  # (row from the front, seat from the audience's left), both from 1


def rostrum_sequence(rows: Sequence[int], honour: str = "left") -> list[Seat]:
    """Every seat of a rostrum, most senior first: the front row fills before the next, centre outwards."""
    seats: list[Seat] = []
    for row, count in enumerate(rows, 1):
        seats.extend((row, index + 1) for index in centre_out(count, honour))
    return seats


def floor_sequence(rows: Sequence[int], layout: str = "across", honour: str = "left") -> list[Seat]:
    """Every seat of a floor in the order units fill it, so each unit gets a block.

    across (横排): row by row from the front, each row from the audience's left.
    columns (竖排): column by column from the audience's left, each column front to back.
    centre (左右): columns outwards from the centre alternating (the honoured side first), front to back."""
    if layout == "across":
        return [(row, seat) for row, count in enumerate(rows, 1) for seat in range(1, count + 1)]
    width = max(rows, default=0)
    if layout == "columns":
        columns = list(range(1, width + 1))
    elif layout == "centre":
        columns = [i + 1 for i in centre_out(width, honour)]
    else:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    return [
        (row, floor_seat_number(width, count, col))
        for col in columns
        for row, count in enumerate(rows, 1)
        if 0 < floor_seat_number(width, count, col) <= count
    ]


def floor_seat_number(width: int, count: int, col: int) -> int:
    """The seat number (from the audience's left, from 1) of grid column `col` in a row of `count` seats: a
    shorter row sits centred under the widest one (a number outside 1..count: no seat in that column)."""
    return col - (width - count) // 2


def assign(
    people: Sequence[str],
    sequence: Sequence[Seat],
    *,
    kept: dict[str, Seat] | None = None,
    blocked: Iterable[Seat] = (),
) -> tuple[dict[str, Seat], list[str]]:
    """Give people (most senior first) the free seats in sequence order. `kept` people (pins, manual swaps)
    keep their seats; `blocked` seats (reserved) are skipped. Returns (seat of each person, the unseated)."""
    kept = dict(kept or {})
    taken = set(kept.values()) | set(blocked)
    free = (seat for seat in sequence if seat not in taken)
    result = dict(kept)
    unseated = []
    for person in people:
        if person in kept:
            continue
        seat = next(free, None)
        if seat is None:
            unseated.append(person)
        else:
            result[person] = seat
    return result, unseated


def stable_assign(
    people: Sequence[str],
    sequence: Sequence[Seat],
    *,
    previous: dict[str, Seat],
    blocked: Iterable[Seat] = (),
) -> tuple[dict[str, Seat], list[str]]:
    """A floor's recompute: everyone still there keeps the seat they had; newcomers take the first free
    seats in sequence order. A cancellation therefore moves nobody but the person who left."""
    valid = set(sequence) - set(blocked)
    kept = {p: s for p, s in previous.items() if p in set(people) and s in valid}
    return assign(people, sequence, kept=kept, blocked=blocked)


def order_units(
    units: Iterable[str], *, by: str, published: Sequence[str] = (), key: Callable | None = None
) -> list[str]:
    """Units in the order the organiser picked: `list` follows the published list (units not on it after,
    by `key`), `strokes`/`pinyin` by the collation `key` of the unit's name."""
    units = list(dict.fromkeys(units))
    key = key or (lambda s: s)
    if by == "list":
        position = {name: i for i, name in enumerate(published)}
        listed = sorted((u for u in units if u in position), key=position.__getitem__)
        return listed + sorted((u for u in units if u not in position), key=key)
    return sorted(units, key=key)


def signing_seats(rounds: Sequence[tuple[str, str]]) -> list[tuple[Seat, str]]:
    """The signing table, one row per round: host on the left and guest on the right as the signatories
    (facing the audience) see it (主左客右), so the audience sees the guest on its left (seat 1) and the
    host on its right (seat 2). `rounds` are (host, guest) in the order of signing."""
    out = []
    for row, (host, guest) in enumerate(rounds, 1):
        out.append(((row, 1), guest))
        out.append(((row, 2), host))
    return out


def banquet_table_order(numbers: Sequence[int], per_row: int = 3) -> list[int]:
    """Table numbers by precedence. The head table (the first) is furthest from the door; the others stand
    in rows of `per_row` towards the door: a nearer row is higher, and within a row the centre first, then
    the head table's right before its left (the head table faces the door, so its right is the door's left)."""
    if not numbers:
        return []
    head, rest = numbers[0], list(numbers[1:])
    order = [head]
    for start in range(0, len(rest), per_row):
        row = rest[start : start + per_row]
        # Tables are listed as seen from the door (like seats, from the audience's left): the head table
        # faces the door, so its right is the lower index, which centre_out's "right" honours.
        order.extend(row[i] for i in centre_out(len(row), "right"))
    return order


def banquet_table_places(seats: int) -> list[int]:
    """Place numbers at one round table by precedence: 1 the host (facing the door), 2 the first guest of
    honour on the host's right, 3 the second on the host's left, then alternating right and left around."""
    return list(range(1, seats + 1))


def banquet_sequence(tables: Sequence[dict], per_row: int = 3) -> list[Seat]:
    """Every banquet place most senior first: tables by precedence, and at each table host, host's right,
    host's left... A Seat here is (table number, place)."""
    by_number = {t["number"]: t["seats"] for t in tables}
    order = banquet_table_order([t["number"] for t in tables], per_row)
    return [(number, place) for number in order for place in banquet_table_places(by_number[number])]
