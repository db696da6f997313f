import pytest

from agenda import demo as agenda_demo
from agenda import selectors
from agenda.models import Session
from events import demo as events_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_agenda_on_phone_shows_now_next_rooms_and_changes(live_server, phone_page, tmp_path):
    selectors.clear_public_cache()
    edition = events_demo.load()
    agenda_demo.load(edition)
    signing = Session.objects.get(edition=edition, kind="signing_ceremony")
    page = phone_page
    page.goto(f"{live_server.url}/e/dazu-2023/agenda?at=2023-06-28T10:10")
    assert page.locator(".on-now .is-now .s-title").inner_text() == "项目签约仪式"
    assert page.locator(f"#s{signing.pk}").count() == 2  # in "now" and in the day's timeline
    # A phone reads the day in time order across rooms: lunch (12:00) before the afternoon forum (14:00).
    times = page.locator(".agenda-timeline:visible .s-time").all_inner_texts()
    assert times == sorted(times)
    assert page.locator(".agenda-rooms").is_visible() is False
    # Fits the phone: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert page.locator("#changelog .change-new").count() == Session.objects.filter(edition=edition).count()
    page.screenshot(path=str(tmp_path / "agenda-phone.png"), full_page=False)
    page.click(".langswitch button")
    page.wait_for_load_state()
    assert page.locator(".agenda-timeline .s-room").first.inner_text() == "Main hall"
    assert "Project signing ceremony" in page.locator(".agenda-timeline").first.inner_text()
