"""The organiser's console: the staff home lists what the user reaches with the sections their flags allow,
and every staff page of an edition carries the edition's navigation."""

import re

import pytest

from tests.factories import make_category, make_edition, make_user

pytestmark = pytest.mark.django_db


def _home_links(client) -> list[str]:
    html = client.get("/staff/").content.decode()
    return re.findall(r'<a class="button[^"]*" href="([^"]+)"', html)


def _nav(html: str) -> tuple[list[str], list[str]]:
    """The navigation's links and the one marked current."""
    nav = html.split('<nav class="edition-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<li><a href="([^"]+)"', nav)
    current = re.findall(r'<a href="([^"]+)" aria-current="page"', nav)
    return links, current


def test_home_leads_checkin_staff_to_the_scanner_first(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    assert _home_links(client) == [
        f"/staff/e/{edition.slug}/checkin",
        f"/staff/e/{edition.slug}/checkin/dashboard",
    ]


def test_home_shows_organisers_every_section_and_drafts(client):
    edition = make_edition(published=False, name="草稿届")
    client.force_login(make_user("boss", "organiser"))
    base = f"/staff/e/{edition.slug}/"
    assert _home_links(client) == [
        base,
        base + "checkin",
        base + "units",
        base + "checkin/dashboard",
        base + "agenda",
        base + "signing",
        base + "seating",
        base + "documents",
        base + "reception",
        base + "report",
        base + "audit",
        base + "settings",
    ]
    html = client.get("/staff/").content.decode()
    assert "草稿届" in html and "草稿" in html
    assert f'href="/staff/s/{edition.series.slug}/new"' in html


def test_home_for_a_user_without_any_flag_is_403(client):
    make_edition()
    client.force_login(make_user("nobody", None))
    assert client.get("/staff/").status_code == 403


@pytest.mark.parametrize(
    "path, current",
    [
        ("", ""),
        ("registrations/new", ""),
        ("checkin", "checkin"),
        ("checkin/dashboard", "checkin/dashboard"),
        ("units", "units"),
        ("agenda", "agenda"),
        ("signing", "signing"),
        ("seating", "seating"),
        ("documents", "documents"),
        ("settings", "settings"),
        ("settings/categories/new", "settings"),
    ],
)
def test_every_staff_edition_page_carries_the_navigation(client, path, current):
    edition = make_edition()
    make_category(edition)
    client.force_login(make_user("boss", "organiser"))
    response = client.get(f"/staff/e/{edition.slug}/{path}")
    assert response.status_code == 200
    links, marked = _nav(response.content.decode())
    base = f"/staff/e/{edition.slug}/"
    assert links == [
        base + p
        for p in (
            "",
            "checkin",
            "units",
            "checkin/dashboard",
            "agenda",
            "signing",
            "seating",
            "documents",
            "reception",
            "report",
            "audit",
            "settings",
        )
    ]
    assert marked == [base + current]


def test_navigation_shows_only_what_the_door_may_open(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    links, marked = _nav(client.get(f"/staff/e/{edition.slug}/checkin/dashboard").content.decode())
    assert links == [f"/staff/e/{edition.slug}/checkin", f"/staff/e/{edition.slug}/checkin/dashboard"]
    assert marked == [f"/staff/e/{edition.slug}/checkin/dashboard"]


def test_home_lists_only_the_organiser_the_user_belongs_to(client):
    from tests.factories import make_organizer, make_series, make_team

    ours = make_organizer("ours", name="我方组委会")
    theirs = make_organizer("theirs", name="他方组委会")
    mine = make_edition(series=make_series("our-series", organizer=ours), name="我方大会")
    other = make_edition(series=make_series("their-series", organizer=theirs), name="他方大会")
    make_series("our-new-series", organizer=ours, name="我方新系列")
    user = make_user("boss", None)
    make_team(["settings", "view"], organizer=ours, members=[user])
    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert ("我方组委会" in html, "我方大会" in html, "我方新系列" in html) == (True, True, True)
    assert ("他方组委会" in html, "他方大会" in html) == (False, False)
    assert 'href="/staff/s/our-new-series/new"' in html
    assert client.get(f"/staff/e/{mine.slug}/settings").status_code == 200
    assert client.get(f"/staff/e/{other.slug}/settings").status_code == 403
    assert client.get("/staff/s/their-series/new").status_code == 403


def test_a_door_volunteer_scoped_to_one_edition_sees_only_its_door(client):
    from tests.factories import make_team

    door = make_edition(name="门口届")
    elsewhere = make_edition(name="别处届")
    volunteer = make_user("vol", None)
    make_team(["checkin"], editions=[door], members=[volunteer])
    client.force_login(volunteer)
    html = client.get("/staff/").content.decode()
    assert ("门口届" in html, "别处届" in html) == (True, False)
    assert _home_links(client) == [f"/staff/e/{door.slug}/checkin", f"/staff/e/{door.slug}/checkin/dashboard"]
    assert client.get(f"/staff/e/{elsewhere.slug}/checkin").status_code == 403
    assert client.get(f"/staff/e/{door.slug}/settings").status_code == 403
