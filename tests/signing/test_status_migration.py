"""Awards issued before the status list get an entry when the database is migrated."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("signing", "0001_initial")]
AFTER = [("signing", "0002_status_list_rsa_key")]


def test_existing_awards_get_distinct_status_entries_of_list_1():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Organization = old.get_model("events", "Organization")
    AwardTitle = old.get_model("signing", "AwardTitle")
    IssuerKey = old.get_model("signing", "IssuerKey")
    Award = old.get_model("signing", "Award")
    title = AwardTitle.objects.create(code="design-base", name="工业设计赋能基地")
    key = IssuerKey.objects.create(kid="award-old", private_key="x", public_key="y")
    for n in range(3):
        Award.objects.create(
            title=title,
            recipient=Organization.objects.create(name=f"老单位{n}"),
            serial=f"2023-OLD{n}",
            issued_on=dt.date(2023, 6, 28),
            signature="s",
            key=key,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    entries = list(new.get_model("signing", "Award").objects.values_list("status_list", "status_index"))
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as the other tests expect

    assert len(entries) == 3
    assert {number for number, _ in entries} == {1}
    indexes = [index for _, index in entries]
    assert len(set(indexes)) == 3
    assert all(0 <= index < 131072 for index in indexes)
