"""Twenty scanners scan one ticket at the same instant: exactly one `ok`, the rest `already_checked_in`; one scan
re-sent twenty times at once is one admission and one answer."""

import json

import pytest
from django.test import Client

from events.checkin import config as checkin_config
from events.enums import EntryRule
from events.models import Admission, Scan
from tests.factories import make_category, make_edition, make_point, register, token_for
from tests.races import at_once

THREADS = 20


def scans_at_once(
    slug: str, ticket: str, api_token: str, nonce=lambda i: f"race-{i}"
) -> list[tuple[int, dict]]:
    """THREADS scanners post the ticket at the same instant; `nonce(i)` is each one's scan id."""

    def scan(client: Client, i: int) -> tuple[int, dict]:
        response = client.post(
            f"/api/v1/events/{slug}/checkin",
            json.dumps({"token": ticket, "nonce": nonce(i)}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {api_token}",
        )
        return response.status_code, response.json()

    return at_once(THREADS, scan, prepare=lambda i: Client())


def scan_at_once(slug: str, ticket: str, api_token: str) -> list[tuple[int, str, bool]]:
    return [
        (status, body.get("result", ""), bool(body.get("first_checked_in_at")))
        for status, body in scans_at_once(slug, ticket, api_token)
    ]


def run_race():
    edition = make_edition()
    make_category(edition)
    make_point(edition, "dinner")
    ticket = register(edition).ticket_token
    api_token = token_for("door", "checkin")
    checkin_config.forget_config()
    results = scan_at_once(edition.slug, ticket, api_token)
    # Every `already_checked_in` carries the first admission's time.
    assert sorted(results) == [(200, "already_checked_in", True)] * (THREADS - 1) + [(200, "ok", False)]
    assert Admission.objects.count() == 1
    assert Scan.objects.count() == THREADS
    assert Scan.objects.filter(verdict="ok").count() == 1


@pytest.mark.django_db(transaction=True)
def test_checkin_twenty_simultaneous_scans_one_ok():
    run_race()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_checkin_twenty_simultaneous_scans_one_ok_postgres():
    run_race()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("entry", [EntryRule.MANY, EntryRule.DAILY])
def test_simultaneous_scans_at_a_reentry_point_count_every_entry_once_on_postgres(entry):
    edition = make_edition()
    make_category(edition)
    make_point(edition, "hall", entry=entry)
    ticket = register(edition).ticket_token
    checkin_config.forget_config()

    results = scan_at_once(edition.slug, ticket, token_for("door", "checkin"))

    if entry == EntryRule.MANY:  # every scan is an entry, each counted once
        assert [r[1] for r in results] == ["ok"] * THREADS
        assert Admission.objects.get().entries == THREADS
    else:  # once a day: one entry today, the others already in
        assert sorted(r[1] for r in results) == ["already_checked_in"] * (THREADS - 1) + ["ok"]
        assert Admission.objects.get().entries == 1
    assert Scan.objects.count() == THREADS


def one_ticket_at_a_gate():
    edition = make_edition()
    make_category(edition)
    make_point(edition, "gate")
    ticket = register(edition).ticket_token
    checkin_config.forget_config()
    return edition, ticket


@pytest.mark.django_db(transaction=True)
def test_one_scan_resent_twenty_times_at_once_admits_once_and_answers_the_same():
    edition, ticket = one_ticket_at_a_gate()

    # A phone that lost its connection re-sends one scan many times at once (the same nonce).
    results = scans_at_once(edition.slug, ticket, token_for("door", "checkin"), nonce=lambda i: "one-scan")

    # A retry still in flight may be told to retry (409); every answer given is the first one.
    answered = [body for status, body in results if status == 200]
    assert answered and all(body == answered[0] for body in answered)
    assert answered[0]["result"] == "ok"
    assert {status for status, _ in results} <= {200, 409}
    assert Admission.objects.count() == 1
    assert Scan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_resent_scan_whose_admission_was_undone_writes_nothing():
    # The first answer stands (the log is append-only); no admission appears from the retry, on either database
    # (on PostgreSQL the admission and the scan's row are one statement: the nonce's conflict undoes both).
    edition, ticket = one_ticket_at_a_gate()
    api_token = token_for("door", "checkin")
    client = Client()
    body = json.dumps({"token": ticket, "nonce": "n-1"})
    auth = {"content_type": "application/json", "HTTP_AUTHORIZATION": f"Bearer {api_token}"}
    first = client.post(f"/api/v1/events/{edition.slug}/checkin", body, **auth).json()
    Admission.objects.all().delete()

    again = client.post(f"/api/v1/events/{edition.slug}/checkin", body, **auth)

    assert again.status_code == 200 and again.json() == first
    assert Admission.objects.count() == 0
    assert Scan.objects.count() == 1
