"""Calls the units' tests share: the JSON API, a unit's template, its import (dry run or for real)."""

import json
from io import BytesIO

from events.units import services as unit_services

from .unit_helpers import person


def api(client, method, path, body=None, **extra):
    kwargs = {"content_type": "application/json"} if body is not None else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(f"/api/v1{path}", data, **kwargs, **extra)


def template(client, token):
    response = client.get(f"/api/v1/units/{token}/template.xlsx")
    assert response.status_code == 200
    return response.content


def upload(client, token, content, dry_run):
    return client.post(
        f"/api/v1/units/{token}/import?dry_run={'true' if dry_run else 'false'}",
        {"file": _file(content)},
    )


def _file(content):
    f = BytesIO(content)
    f.name = "people.xlsx"
    return f


# --- units -------------------------------------------------------------------------------------------


def confirmed(edition, unit, n):
    """Person n of the unit, added through the unit (so confirmed in its quota)."""
    return unit_services.add_person(unit=unit, data=person(n), consent=True)
