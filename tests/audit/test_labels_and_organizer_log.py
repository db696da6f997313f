"""Audit actions in words (both languages) on the pages and in the API, a label for every staff write route
(the URL patterns and the API's operations walked), the action of the request's method where several
operations share a path, and the organiser's audit log (its editions, teams, members, tokens, series, its
members' sign-ins; nothing of another organiser)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from audit import actions, labels
from audit.middleware import NOT_WRITES, OWN_LOG
from audit.models import AuditEntry
from config.api import ROUTERS
from events.auth import new_api_token
from tests.factories import make_category, make_edition, make_organizer, make_series, make_team

pytestmark = pytest.mark.django_db


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def test_every_staff_page_route_has_a_label():
    missing = sorted(
        name
        for route, name in _routes(get_resolver().url_patterns)
        if route.startswith("staff/") and name not in NOT_WRITES | OWN_LOG and name not in labels.PAGES
    )
    assert missing == []


def test_every_api_write_operation_has_a_label():
    assert set(actions.operations.values()) - set(labels.API) == set()
    # every write operation of every router is known, each by the name the log records
    count = sum(
        len([m for m in op.methods if m in actions.WRITE_METHODS])
        for router in ROUTERS
        for view in router.path_operations.values()
        for op in view.operations
    )
    assert len(actions.operations) == count


def test_every_admin_route_has_a_label():
    names = [
        name for route, name in _routes(get_resolver().url_patterns) if route.startswith("admin/") and name
    ]
    assert names
    assert [n for n in names if labels.label(n) == n] == []
    with translation.override("en"):
        assert labels.label("events_edition_change") == "Site administration: change edition"


def test_labels_in_both_languages():
    with translation.override("en"):
        assert labels.label("patch_category") == "Change a category"
        assert labels.label("reception.assign") == "Assign rooms"
        assert labels.label("gone_action") == "gone_action"
    with translation.override("zh-hans"):
        assert labels.label("patch_category") == "修改参会类别"
        assert labels.label("login_failed") == "登录失败"


def two_organisers():
    dazu = make_organizer("dazu")
    edition = make_edition("conf-1", series=make_series("conf", organizer=dazu))
    make_category(edition, "delegate", capacity=5)
    boss = get_user_model().objects.create_user(
        username="boss", email="boss@example.com", password="pw-123456"
    )
    make_team(["admin"], organizer=dazu, members=[boss])
    week = make_organizer("week")
    make_edition("week-1", series=make_series("week", organizer=week))
    other = get_user_model().objects.create_user(username="weekboss", password="pw-123456")
    make_team(["admin"], organizer=week, members=[other])
    return new_api_token(user=boss), new_api_token(user=other)


def api(client, method, url, token, body=None):
    return getattr(client, method)(
        f"/api/v1{url}",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_organiser_log_has_its_editions_teams_tokens_and_sign_ins_and_nothing_of_another(client):
    dazu, week = two_organisers()
    assert (
        api(client, "patch", "/events/conf-1/categories/delegate", dazu, {"capacity": 9}).status_code == 200
    )
    team = api(
        client,
        "post",
        "/organizers/dazu/teams",
        dazu,
        {"name": "门岗", "permissions": ["checkin"], "scope": {"organizer": True}},
    )
    assert team.status_code == 201
    minted = api(client, "post", f"/teams/{team.json()['id']}/tokens", dazu, {"name": "door"})
    assert api(client, "delete", f"/tokens/{minted.json()['id']}", dazu).status_code == 204
    assert api(client, "delete", f"/teams/{team.json()['id']}", dazu).status_code == 204
    # The other organiser's writes and sign-ins.
    assert (
        api(
            client,
            "post",
            "/organizers/week/teams",
            week,
            {"name": "W", "permissions": ["view"], "scope": {"organizer": True}},
        ).status_code
        == 201
    )
    assert (
        api(client, "post", "/organizers/week/series", week, {"slug": "wk2", "name": "W2"}).status_code == 201
    )
    Client().login(username="weekboss", password="pw-123456")
    Client().login(username="boss", password="pw-123456")
    Client().login(username="boss@example.com", password="wrong")

    body = api(client, "get", "/organizers/dazu/audit", dazu).json()
    got = [(e["action"], e["label"], e["edition"]) for e in reversed(body)]
    assert got == [
        ("patch_category", "Change a category", "conf-1"),
        ("token_new_address", "Token used from a new address", "conf-1"),  # its first use, through conf-1
        ("create_team", "Create a team", None),
        ("create_token", "Mint a team token", None),
        ("delete_token", "Revoke a token", None),
        ("delete_team", "Delete a team", None),
        ("login", "Signed in", None),
        ("login_failed", "Failed sign-in", None),
    ]
    only = api(client, "get", "/organizers/dazu/audit?action=create_team", dazu).json()
    assert [e["action"] for e in only] == ["create_team"]
    assert api(client, "get", "/organizers/dazu/audit?since=yesterday", dazu).json()["field"] == "since"

    theirs = [e["action"] for e in api(client, "get", "/organizers/week/audit", week).json()]
    assert sorted(theirs) == ["create_series", "create_team", "login", "token_new_address"]
    assert api(client, "get", "/organizers/week/audit", dazu).status_code == 403
    assert AuditEntry.objects.filter(action="patch_category").get().organizer_id is None


def test_organiser_audit_page_in_both_languages_and_refused_to_others(client):
    dazu, _week = two_organisers()
    api(
        client,
        "post",
        "/organizers/dazu/teams",
        dazu,
        {"name": "门岗", "permissions": ["checkin"], "scope": {"organizer": True}},
    )
    client.login(username="boss", password="pw-123456")
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/staff/o/dazu/audit").content.decode()
    assert "新建团队" in page and '<code class="muted small">create_team</code>' in page
    assert "主办方审计日志" in client.get("/staff/").content.decode()
    client.cookies["django_language"] = "en"
    page = client.get("/staff/o/dazu/audit?action=create_team").content.decode()
    assert "Create a team" in page
    assert client.get("/staff/o/week/audit").status_code == 403
    assert client.get("/staff/o/nobody/audit").status_code == 404


def test_edition_log_labels_an_api_write_by_its_method_not_the_paths_first_operation(client):
    dazu, _week = two_organisers()
    assert api(client, "patch", "/events/conf-1", dazu, {"venue": "大足"}).status_code == 200
    entries = api(client, "get", "/events/conf-1/audit", dazu).json()
    assert [(e["action"], e["label"]) for e in entries if e["action"] != "token_new_address"] == [
        ("patch_event", "Change the edition's settings")
    ]
