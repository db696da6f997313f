"""The protocol rules as pure functions, with the issue's examples."""

import pytest

from seating import rules


@pytest.mark.parametrize(
    ("n", "honour", "reads"),
    [
        (5, "left", [5, 3, 1, 2, 4]),
        (6, "left", [5, 3, 1, 2, 4, 6]),
        (5, "right", [4, 2, 1, 3, 5]),
        (6, "right", [6, 4, 2, 1, 3, 5]),
        (1, "left", [1]),
        (2, "left", [1, 2]),
        (2, "right", [2, 1]),
        (3, "left", [3, 1, 2]),
        (4, "right", [4, 2, 1, 3]),
    ],
)
def test_rostrum_row_reads_from_the_audience(n, honour, reads):
    assert rules.read_from_audience(n, honour) == reads


def test_rostrum_fills_the_front_row_before_the_next():
    seq = rules.rostrum_sequence([3, 4], "left")
    assert seq == [(1, 2), (1, 3), (1, 1), (2, 2), (2, 3), (2, 1), (2, 4)]


def test_rostrum_pinned_chair_keeps_its_seat_and_others_fill_around():
    seq = rules.rostrum_sequence([5])
    placed, unseated = rules.assign(["A", "B", "C", "D", "E"], seq, kept={"C": (1, 3)})
    # C is pinned to the centre: A, the most senior unpinned, takes the next best seat.
    assert placed == {"C": (1, 3), "A": (1, 4), "B": (1, 2), "D": (1, 5), "E": (1, 1)}
    assert unseated == []


def test_assign_reports_more_people_than_seats():
    placed, unseated = rules.assign(["A", "B", "C"], rules.rostrum_sequence([2]))
    assert placed == {"A": (1, 1), "B": (1, 2)}
    assert unseated == ["C"]


def test_floor_layouts():
    assert rules.floor_sequence([2, 2], "across") == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert rules.floor_sequence([2, 2], "columns") == [(1, 1), (2, 1), (1, 2), (2, 2)]
    # 左右: the centre column first, then the honoured side (audience's right for "left"), alternating.
    assert rules.floor_sequence([3, 3], "centre", "left") == [(1, 2), (2, 2), (1, 3), (2, 3), (1, 1), (2, 1)]


def test_floor_columns_with_a_shorter_front_row_centred():
    # Front row 2 seats under a back row of 4: the front row's seats are grid columns 2 and 3.
    assert rules.floor_sequence([2, 4], "columns") == [(2, 1), (1, 1), (2, 2), (1, 2), (2, 3), (2, 4)]


def test_stable_assign_moves_only_the_one_who_left():
    seq = rules.floor_sequence([3], "across")
    before = {"A": (1, 1), "B": (1, 2), "C": (1, 3)}
    placed, _ = rules.stable_assign(["A", "C", "D"], seq, previous=before)
    assert placed == {"A": (1, 1), "C": (1, 3), "D": (1, 2)}


def test_signing_table_host_left_guest_right_as_the_signatories_see_it():
    # Facing the audience, the host's left is the audience's right: seat 2 from the audience's left.
    assert rules.signing_seats([("黄敏", "周立群")]) == [((1, 1), "周立群"), ((1, 2), "黄敏")]


def test_banquet_head_table_first_then_nearer_rows_right_above_left():
    # Tables listed as seen from the door; the head table faces the door, so its right is the door's left.
    assert rules.banquet_table_order([1, 2, 3, 4, 5, 6, 7], per_row=3) == [1, 3, 2, 4, 6, 5, 7]


def test_banquet_first_guest_on_the_hosts_right_second_on_the_left():
    seq = rules.banquet_sequence([{"number": 1, "seats": 6}, {"number": 2, "seats": 4}])
    # Place 1 the host, 2 the host's right (first guest of honour), 3 the host's left (second).
    assert seq[:3] == [(1, 1), (1, 2), (1, 3)]
    assert len(seq) == 10


def test_units_by_published_list_then_the_rest_by_key():
    units = ["丙", "甲", "乙", "丁"]
    assert rules.order_units(units, by="list", published=["乙", "甲"]) == ["乙", "甲", "丁", "丙"]
