"""What the check-in tests share: a door (an edition with its points), a scan, a confirmed ticket, a scan
posted to the API."""

import json

from events.checkin import scanning
from tests.factories import make_category, make_edition, make_point, register


def door_edition():
    """An edition with a delegate and a guest category, a single-entry main hall (default) and a
    guests-only dinner."""
    edition = make_edition()
    delegate = make_category(edition, "delegate")
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True)
    make_point(edition, "main-hall", [delegate, guest], is_default=True)
    make_point(edition, "dinner", [guest], name="欢迎晚宴", name_en="Welcome dinner")
    return edition


def scan(edition, token, **kw):
    return scanning.check_in(slug=edition.slug, token=token, **kw)


def confirmed_ticket(edition, **fields):
    result = register(edition, **fields)
    return result.registration, result.ticket_token


def post_scan(client, slug, body, token=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else json.dumps(body)
    return client.post(f"/api/v1/events/{slug}/checkin", data, content_type="application/json", **headers)
