"""Two staff assigning rooms at once: the edition's row lock runs them one after the other, so no room ends
over its beds and nobody is placed twice. Real threads, each with its own connection (PostgreSQL)."""

import json
from collections import Counter

import pytest
from django.test import Client

from reception.models import Room, Stay
from tests.races import at_once

from .factories import auth, guest, hotel_with_rooms, reception_edition, staff_token


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_assignments_leave_no_room_over_its_beds_on_postgres():
    edition = reception_edition()
    hotel_with_rooms(edition, twins=6, singles=0)
    for i in range(15):  # 15 women for 12 beds
        guest(edition, f"代表{i}", unit=f"单位{i % 3}")
    tokens = [staff_token(f"rc{i}") for i in range(4)]

    def assign(client, i):
        body = {"keep_spare": 0}
        r = client.post(
            f"/api/v1/events/{edition.slug}/rooming/assign",
            json.dumps(body),
            content_type="application/json",
            **auth(tokens[i]),
        )
        return r.status_code

    assert at_once(4, assign, prepare=lambda i: Client()) == [200] * 4
    per_room = Counter(
        Stay.objects.filter(edition=edition, room__isnull=False).values_list("room_id", flat=True)
    )
    beds = dict(Room.objects.values_list("pk", "beds"))
    assert all(n <= beds[room] for room, n in per_room.items())
    assert sum(per_room.values()) == 12
