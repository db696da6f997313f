"""The demo edition's reception is not empty: two hotels with rooms, placed stays, runs and meals."""

import pytest
from django.core.management import call_command

from events.models import Edition
from reception.models import Hotel, MealSession, PickupRun, Stay

pytestmark = pytest.mark.django_db


def test_demo_has_hotels_placed_stays_runs_and_meals(client):
    call_command("load_demo")
    edition = Edition.objects.get(slug="dazu-2023")
    assert list(Hotel.objects.filter(edition=edition).values_list("name", flat=True)) == [
        "大足宾馆",
        "海棠香国酒店",
    ]
    placed = Stay.objects.filter(edition=edition, room__isnull=False).count()
    assert placed >= 5
    assert PickupRun.objects.filter(edition=edition).count() >= 2
    assert MealSession.objects.filter(edition=edition).count() == 2
    call_command("load_demo")  # idempotent
    assert Hotel.objects.filter(edition=edition).count() == 2
    assert Stay.objects.filter(edition=edition, room__isnull=False).count() == placed
