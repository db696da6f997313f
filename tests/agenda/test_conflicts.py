import datetime as dt
from zoneinfo import ZoneInfo

from agenda.conflicts import (
    Slot,
    find_conflicts,
    outside_edition,
    person_double_booked,
    room_double_booked,
    room_too_small,
)

TZ = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2023, 6, 28)


def slot(id, start, end, room_id=1, room="主会场", people=(), capacity=None, expected=0, day=DAY):
    def t(hm):
        h, m = (int(x) for x in hm.split(":"))
        return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=TZ)

    return Slot(id, f"S{id}", t(start), t(end), room_id, room, capacity, tuple(people), expected)


def test_room_double_booked_overlapping_sessions_in_one_room_is_reported():
    found = room_double_booked([slot(1, "09:00", "10:00"), slot(2, "09:30", "10:30")], TZ)
    assert [(c["kind"], c["sessions"], c["field"]) for c in found] == [("room_double_booked", [1, 2], "room")]


def test_room_double_booked_back_to_back_sessions_are_fine():
    assert room_double_booked([slot(1, "09:00", "10:00"), slot(2, "10:00", "10:30")], TZ) == []


def test_room_double_booked_other_room_same_time_is_fine():
    assert (
        room_double_booked([slot(1, "09:00", "10:00"), slot(2, "09:00", "10:00", room_id=2, room="B")], TZ)
        == []
    )


def test_person_double_booked_in_two_rooms_is_reported():
    cui = (7, "崔书田")
    found = person_double_booked(
        [
            slot(1, "14:00", "15:00", people=[cui]),
            slot(2, "14:30", "15:30", room_id=2, room="分会场", people=[cui]),
        ],
        TZ,
    )
    assert [(c["kind"], c["person"], c["sessions"]) for c in found] == [
        ("person_double_booked", "崔书田", [1, 2])
    ]


def test_person_double_booked_sequential_sessions_are_fine():
    cui = (7, "崔书田")
    found = person_double_booked(
        [slot(1, "14:00", "15:00", people=[cui]), slot(2, "15:00", "15:30", room_id=2, people=[cui])], TZ
    )
    assert found == []


def test_outside_edition_day_before_is_reported_on_starts_at():
    found = outside_edition(
        [slot(1, "19:00", "21:00", day=dt.date(2023, 6, 27))], starts_on=DAY, ends_on=DAY, tz=TZ
    )
    assert [(c["kind"], c["field"]) for c in found] == [("outside_edition", "starts_at")]


def test_outside_edition_session_ending_at_midnight_is_inside():
    s = slot(1, "20:00", "21:00")
    s = Slot(1, "晚宴", s.starts_at, dt.datetime(2023, 6, 29, 0, 0, tzinfo=TZ), 1, "A")
    assert outside_edition([s], starts_on=DAY, ends_on=DAY, tz=TZ) == []


def test_outside_edition_uses_the_edition_time_zone():
    # 2023-06-27 23:30 UTC is 07:30 on the 28th in Chongqing: inside the day.
    utc = ZoneInfo("UTC")
    s = Slot(
        1,
        "早餐",
        dt.datetime(2023, 6, 27, 23, 30, tzinfo=utc),
        dt.datetime(2023, 6, 28, 0, 30, tzinfo=utc),
        1,
        "A",
    )
    assert outside_edition([s], starts_on=DAY, ends_on=DAY, tz=TZ) == []


def test_room_too_small_expected_attendance_over_capacity_is_reported():
    found = room_too_small([slot(1, "09:00", "10:00", capacity=80, expected=120)])
    assert [(c["kind"], c["capacity"], c["expected"]) for c in found] == [("room_too_small", 80, 120)]


def test_room_too_small_unlimited_room_is_fine():
    assert room_too_small([slot(1, "09:00", "10:00", capacity=None, expected=5000)]) == []


def test_find_conflicts_clean_programme_has_none():
    slots = [slot(1, "09:00", "09:30", capacity=300, expected=100), slot(2, "09:30", "10:00")]
    assert find_conflicts(slots, starts_on=DAY, ends_on=DAY, tz=TZ) == []
