"""A unit's quota under racing uploads and additions: threads, each with its own database connection."""

import json
from io import BytesIO

import pytest
from django.test import Client

from events.enums import ACTIVE_STATUSES
from events.models import Registration
from tests.races import at_once

from .unit_helpers import filled_template, make_unit, person, unit_edition


def _race(n, work):
    return at_once(n, work, prepare=lambda i: Client())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_uploads_never_exceed_the_quota_on_postgres():
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 5})
    blank = Client().get(f"/api/v1/units/{token}/template.xlsx").content
    # Eight contacts upload at once, each a file of three different people: 24 people for 5 seats.
    files = [filled_template(blank, [person(i * 10 + k) for k in range(3)]) for i in range(8)]

    def upload(client, i):
        f = BytesIO(files[i])
        f.name = "people.xlsx"
        response = client.post(f"/api/v1/units/{token}/import?dry_run=false", {"file": f})
        return response.status_code, response.json()

    results = _race(8, upload)
    assert [status for status, _ in results] == [200] * 8
    assert Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).count() == 3
    imported = [body for _, body in results if body["created"]]
    assert [body["created"] for body in imported] == [3]  # all or nothing: only one whole file fits
    refused = [body for _, body in results if not body["created"]]
    assert all(any("超出本单位" in e["message"] for e in body["errors"]) for body in refused)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_additions_fill_the_quota_exactly_on_postgres():
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 7})

    def add(client, i):
        body = {**person(i), "language": "zh-hans", "consent": True}
        response = client.post(
            f"/api/v1/units/{token}/people", json.dumps(body), content_type="application/json"
        )
        return response.status_code

    codes = _race(20, add)
    assert sorted(codes) == [201] * 7 + [409] * 13
    assert Registration.objects.filter(unit=unit, status__in=ACTIVE_STATUSES).count() == 7
