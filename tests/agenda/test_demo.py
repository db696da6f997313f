import pytest

from agenda import demo as agenda_demo
from agenda import selectors
from agenda.models import Release, Session
from events import demo as events_demo

pytestmark = pytest.mark.django_db


def test_demo_programme_loads_published_as_release_1_without_conflicts():
    edition = events_demo.load()
    agenda_demo.load(edition)
    release = Release.objects.get(edition=edition)
    assert release.version == 1
    kinds = [s["kind"] for s in release.snapshot]
    assert kinds.count("signing_ceremony") == 1
    assert kinds.count("awarding_ceremony") == 2
    speakers = [p["name_en"] for s in release.snapshot for p in s["speakers"]]
    assert speakers[:3] == ["Zhou Haiqi", "Cui Shutian", "Li Ning"]
    assert {s["starts_at"][:10] for s in release.snapshot} == {"2023-06-28"}
    assert selectors.working_conflicts(edition) == []


def test_demo_programme_twice_changes_nothing():
    edition = events_demo.load()
    agenda_demo.load(edition)
    before = list(Session.objects.filter(edition=edition).values_list("id", "title", "starts_at", "room_id"))
    agenda_demo.load(events_demo.load())
    after = list(Session.objects.filter(edition=edition).values_list("id", "title", "starts_at", "room_id"))
    assert after == before
    assert Release.objects.filter(edition=edition).count() == 1


def test_demo_signing_ceremony_is_in_the_main_hall_in_the_morning():
    edition = events_demo.load()
    agenda_demo.load(edition)
    session = Session.objects.get(edition=edition, kind="signing_ceremony")
    local = session.starts_at.astimezone(selectors.edition_tz(edition))
    assert (local.strftime("%Y-%m-%d %H:%M"), session.room.name) == ("2023-06-28 10:05", "主会场")
