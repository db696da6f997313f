"""GET /events/{slug}/report: every figure equals what the API's own lists count (registrations, units, the
hall screen, the arrivals dashboard, signing projects, awards), and the previous edition sits beside it."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from events import selectors
from events.checkin import stats as checkin_stats
from events.models import Registration
from events.registration.services import cancel_registration
from followup.models import FollowedProject
from tests.factories import make_category, make_edition, make_series, register, token_for

from .conftest import TZ, bearer, post

pytestmark = pytest.mark.django_db


def get(client, path, auth, **params):
    response = client.get(path, params, **auth)
    assert response.status_code == 200, response.content
    return response.json()


def _bin(at: dt.datetime) -> str:
    local = at.astimezone(TZ)
    return local.replace(minute=local.minute - local.minute % 10, second=0).isoformat()


def test_every_figure_equals_what_the_lists_count(client, conference, organiser):
    slug = conference.edition.slug
    report = get(client, f"/api/v1/events/{slug}/report", organiser)
    regs = get(client, f"/api/v1/events/{slug}/registrations", organiser)
    units = get(client, f"/api/v1/events/{slug}/units", organiser)
    hall = get(client, f"/api/v1/events/{slug}/checkin/hall", conference.door)
    projects = get(client, f"/api/v1/events/{slug}/signing-projects", organiser)
    awards = get(client, f"/api/v1/events/{slug}/awards", organiser)
    dashboard = checkin_stats.dashboard(selectors.get_edition(slug))

    statuses = Counter(r["status"] for r in regs)
    a = report["attendance"]
    assert a["registered"] == statuses["pending"] + statuses["confirmed"] + statuses["waitlisted"] == 12
    assert a["confirmed"] == statuses["confirmed"] == hall["expected"] == 10
    assert a["checked_in"] == hall["arrived"] == dashboard["checked_in"] == 6
    assert a["no_show"] == hall["absent"] == 4
    assert a["manual"] == hall["manual"] == dashboard["manual"] == 1
    assert a["attendance_rate"] == 60.0
    by_cat = {c["code"]: c for c in a["by_category"]}
    for code in ("delegate", "guest", "media"):
        mine = [r for r in regs if r["category"] == code]
        assert by_cat[code]["registered"] == sum(
            r["status"] in ("pending", "confirmed", "waitlisted") for r in mine
        )
        assert by_cat[code]["confirmed"] == sum(r["status"] == "confirmed" for r in mine)
    assert {c["code"]: c["arrived"] for c in hall["categories"]} == {
        c["code"]: c["checked_in"] for c in a["by_category"] if c["confirmed"]
    }
    assert (
        [
            (u["organization"], u["quota"], u["registered"], u["confirmed"], u["checked_in"])
            for u in a["by_unit"]
        ]
        == [(u["organization"], u["quota"], u["registered"], u["confirmed"], u["checked_in"]) for u in units]
        == [("大足石刻文创园", 3, 2, 2, 2), ("中国工业设计研究院", 2, 0, 0, 0)]
    )

    # Arrivals: the first admission of each person per point, per ten minutes of the edition's clock.
    main = report["arrivals"]["main-hall"]
    expected = Counter(_bin(at) for at in conference.admitted.values())
    first, last = min(expected), max(expected)
    assert [b for b in main["bins"] if b[1]] == sorted([k, v] for k, v in expected.items())
    assert main["bins"][0][0] == first and main["bins"][-1][0] == last
    assert len(main["bins"]) == 4  # 0-30 minutes after the first bin, every bin shown
    assert main["total"] == sum(b[1] for b in main["bins"]) == dashboard["points"][0]["chart"]["total"] == 6
    # Minutes 0, 3 | 12, 14, 15 | - | 31 after a round ten minutes: the peak is the second bin, 3 people.
    assert [b[1] for b in main["bins"]] == [2, 3, 0, 1]
    peak_n = 3
    assert main["peak"] == {"at": main["bins"][1][0], "count": 3}
    assert report["arrivals"]["dinner"]["bins"] == [[_bin(conference.dinner_at), 1]]
    assert report["arrivals_peak"] == peak_n

    today = dt.datetime.now(TZ).date().isoformat()
    per_day = report["registrations_per_day"]
    assert sum(d[1] for d in per_day) == statuses["confirmed"]
    assert sum(d[2] for d in per_day) == statuses["waitlisted"] == 1
    assert per_day[-1][0] <= today
    assert report["approval_median_hours"] == 3.0

    handed = {
        (p["code"], i["code"]): (i["handed"], i["due"]) for p in dashboard["points"] for i in p["items"]
    }
    assert (
        {(h["point"], h["item"]): (h["handed"], h["due"]) for h in report["handovers"]}
        == handed
        == {
            ("main-hall", "bag"): (2, 10),
            ("main-hall", "lunch"): (1, 7),
        }
    )

    live = [p for p in projects if p["status"] != "cancelled"]
    s = report["signing"]
    assert s["projects"] == len(live) == 4
    cny = sum(Decimal(p["amount"]) for p in live if p["currency"] == "CNY")
    assert Decimal(s["investment_total"]) == cny == Decimal("255000000.50")
    assert s["other_currencies"] == [{"currency": "USD", "amount": "1000000.00"}]
    assert s["by_sector"] == [
        {"sector": "智能制造", "sector_en": "", "projects": 2, "investment": "175000000.50"},
        {"sector": "文创设计", "sector_en": "", "projects": 2, "investment": "80000000.00"},
    ]
    # The contract kind is what the follow-up records (followup.FollowedProject): one project followed so far.
    assert s["by_kind"] == []
    followed = next(p for p in projects if p["name"] == "乙项目")
    FollowedProject.objects.create(
        project_id=followed["id"], contract_kind="agreement", signed_on=dt.date(2030, 6, 28)
    )
    kinds = get(client, f"/api/v1/events/{slug}/report", organiser)["signing"]["by_kind"]
    assert kinds == [{"kind": "agreement", "name": "协议", "projects": 1, "investment": "25000000.50"}]
    by_title = Counter(aw["title"] for aw in awards)
    assert {x["name"]: x["count"] for x in report["awards"]} == dict(by_title)
    assert {x["kind"]: x["count"] for x in report["awards"]} == {"design-base": 2, "design-centre": 1}


def test_the_previous_edition_of_the_series_sits_beside_every_figure(client, conference, organiser):
    report = get(client, f"/api/v1/events/{conference.edition.slug}/report", organiser)
    last = get(client, f"/api/v1/events/{conference.last.slug}/report", organiser)
    assert report["previous"]["slug"] == "conf-2029"
    assert last["previous"] is None and last["compare"] == {}
    assert report["compare"]["confirmed"] == [4, 10]
    assert report["compare"]["checked_in"] == [0, 6]
    assert report["compare"]["attendance_rate"] == [0.0, 60.0]
    assert report["compare"]["projects"] == [0, 4]
    assert report["compare"]["investment_total"] == ["0.00", "255000000.50"]
    assert report["compare"]["awards"] == [0, 3]

    def figure(r, name):
        if name in r["attendance"]:
            return r["attendance"][name]
        if name in ("projects", "investment_total"):
            return r["signing"][name]
        if name == "awards":
            return sum(x["count"] for x in r["awards"])
        if name.startswith("meals_"):
            return sum(m[name.removeprefix("meals_")] for m in r["meals"])
        return r[name]

    assert set(report["compare"]) == {
        "registered",
        "confirmed",
        "checked_in",
        "no_show",
        "manual",
        "attendance_rate",
        "arrivals_peak",
        "approval_median_hours",
        "projects",
        "investment_total",
        "awards",
        "meals_served",
        "meals_planned",
    }
    for name, pair in report["compare"].items():
        assert pair == [figure(last, name), figure(report, name)], name


def test_compare_names_another_edition_of_the_same_series_only(client, conference, organiser):
    make_edition("conf-2031", starts_on=dt.date(2031, 6, 28), ends_on=dt.date(2031, 6, 28))
    make_edition(
        "elsewhere-2029",
        starts_on=dt.date(2029, 5, 1),
        ends_on=dt.date(2029, 5, 1),
        series=make_series("elsewhere", name="别的大会"),
    )
    slug = conference.edition.slug
    # A later edition of the series may be named too: the figures are then [that edition, this one].
    later = get(client, f"/api/v1/events/{slug}/report", organiser, compare="conf-2031")
    assert later["previous"]["slug"] == "conf-2031" and later["compare"]["confirmed"] == [0, 10]
    for bad in ("elsewhere-2029", "no-such-edition", slug):
        response = client.get(
            f"/api/v1/events/{slug}/report", {"compare": bad}, HTTP_ACCEPT_LANGUAGE="en", **organiser
        )
        assert response.status_code == 422
        assert response.json() == {
            "detail": "Compare with another edition of the same series.",
            "field": "compare",
        }


def test_the_report_is_for_staff_with_reports_or_view(client, conference):
    path = f"/api/v1/events/{conference.edition.slug}/report"
    assert client.get(path).status_code == 401
    assert client.get(path, **bearer(token_for("report-viewer", "viewer"))).status_code == 200
    assert client.get(path, **bearer(token_for("report-door-2", "checkin"))).status_code == 403


def test_approval_turnaround_runs_to_the_approval_the_audit_log_records(client, organiser):
    """Approved onto the waiting list six hours after registering, given a seat a day later: the turnaround
    is six hours (the audit log's approval), not the thirty to the last change of status."""
    edition = make_edition("approvals-2030")
    make_category(edition, "guest", requires_approval=True, capacity=1, waitlist=True)
    first, second = (register(edition, "guest").registration for _ in range(2))
    now = timezone.now()
    Registration.objects.filter(pk=first.pk).update(created_at=now - dt.timedelta(hours=2))
    Registration.objects.filter(pk=second.pk).update(created_at=now - dt.timedelta(hours=6))
    for reg, status in ((first, "confirmed"), (second, "waitlisted")):
        answer = post(
            client, f"/api/v1/events/{edition.slug}/registrations/{reg.code}/approve", {}, **organiser
        )
        assert answer.json()["status"] == status
    cancel_registration(registration=first)
    second.refresh_from_db()
    assert second.status == "confirmed"
    # The seat came free the next day.
    Registration.objects.filter(pk=second.pk).update(status_changed_at=now + dt.timedelta(days=1))
    report = get(client, f"/api/v1/events/{edition.slug}/report", organiser)
    assert report["approval_median_hours"] == 6.0
    assert report["approval_basis"].startswith("approved_at - created_at; approved_at: the audit log's")
