"""How many database statements one registration and one door scan take, pinned (SQLite and PostgreSQL), so
the speed regained for issue 12 cannot be lost silently (bench/README.md has the figures)."""

import json

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from events.models import Registration
from tests.factories import make_category, make_edition, make_point, register, token_for

pytestmark = pytest.mark.django_db


def post_registration(client, slug, email):
    body = {
        "category": "delegate",
        "name": "李四",
        "organization": "大足区经信委",
        "email": email,
        "consent": True,
    }
    return client.post(
        f"/api/v1/events/{slug}/registrations", json.dumps(body), content_type="application/json"
    )


def post_scan(client, slug, ticket, api_token):
    return client.post(
        f"/api/v1/events/{slug}/checkin",
        json.dumps({"token": ticket}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token}",
    )


def statements(queries) -> list[str]:
    """The statements sent, without the savepoints the test's own transaction adds around `atomic()`."""
    return [
        q["sql"].split()[0].upper()
        for q in queries
        if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))
    ]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_a_registration_is_two_statements_on_postgresql_three_on_sqlite_and_only_records_its_email(
    client, django_capture_on_commit_callbacks
):
    # The seat's conditional UPDATE and the INSERT: on PostgreSQL one statement (a data-modifying WITH, no
    # BEGIN and COMMIT around it), on SQLite two in a transaction; the category with
    # the edition's window and consent notice, and the organisation, come from the configuration cache
    # (events/cache.py) once read. After the commit, one INSERT records the confirmation e-mail for the task
    # worker: nothing is rendered or sent in the request.
    edition = make_edition()
    make_category(edition, capacity=100)
    assert (
        post_registration(client, edition.slug, "a@example.com").status_code == 202
    )  # creates the organisation
    assert post_registration(client, edition.slug, "b@example.com").status_code == 202  # reads it
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        assert post_registration(client, edition.slug, "c@example.com").status_code == 202
    expected = ["WITH", "INSERT"] if connection.vendor == "postgresql" else ["UPDATE", "INSERT", "INSERT"]
    assert statements(ctx.captured_queries) == expected
    assert "django_tasks_database_dbtaskresult" in ctx.captured_queries[-1]["sql"]
    assert mail.outbox == []
    assert Registration.objects.filter(edition=edition, organization__name="大足区经信委").count() == 3


def test_a_first_scan_is_two_statements_on_postgresql_three_on_sqlite_and_the_token_is_not_read_again(client):
    # The registration; then the admission and the scan log: on PostgreSQL in one statement (a data-modifying
    # WITH, no BEGIN and COMMIT around it), on SQLite in two. The token's user and roles come from the configuration
    # cache (events/cache.py) once the first scan loaded them, and so does "this edition has no seating
    # plan" (no seats query; tests/seating/test_checkin_seats.py has the seats of an edition with plans).
    edition = make_edition()
    delegate = make_category(edition, capacity=100)
    make_point(edition, "gate", [delegate], is_default=True)
    api_token = token_for("door", "checkin")
    first, second = register(edition, email="a@example.com"), register(edition, email="b@example.com")
    assert post_scan(client, edition.slug, first.ticket_token, api_token).json()["result"] == "ok"
    with CaptureQueriesContext(connection) as ctx:
        assert post_scan(client, edition.slug, second.ticket_token, api_token).json()["result"] == "ok"
    expected = ["SELECT", "WITH"] if connection.vendor == "postgresql" else ["SELECT", "INSERT", "INSERT"]
    assert statements(ctx.captured_queries) == expected
    assert not any("events_apitoken" in q["sql"] for q in ctx.captured_queries)
