"""Capacity under a real rush: threads, each with its own database connection, registering at once."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from events.enums import RegistrationStatus as S
from events.models import Registration
from tests.factories import make_category, make_edition
from tests.races import at_once


def rush(slug: str, n: int) -> list[int]:
    def register(client: Client, i: int) -> int:
        body = {
            "category": "delegate",
            "name": f"抢票{i}",
            "organization": "测试单位",
            "email": f"rush{i}@example.com",
            "consent": True,
        }
        response = client.post(
            f"/api/v1/events/{slug}/registrations", json.dumps(body), content_type="application/json"
        )
        return response.status_code

    return at_once(n, register, prepare=lambda i: Client())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("waitlist", [False, True])
def test_rush_200_for_100_seats_confirms_exactly_100_on_postgres(waitlist):
    edition = make_edition()
    make_category(edition, capacity=100, waitlist=waitlist)
    codes = rush(edition.slug, 200)
    confirmed = Registration.objects.filter(edition=edition, status=S.CONFIRMED).count()
    assert confirmed == 100
    assert codes.count(202) == (200 if waitlist else 100)
    assert codes.count(409) == (0 if waitlist else 100)
    assert all(c < 500 for c in codes)
    if waitlist:
        assert Registration.objects.filter(edition=edition, status=S.WAITLISTED).count() == 100


@pytest.mark.django_db(transaction=True)
def test_rush_40_for_20_seats_confirms_exactly_20_on_any_database():
    edition = make_edition()
    make_category(edition, capacity=20)
    codes = rush(edition.slug, 40)
    assert Registration.objects.filter(edition=edition, status=S.CONFIRMED).count() == 20
    assert sorted(codes) == [202] * 20 + [409] * 20


@pytest.mark.django_db(transaction=True)
def test_rush_same_email_registers_once_and_takes_one_seat():
    edition = make_edition()
    category = make_category(edition, capacity=50)
    # The organisation is known (on PostgreSQL the seat and the registration are then one statement): the
    # nine refused duplicates must give back nothing, no seat taken.
    assert rush(edition.slug, 1) == [202]
    barrier = threading.Barrier(10)
    codes = []

    def worker() -> None:
        body = {
            "category": "delegate",
            "name": "同一人",
            "organization": "测试单位",
            "email": "same@example.com",
            "consent": True,
        }
        barrier.wait()
        try:
            r = Client().post(
                f"/api/v1/events/{edition.slug}/registrations",
                json.dumps(body),
                content_type="application/json",
            )
            codes.append(r.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # All ten are told to check their e-mail (202), the first as the nine late ones: the answer does not
    # say who attends.
    assert codes == [202] * 10
    assert Registration.objects.filter(edition=edition, email="same@example.com").count() == 1
    assert Registration.objects.filter(edition=edition).count() == 2
    category.refresh_from_db()
    assert category.confirmed_count == 2
