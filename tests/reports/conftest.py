"""An edition with known registrations, units, scans, hand-outs, projects and awards, all made through the
API as staff and unit contacts make them; and a previous edition of the same series."""

import datetime as dt
import json
import zoneinfo
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from events.models import HandoverItem, Registration
from signing import services as signing_services
from tests.factories import make_category, make_edition, make_point, register, token_for
from tests.signing.factories import make_title

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, path, body, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def organiser():
    return bearer(token_for("report-organiser", "organiser"))


@pytest.fixture
def conference(client, organiser):
    """This year's edition (2030) and last year's (2029), same series."""
    last = make_edition("conf-2029", starts_on=dt.date(2029, 6, 28), ends_on=dt.date(2029, 6, 28))
    make_category(last, "delegate")
    make_point(last, "main-hall", is_default=True)
    for _ in range(4):
        register(last)

    edition = make_edition("conf-2030", starts_on=dt.date(2030, 6, 28), ends_on=dt.date(2030, 6, 28))
    delegate = make_category(edition, "delegate", order=0)
    guest = make_category(edition, "guest", name="嘉宾", name_en="Guest", requires_approval=True, order=1)
    make_category(edition, "media", name="媒体", name_en="Media", capacity=1, waitlist=True, order=2)
    hall = make_point(edition, "main-hall", is_default=True)
    make_point(edition, "dinner", [guest], name="欢迎晚宴", name_en="Welcome dinner")
    bag = HandoverItem.objects.create(point=hall, code="bag", name="资料袋", name_en="Conference bag")
    lunch = HandoverItem.objects.create(point=hall, code="lunch", name="午餐券", name_en="Lunch voucher")
    lunch.categories.set([delegate])
    del bag

    # Units: a park with a quota of 3 delegates (two come through its link), an institute nobody from.
    slug = edition.slug
    park = post(
        client,
        f"/api/v1/events/{slug}/units",
        {"organization": "大足石刻文创园", "quotas": {"delegate": 3}},
        **organiser,
    ).json()
    post(
        client,
        f"/api/v1/events/{slug}/units",
        {"organization": "中国工业设计研究院", "quotas": {"delegate": 2}},
        **organiser,
    )
    link = park["invite_url"].rsplit("/", 1)[1]
    people = {}
    for i in range(2):
        answer = post(
            client,
            f"/api/v1/units/{link}/people",
            {
                "category": "delegate",
                "name": f"园区{i}",
                "phone": f"1390000000{i}",
                "email": f"park{i}@example.com",
                "consent": True,
            },
        ).json()
        people[f"park{i}"] = answer["ticket_token"]
    for i in range(5):
        people[f"d{i}"] = register(edition, "delegate").ticket_token
    guests = [register(edition, "guest") for _ in range(3)]  # pending: they wait for approval
    # The guests registered 2, 4 and 9 hours before they are approved (the third still waits: approval turnaround median 3 h).
    now = timezone.now()
    for g, hours in zip(guests, (2, 4, 9), strict=True):
        Registration.objects.filter(pk=g.registration.pk).update(created_at=now - dt.timedelta(hours=hours))
    for g in guests[:2]:
        code = g.registration.code
        assert (
            post(client, f"/api/v1/events/{slug}/registrations/{code}/approve", {}, **organiser).status_code
            == 200
        )
    register(edition, "media")
    waiting = register(edition, "media")  # the one media seat is taken: waitlisted
    assert waiting.registration.status == "waitlisted"
    cancelled = register(edition, "delegate")
    from events.registration import services as registration_services

    registration_services.cancel_registration(registration=cancelled.registration)
    tokens = {k: v for k, v in people.items()}
    for g in guests[:2]:
        g.registration.refresh_from_db()
    from events import tickets

    for i, g in enumerate(guests[:2]):
        tokens[f"g{i}"] = tickets.sign_ticket(
            signing_key=edition.signing_key,
            edition_slug=edition.slug,
            code=g.registration.code,
            version=g.registration.ticket_version,
        )

    # The door: scans at known times (minutes before now), one by hand, two hand-outs.
    door = bearer(token_for("report-door", "checkin"))
    now_local = timezone.now().astimezone(TZ)
    base = now_local.replace(minute=now_local.minute // 10 * 10, second=0, microsecond=0) - dt.timedelta(
        hours=3
    )
    arrivals = {"park0": 0, "park1": 3, "d0": 12, "d1": 14, "d2": 15, "g0": 31}
    admitted = {}
    for key, minute in arrivals.items():
        at = base + dt.timedelta(minutes=minute)
        body = {"token": tokens[key], "scanned_at": at.isoformat(), "point": "main-hall"}
        if key == "d2":
            body["manual_reason"] = "忘带手机"
        answer = post(client, f"/api/v1/events/{slug}/checkin", body, **door).json()
        assert answer["result"] == "ok", answer
        admitted[key] = at
    # Shown twice, and the guest at dinner: one more arrival at another point, no new person.
    post(client, f"/api/v1/events/{slug}/checkin", {"token": tokens["d0"], "point": "main-hall"}, **door)
    dinner_at = base + dt.timedelta(minutes=95)
    post(
        client,
        f"/api/v1/events/{slug}/checkin",
        {"token": tokens["g0"], "point": "dinner", "scanned_at": dinner_at.isoformat()},
        **door,
    )
    for key, item in (("park0", "bag"), ("park0", "lunch"), ("d0", "bag")):
        answer = post(
            client,
            f"/api/v1/events/{slug}/checkin/handover",
            {"token": tokens[key], "item": item, "point": "main-hall"},
            **door,
        )
        assert answer.status_code == 200, answer.json()

    # The ceremony: three projects signed in two sectors, one in dollars, one cancelled; three awards.
    for name, sector, amount, currency, status in (
        ("甲项目", "智能制造", "150000000", "CNY", "signed"),
        ("乙项目", "智能制造", "25000000.50", "CNY", "signed"),
        ("丙项目", "文创设计", "80000000", "CNY", "signed"),
        ("丁项目", "文创设计", "1000000", "USD", "signed"),
        ("戊项目", "文创设计", "999000000", "CNY", "cancelled"),
    ):
        answer = post(
            client,
            f"/api/v1/events/{slug}/signing-projects",
            {"name": name, "sector": sector, "amount": amount, "currency": currency, "status": status},
            **organiser,
        )
        assert answer.status_code == 201, answer.json()
    make_title("design-base")
    make_title("design-centre", name="工业设计中心", name_en="Industrial Design Centre")
    for title, recipient in (
        ("design-base", "大足石刻文创园"),
        ("design-base", "天府设计产业园"),
        ("design-centre", "中国工业设计研究院"),
    ):
        signing_services.issue_award(title=title, recipient=recipient, edition=edition)
    return SimpleNamespace(edition=edition, last=last, admitted=admitted, dinner_at=dinner_at, door=door)


@pytest.fixture
def api_client():
    return Client()
