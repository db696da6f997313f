"""Nothing crosses organisers: every staff operation of the OpenAPI document (found by walking config.api,
as tests/reliability/test_authorisation_matrix.py does), called with a token of the OTHER organiser's admin
team on the first organiser's objects, answers 403 - never 200. The only operation that answers is the list
of organisers, and it names only the caller's own. Pages: the staff home and the organisation registry show
nothing of the first organiser."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from events.auth import mint_api_token, new_api_token
from organizers.models import Team
from seating.services import plans
from signing import services as signing_services
from tests.factories import make_edition, make_organizer, make_series, make_team, register
from tests.reliability.conftest import build_world
from tests.reliability.test_authorisation_matrix import STAFF_OPERATIONS, WRITE_METHODS, fill, op_id
from tests.signing.factories import make_project, make_title

ANSWERING = {("GET", "/organizers")}  # lists the caller's own organisers only (checked below)


@pytest.fixture
def two(db):
    world = build_world()  # the first organiser's edition with a registration, a job, a session ...
    edition = world.edition
    first = edition.series.organizer
    make_title()
    award = signing_services.issue_award(
        title="design-base", recipient="重庆市经济和信息化委员会", edition=edition
    )
    project = make_project(edition)
    plan = plans.create_plan(edition=edition, name="主席台", kind="rostrum", rows=[5])
    from events.units.services import create_unit

    unit, _secret = create_unit(edition=edition, organization="重庆市大足区人民政府", quotas={"delegate": 2})
    admin_team = make_team(["admin"], organizer=first, name="first admins")
    token_row, _ = mint_api_token(team=admin_team)
    session_id = edition.agenda_sessions.first().pk if hasattr(edition, "agenda_sessions") else 1

    other = make_organizer("design-week", name="设计周组委会")
    make_edition("week-1", series=make_series("week", organizer=other))
    other_admins = make_team(["admin"], organizer=other, name="week admins")
    params = world.path_params() | {
        "serial": award.serial,
        "project_id": project.pk,
        "plan_id": plan.pk,
        "unit_id": unit.pk,
        "org": first.slug,
        "series": edition.series.slug,
        "team_id": admin_team.pk,
        "token_id": token_row.pk,
        "session_id": _session_id(edition, session_id),
    }
    return {"world": world, "params": params, "token": new_api_token(team=other_admins), "first": first}


def _session_id(edition, default):
    from agenda.models import Session

    row = Session.objects.filter(edition=edition).first()
    return row.pk if row else default


def body_for(method, template, params):
    """A body that gets past schema validation where the object is named in it, not in the path."""
    if (method, template) == ("POST", "/organizers"):
        return {"slug": "mine", "name": "我的"}
    if (method, template) == ("POST", "/awards"):
        return {"title": "design-base", "recipient": "重庆市经济和信息化委员会", "edition": params["slug"]}
    return {}


def call(method, url, token, body):
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if method in WRITE_METHODS:
        return client.generic(method, url, json.dumps(body), content_type="application/json", **headers)
    return client.generic(method, url, **headers)


@pytest.mark.parametrize("op", STAFF_OPERATIONS, ids=op_id)
def test_the_other_organisers_admin_is_refused_everywhere(two, op):
    method, template, _flags = op
    url = fill(template, two["params"])

    response = call(method, url, two["token"], body_for(method, template, two["params"]))

    if (method, template) in ANSWERING:
        assert response.status_code == 200
        assert [o["slug"] for o in response.json()] == ["design-week"]
    elif (method, template) == ("POST", "/organizers"):
        assert response.status_code == 403  # site administrators only
    else:
        assert response.status_code == 403, (url, response.status_code, response.content[:200])


def test_pages_show_nothing_of_the_first_organiser(two):
    admin = get_user_model().objects.create_user("weekadmin", password="pw-123456")
    Team.objects.get(name="week admins").members.add(admin)
    client = Client()
    client.force_login(admin)
    slug = two["world"].edition.slug

    home = client.get("/staff/")
    registry = client.get("/staff/organizations")
    dashboard = client.get(f"/staff/e/{slug}/")
    scanner = client.get(f"/staff/e/{slug}/checkin")

    assert home.status_code == 200
    assert "week-1" in home.content.decode() and slug not in home.content.decode()
    assert registry.status_code == 200
    assert "重庆市经济和信息化委员会" not in registry.content.decode()
    assert (dashboard.status_code, scanner.status_code) == (403, 403)


def test_a_public_edition_stays_public(two):
    slug = two["world"].edition.slug

    assert Client().get(f"/e/{slug}/").status_code == 200
    assert Client().get(f"/api/v1/events/{slug}").status_code == 200


def test_organisation_registry_counts_only_the_editions_reached(two):
    """The registry is shared by name: an organisation both organisers know shows, to the second, only what
    the second's editions hold."""
    week_edition = Team.objects.get(name="week admins").organizer.series.get().editions.get()
    from tests.factories import make_category

    make_category(week_edition)
    register(week_edition, organization="重庆市经济和信息化委员会")
    admin = get_user_model().objects.create_user("weekadmin", password="pw-123456")
    Team.objects.get(name="week admins").members.add(admin)
    client = Client()
    client.force_login(admin)

    registry = client.get("/staff/organizations")

    assert registry.status_code == 200
    html = registry.content.decode()
    rows = re.findall(
        r'<tr><td><a href="/staff/organizations/(\d+)">([^<]+)</a>.*?</td><td>[^<]*</td><td>(\d+)</td>', html
    )
    assert [(name, count) for _pk, name, count in rows] == [("重庆市经济和信息化委员会", "1")]
    detail = client.get(f"/staff/organizations/{rows[0][0]}")
    assert detail.status_code == 200
    assert two["world"].edition.slug not in detail.content.decode()
