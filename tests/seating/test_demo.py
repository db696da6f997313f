import pytest

from agenda import demo as agenda_demo
from events import demo as events_demo
from seating import demo
from seating.models import SeatAssignment, SeatingPlan
from signing import demo as signing_demo

pytestmark = pytest.mark.django_db


def test_demo_seats_the_dazu_rostrum_floor_signing_table_and_banquet_idempotently():
    edition = events_demo.load()
    agenda_demo.load(edition)
    signing_demo.load(edition)
    demo.load(edition)
    first = list(SeatAssignment.objects.order_by("id").values_list("plan__name", "name", "label"))
    demo.load(edition)
    assert sorted(SeatAssignment.objects.values_list("plan__name", "name", "label")) == sorted(first)
    rostrum = SeatingPlan.objects.get(edition=edition, kind="rostrum")
    # The seeds' leaders in protocol order, 4 seats, honour left: the audience reads ranks 3 1 2 4.
    assert list(rostrum.seats.order_by("seat").values_list("name", flat=True)) == [
        "李宁",
        "崔书田",
        "周海琦",
        "大足区经济和信息化委员会代表",
    ]
    signing = SeatingPlan.objects.get(edition=edition, kind="signing")
    assert signing.seats.count() == 14
    assert signing.seats.get(row=1, seat=2).name == "黄敏"  # round 1's host: 大足区人民政府
    floor = SeatingPlan.objects.get(edition=edition, kind="floor")
    on_floor = set(floor.seats.values_list("registration_id", flat=True))
    assert on_floor and not on_floor & set(rostrum.seats.values_list("registration_id", flat=True))
    assert not floor.seats.filter(row=10).exists()  # the reserved row
