"""Every internal link of every page the journeys visit leads somewhere: on the demo (load_demo), the
organiser's pages (the staff home, every section of the edition, the console, the series' follow-up) and the
public ones (home, edition, agenda, registration, a ticket, a unit's link, a return link, a verification), each
href, src, form action and data-* path is resolved by Django's URLconf (a page moved without its links fails
here) and answers below 400 with the test client (405 for a form that only takes POST). Static files must
exist. The crawl follows the HTML pages it finds; a route with many instances (a session, a plan, a
registration) is fetched once per URL name and query shape, every instance still resolved.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from followup.demo import demo_token as return_token
from signing.models import Award

pytestmark = pytest.mark.django_db

SLUG = "dazu-2023"
# Paths a page names that are not links to follow: the API's base the scanner builds on, a service
# worker's scope.
NOT_FETCHED_ATTRS = {"data-api", "data-sw-scope"}


class Links(HTMLParser):
    """(attribute, path, POST-only) of every internal path a page names."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name in ("href", "src", "action") or name.startswith("data-"):
                if value and value.startswith("/") and not value.startswith("//"):
                    # A form that posts, or a script's POST target (data-action): GET may answer 405.
                    post = name == "data-action" or (
                        tag == "form" and name == "action" and (attrs.get("method") or "").lower() == "post"
                    )
                    self.found.append((name, value, post))


def links_of(html: str) -> list[tuple[str, str, bool]]:
    parser = Links()
    parser.feed(html)
    return parser.found


def crawl(client: Client, seeds: list[str]) -> set[str]:
    """Visit the seeds and every internal page reachable from them; returns the URL names it fetched.
    Fails on a link that does not resolve, a static file that does not exist, or an answer >= 400."""
    queue = list(seeds)
    fetched: dict[str, int] = {}
    shapes: set[tuple] = set()
    resolved: set[str] = set()
    problems = []
    while queue:
        url = queue.pop(0)
        if url in fetched:
            continue
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        fetched[url] = response.status_code
        if response.status_code >= 400:
            problems.append(f"{url}: {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        for attr, link, post_only in links_of(response.content.decode()):
            path = urlsplit(link).path
            if path.startswith("/static/"):
                if not finders.find(path.removeprefix("/static/")):
                    problems.append(f"{url}: {attr}={link}: no such static file")
                continue
            if path not in resolved:
                try:
                    match = resolve(path)
                except Resolver404:
                    problems.append(f"{url}: {attr}={link} resolves to no page")
                    continue
                resolved.add(path)
            else:
                match = resolve(path)
            if attr in NOT_FETCHED_ATTRS:
                continue
            if (match.view_name, post_only) in shapes:
                continue
            shapes.add((match.view_name, post_only))
            target = path + (f"?{urlsplit(link).query}" if urlsplit(link).query else "")
            if post_only:
                status = client.get(target, HTTP_ACCEPT_LANGUAGE="en").status_code
                fetched[f"GET {target} (POST form)"] = status
                if status >= 400 and status != 405:
                    problems.append(f"{url}: form action {link}: GET answers {status}")
            else:
                queue.append(target)
    assert problems == []
    return {resolve(urlsplit(url.removeprefix("GET ").split(" ")[0]).path).view_name for url in fetched}


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="links do not depend on the database: run once, on SQLite"
)
def test_every_link_of_the_organisers_and_the_public_pages_leads_somewhere():
    call_command("load_demo", verbosity=0)
    organiser = Client()
    assert organiser.login(username="organizer", password="huiwu-demo")
    reached = crawl(organiser, ["/staff/", f"/staff/e/{SLUG}/", "/staff/organizations"])
    # Every section of the edition, the console, the series' follow-up and the public pages were reached
    # from the staff home, and the downloads the pages offer.
    assert {
        "staff",
        "staff_registrations",
        "staff_checkin",
        "staff_checkin_dashboard",
        "staff_hall",
        "staff_units",
        "staff_agenda",
        "staff_session",
        "staff_signing",
        "staff_seating",
        "staff_seating_plan",
        "staff_seating_hall",
        "staff_documents",
        "staff_reception",
        "staff_report",
        "staff_audit",
        "console_settings",
        "console_category",
        "console_point",
        "console_teams",
        "followup_projects",
        "followup_project",
        "staff_organizations",
        "staff_organization",
        "edition",
        "agenda",
        "api:programme_pdf",
        "api:registrations_xlsx",
    } - reached == set()
    serial = Award.objects.filter(edition__slug=SLUG).values_list("serial", flat=True).first()
    public = [
        "/",
        f"/e/{SLUG}/",
        f"/e/{SLUG}/register",
        f"/r/demo-token-{SLUG}-1",
        "/u/demo-unit-1",
        f"/p/{return_token(1)}",
        f"/verify/{serial}",
        "/staff/login",
    ]
    reached = crawl(Client(), public)
    assert {"home", "edition", "agenda", "register", "manage", "unit", "followup_returns", "verify_award"} - (
        reached
    ) == set()


def test_every_route_of_ours_has_its_own_name():
    """A link is built from a name (url() in a page, reverse in code): every route has one, and no two share
    it (the API's operations included; Django's admin and the OpenID client name their own)."""

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                yield from walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            else:
                yield p, f"{namespace}{p.name}" if p.name else None

    routes = list(walk(get_resolver().url_patterns))
    assert [str(p.pattern) for p, name in routes if name is None] == []
    names = [name for _, name in routes]
    assert sorted({n for n in names if names.count(n) > 1}) == []
