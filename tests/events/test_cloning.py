import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from events.enums import EntryRule
from events.models import Edition
from tests.factories import make_category, make_edition, make_point, register, token_for

pytestmark = pytest.mark.django_db


def source_edition():
    edition = make_edition(
        slug="dazu-2023",
        name="2023成渝工业设计赋能大会",
        starts_on=dt.date(2023, 6, 28),
        ends_on=dt.date(2023, 6, 29),
    )
    guest = make_category(
        edition, "guest", name="嘉宾", requires_approval=True, capacity=100, badge_color="#9b1c1c"
    )
    make_category(edition, "delegate", capacity=400, waitlist=True)
    make_point(edition, "dinner", categories=[guest], entry=EntryRule.DAILY)
    register(edition, "delegate")
    return edition


def test_clone_copies_setup_and_shifts_dates_but_no_registrations(client):
    source = source_edition()
    token = token_for("boss", "organiser")
    response = client.post(
        "/api/v1/events/dazu-2023/clone",
        json.dumps({"slug": "dazu-2024", "starts_on": "2024-06-26"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["slug"], body["starts_on"], body["ends_on"], body["name"]) == (
        "dazu-2024",
        "2024-06-26",
        "2024-06-27",
        "2024成渝工业设计赋能大会",
    )
    new = Edition.objects.get(slug="dazu-2024")
    assert [
        (c.code, c.capacity, c.requires_approval, c.waitlist) for c in new.categories.order_by("code")
    ] == [
        ("delegate", 400, False, True),
        ("guest", 100, True, False),
    ]
    dinner = new.checkin_points.get(code="dinner")
    assert [c.code for c in dinner.categories.all()] == ["guest"]
    assert dinner.entry == EntryRule.DAILY
    assert new.registrations.count() == 0
    assert new.signing_key != source.signing_key
    assert new.consent_notices.get().version == "1.0-2024"  # a new version to consent to


def test_clone_to_an_existing_slug_is_409(client):
    source_edition()
    make_edition(slug="dazu-2024")
    token = token_for("boss", "organiser")
    response = client.post(
        "/api/v1/events/dazu-2023/clone",
        json.dumps({"slug": "dazu-2024", "starts_on": "2024-06-26"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 409


def test_clone_bad_slug_is_422_naming_it(client):
    source_edition()
    token = token_for("boss", "organiser")
    response = client.post(
        "/api/v1/events/dazu-2023/clone",
        json.dumps({"slug": "Dazu 2024!", "starts_on": "2024-06-26"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert (response.status_code, response.json()["field"]) == (422, "slug")


def test_clone_needs_organiser(client):
    source_edition()
    body = json.dumps({"slug": "dazu-2024", "starts_on": "2024-06-26"})
    assert (
        client.post("/api/v1/events/dazu-2023/clone", body, content_type="application/json").status_code
        == 401
    )
    viewer = token_for("v", "viewer")
    response = client.post(
        "/api/v1/events/dazu-2023/clone",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {viewer}",
    )
    assert response.status_code == 403


def test_clone_command(capsys):
    source_edition()
    call_command("clone_edition", "dazu-2023", "dazu-2025", "--starts-on", "2025-06-25")
    assert Edition.objects.get(slug="dazu-2025").starts_on == dt.date(2025, 6, 25)
    with pytest.raises(CommandError, match="dazu-2025"):
        call_command("clone_edition", "dazu-2023", "dazu-2025", "--starts-on", "2025-06-25")


def test_series_page_lists_every_published_edition(client):
    source = source_edition()
    call_command("clone_edition", "dazu-2023", "dazu-2024", "--starts-on", "2024-06-26")
    html = client.get(f"/s/{source.series.slug}/").content.decode()
    assert ("/e/dazu-2023/" in html, "/e/dazu-2024/" in html) == (True, False)  # the clone is a draft
    Edition.objects.filter(slug="dazu-2024").update(published=True)
    html = client.get(f"/s/{source.series.slug}/").content.decode()
    assert ("/e/dazu-2023/" in html, "/e/dazu-2024/" in html) == (True, True)


def test_clone_moves_the_agenda_by_the_date_difference():
    from agenda.demo import load as load_agenda
    from agenda.models import Session
    from events.demo import load as load_events

    edition = load_events()
    load_agenda(edition)
    call_command("clone_edition", "dazu-2023", "dazu-2024", "--starts-on", "2024-06-26")
    old = list(Session.objects.filter(edition=edition).order_by("starts_at", "id"))
    new = list(Session.objects.filter(edition__slug="dazu-2024").order_by("starts_at", "id"))
    assert len(new) == len(old) > 5
    assert [(s.title, s.starts_at + dt.timedelta(days=364), s.room.name) for s in old] == [
        (s.title, s.starts_at, s.room.name) for s in new
    ]
    assert {s.uid for s in old}.isdisjoint({s.uid for s in new})
    assert new[0].edition.registrations.count() == 0


def test_last_years_ticket_reads_wrong_event_at_the_cloned_edition(client):
    from events.registration.links import ticket_token_for

    source = source_edition()
    old_ticket = ticket_token_for(source.registrations.get())
    call_command("clone_edition", "dazu-2023", "dazu-2024", "--starts-on", "2024-06-26")
    token = token_for("door", "checkin")
    response = client.post(
        "/api/v1/events/dazu-2024/checkin",
        json.dumps({"token": old_ticket}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert (response.status_code, response.json()["result"]) == (200, "wrong_event")


def test_clone_carries_the_consent_notice_as_next_years_version():
    import datetime as dt

    from events.cloning import clone_edition
    from events.models import ConsentNotice

    source = make_edition(slug="dazu-2023", starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28))
    ConsentNotice.objects.filter(edition=source).update(
        version="2023.1", text="2023年大会报名信息仅用于会务。", text_en="Used for the 2023 conference only."
    )
    new = clone_edition(source=source, slug="dazu-2024", starts_on=dt.date(2024, 6, 26))
    notice = new.consent_notices.get()
    assert (notice.version, notice.text, notice.text_en) == (
        "2024.1",
        "2024年大会报名信息仅用于会务。",
        "Used for the 2024 conference only.",
    )
    assert source.consent_notices.get().version == "2023.1"
