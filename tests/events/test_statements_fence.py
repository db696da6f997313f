"""events/statements.py reaches into Django's SQL compiler and inserts rows without `save()`: it holds only
on the Django it was written for, and only while nobody listens to the models it inserts (their
pre_save / post_save receivers would never be called)."""

import ast
import inspect

import django
import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from events import statements
from events.checkin import handover, scanning
from events.models import Admission, Scan
from events.registration import services
from tests.factories import make_category, make_edition, make_point, register


def test_installed_django_is_the_one_the_statements_were_written_for():
    # A new Django: re-read the internals the module names (UpdateQuery, as_sql, get_db_prep_save, pre_save,
    # _state), re-run bench/ side by side, then bump WRITTEN_FOR.
    assert ".".join(django.get_version().split(".")[:2]) == statements.WRITTEN_FOR


@pytest.mark.parametrize("label", statements.INSERTED)
@pytest.mark.parametrize("signal", [pre_save, post_save], ids=["pre_save", "post_save"])
def test_no_receiver_listens_to_a_model_the_statements_insert(label, signal):
    model = apps.get_model(label)
    assert signal._live_receivers(model) == ([], []), f"{label} has a {signal} receiver: use save() there"


def test_the_list_names_every_model_the_hot_paths_insert():
    # What the callers pass to insert_new / insert_ignoring_conflict.
    named = set()
    for module in (services, scanning, handover):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            name = getattr(node.func, "id", "") if isinstance(node, ast.Call) else ""
            if name in ("insert_new", "insert_ignoring_conflict"):
                arg = node.args[0]
                named.add(arg.func.id if isinstance(arg, ast.Call) else arg.id)
            elif name == "insert_both_if_new":  # (first model, its values, then model, its values)
                named.update(arg.id for arg in node.args[0::2])
    assert {f"events.{n}" for n in named} == set(statements.INSERTED)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_door_lookup_and_the_first_admission_are_prepared_once_on_postgresql():
    # The gain `prepared_cursor` is kept for: PostgreSQL plans the door's statements once per connection.
    edition = make_edition()
    make_category(edition)
    point = make_point(edition, "gate")
    people = [register(edition, email=f"p{i}@example.com") for i in range(6)]
    now = timezone.now()
    for person in people:
        row = scanning.find_registration(edition.id, person.registration.code)
        admission = {"registration": row["id"], "point": point.id, "first_at": now}
        admission.update(last_at=now, entries=1, by=None)
        scan = {
            "edition": edition.id,
            "point": point.id,
            "device": "",
            "at": now,
            "verdict": "ok",
            "response": {},
        }
        assert statements.insert_both_if_new(Admission, admission, Scan, scan) is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("events_registration r" in sql for sql in prepared)
    assert any(sql.startswith("WITH fresh AS") for sql in prepared)
    assert Admission.objects.filter(point=point).count() == 6
