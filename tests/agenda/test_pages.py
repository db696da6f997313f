import datetime as dt

import pytest

from agenda import demo as agenda_demo
from agenda import services
from agenda.models import Release, Session
from events import demo as events_demo
from tests.agenda.factories import make_room, make_session
from tests.factories import make_edition, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dazu():
    edition = events_demo.load()
    agenda_demo.load(edition)
    return edition


def test_public_agenda_page_shows_release_by_room_in_chinese(client, dazu):
    r = client.get("/e/dazu-2023/agenda")
    html = r.content.decode()
    assert r.status_code == 200
    assert "项目签约仪式" in html
    assert "主会场" in html and "分会场" in html
    assert "第 1 版" in html


def test_public_agenda_page_in_english(client, dazu):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/e/dazu-2023/agenda").content.decode()
    assert "Project signing ceremony" in html
    assert "Main hall" in html
    assert "Release 1" in html


def test_public_agenda_page_marks_now_and_next_on_the_day(client, dazu):
    html = client.get("/e/dazu-2023/agenda?at=2023-06-28T10:10").content.decode()
    signing = Session.objects.get(edition=dazu, kind="signing_ceremony")
    assert f'is-now" id="s{signing.pk}"' in html
    assert "进行中" in html and "即将开始" in html


def test_public_agenda_page_other_day_has_no_now(client, dazu):
    html = client.get("/e/dazu-2023/agenda?at=2023-07-01T10:10").content.decode()
    assert "is-now" not in html


def test_public_agenda_page_shows_change_log(client, dazu):
    signing = Session.objects.get(edition=dazu, kind="signing_ceremony")
    services.update_session(
        session=signing, changes={"starts_at": "2023-06-28T10:10", "ends_at": "2023-06-28T10:35"}
    )
    services.publish_release(edition=dazu, comment="签约仪式推迟五分钟")
    html = client.get("/e/dazu-2023/agenda").content.decode()
    assert "签约仪式推迟五分钟" in html
    assert "change-moved" in html


def test_public_agenda_page_unpublished_says_so(client):
    edition = make_edition()
    make_room(edition)
    make_session(edition)
    html = client.get(f"/e/{edition.slug}/agenda").content.decode()
    assert "议程尚未发布" in html
    assert "开幕式" not in html


def _organiser(client):
    make_user("boss", "organiser")
    client.login(username="boss", password="pw-123456")


def test_staff_agenda_page_needs_organiser(client, dazu):
    assert client.get("/staff/e/dazu-2023/agenda").status_code == 302
    make_user("door", "checkin")
    client.login(username="door", password="pw-123456")
    assert client.get("/staff/e/dazu-2023/agenda").status_code == 403


def test_staff_agenda_page_shows_board_and_no_conflicts(client, dazu):
    _organiser(client)
    r = client.get("/staff/e/dazu-2023/agenda")
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count('class="block ') == Session.objects.filter(edition=dazu).count()
    assert "没有冲突" in html


def form(**over):
    data = {
        "title": "闭幕式",
        "title_en": "Closing",
        "kind": "other",
        "day": "2023-06-28",
        "start": "17:00",
        "end": "17:30",
        "room": "主会场",
        "speakers": "",
        "host": "",
        "description": "",
        "description_en": "",
    }
    data.update(over)
    return data


def test_staff_add_session_with_form(client, dazu):
    _organiser(client)
    r = client.post("/staff/e/dazu-2023/agenda", form(speakers="崔书田"))
    assert r.status_code == 302
    session = Session.objects.get(edition=dazu, title="闭幕式")
    assert [p.name for p in session.speakers.all()] == ["崔书田"]


def test_staff_add_clashing_session_shows_conflict_and_keeps_nothing(client, dazu):
    _organiser(client)
    r = client.post("/staff/e/dazu-2023/agenda", form(start="10:00", end="10:20"))
    assert r.status_code == 409
    assert 'data-kind="room_double_booked"' in r.content.decode()
    assert not Session.objects.filter(edition=dazu, title="闭幕式").exists()


def test_staff_add_clashing_session_allowed_is_marked_on_board(client, dazu):
    _organiser(client)
    client.post("/staff/e/dazu-2023/agenda", form(start="10:00", end="10:20", allow_conflicts="on"))
    html = client.get("/staff/e/dazu-2023/agenda").content.decode()
    assert html.count("block kind-other conflict") == 1
    assert "冲突提示" in html and 'data-kind="room_double_booked"' in html


def test_staff_add_session_end_before_start_is_422_on_end_field(client, dazu):
    _organiser(client)
    r = client.post("/staff/e/dazu-2023/agenda", form(start="17:00", end="16:00"))
    assert r.status_code == 422
    assert 'has-error">\n  <label for="id_end"' in r.content.decode()


def test_staff_move_session_with_form_then_publish(client, dazu):
    _organiser(client)
    forum = Session.objects.get(edition=dazu, kind="forum")
    r = client.post(
        f"/staff/e/dazu-2023/agenda/sessions/{forum.pk}",
        form(title=forum.title, kind="forum", start="14:30", end="17:00", room="分会场"),
    )
    assert r.status_code == 302
    client.post("/staff/e/dazu-2023/agenda/publish", {"comment": "分论坛推迟半小时"})
    release = Release.objects.filter(edition=dazu).order_by("-version").first()
    assert (release.version, release.comment) == (2, "分论坛推迟半小时")
    assert [(c["type"], c["id"]) for c in release.changes] == [("moved", forum.pk)]


def test_staff_session_page_prefills_local_times(client, dazu):
    _organiser(client)
    signing = Session.objects.get(edition=dazu, kind="signing_ceremony")
    html = client.get(f"/staff/e/dazu-2023/agenda/sessions/{signing.pk}").content.decode()
    assert 'value="10:05"' in html and 'value="2023-06-28"' in html


def test_staff_cancel_session(client, dazu):
    _organiser(client)
    signing = Session.objects.get(edition=dazu, kind="signing_ceremony")
    client.post(f"/staff/e/dazu-2023/agenda/sessions/{signing.pk}/cancel")
    assert not Session.objects.filter(pk=signing.pk).exists()


def test_public_agenda_page_of_test_edition_groups_by_day(client):
    edition = make_edition(starts_on=dt.date(2030, 6, 28), ends_on=dt.date(2030, 6, 29))
    make_room(edition)
    make_session(edition, "09:00", "09:30")
    services.publish_release(edition=edition)
    html = client.get(f"/e/{edition.slug}/agenda").content.decode()
    assert 'id="d2030-06-28"' in html


def test_staff_add_session_expecting_too_many_for_the_room_is_409(client, dazu):
    _organiser(client)
    # 60 confirmed delegates and 24 confirmed guests in the demo: 84 > the 80 seats of a small room.
    services.create_room(edition=dazu, name="小会议室", name_en="Small room", capacity=80)
    r = client.post(
        "/staff/e/dazu-2023/agenda", form(room="小会议室", expected_categories=["delegate", "guest"])
    )
    assert r.status_code == 409
    assert 'data-kind="room_too_small"' in r.content.decode()
