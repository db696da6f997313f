"""The planning board's layout (agenda/board.py): where each session lands in the grid, per day, with a clash
in one room shown side by side. Plain objects, no database: the layout is arithmetic."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from agenda.board import planning_board

CQ = ZoneInfo("Asia/Shanghai")


def session(pk, room, start, end):
    return SimpleNamespace(pk=pk, room_id=room, starts_at=start, ends_at=end)


def at(day, hh, mm):
    return dt.datetime(2023, 6, day, hh, mm, tzinfo=CQ)


ROOMS = [SimpleNamespace(pk=10, name="主会场"), SimpleNamespace(pk=11, name="分会场")]


def test_sessions_land_on_their_room_column_and_five_minute_rows():
    opening = session(1, 10, at(28, 9, 0), at(28, 9, 30))
    forum = session(2, 11, at(28, 9, 15), at(28, 10, 40))
    [day] = planning_board([opening, forum], ROOMS, [], CQ)
    assert day["date"] == dt.date(2023, 6, 28)
    assert day["rows"] == 24  # 09:00 to 11:00 in 5-minute rows
    assert [h["label"] for h in day["hours"]] == ["09:00", "09:30", "10:00", "10:30"]
    assert [h["row"] for h in day["hours"]] == [2, 8, 14, 20]
    placed = {p["s"].pk: p for p in day["sessions"]}
    assert (placed[1]["col"], placed[1]["row"], placed[1]["row_end"]) == (2, 2, 8)
    assert (placed[2]["col"], placed[2]["row"], placed[2]["row_end"]) == (3, 5, 22)
    assert placed[2]["hm"] == "09:15–10:40"
    assert [placed[1]["lane"], placed[2]["lane"]] == [0, 0]


def test_a_clash_in_one_room_moves_the_later_session_to_the_next_lane_and_is_marked():
    first = session(1, 10, at(28, 9, 0), at(28, 10, 0))
    clash = session(2, 10, at(28, 9, 30), at(28, 10, 30))
    after = session(3, 10, at(28, 10, 30), at(28, 11, 0))
    [day] = planning_board([clash, after, first], ROOMS, [{"sessions": [1, 2]}], CQ)
    placed = {p["s"].pk: p for p in day["sessions"]}
    assert [placed[k]["lane"] for k in (1, 2, 3)] == [0, 1, 0]
    assert [placed[k]["conflict"] for k in (1, 2, 3)] == [True, True, False]


def test_each_day_gets_its_own_grid_in_the_edition_time_zone():
    # 23:30 UTC on the 27th is 07:30 on the 28th in Chongqing: it belongs to the 28th's grid.
    early = session(1, 10, dt.datetime(2023, 6, 27, 23, 30, tzinfo=dt.UTC), at(28, 8, 0))
    next_day = session(2, 11, at(29, 14, 0), at(29, 14, 3))
    days = planning_board([next_day, early], ROOMS, [], CQ)
    assert [d["date"] for d in days] == [dt.date(2023, 6, 28), dt.date(2023, 6, 29)]
    assert days[0]["sessions"][0]["row"] == 8  # origin 07:00, 07:30 is six 5-minute rows later
    # A session shorter than a row still takes one row.
    short = days[1]["sessions"][0]
    assert short["row_end"] == short["row"] + 1


@pytest.mark.django_db
def test_board_flags_sessions_whose_text_names_an_earlier_year(client):
    import datetime as dt

    from tests.agenda.factories import make_session
    from tests.factories import make_edition, make_user

    edition = make_edition(starts_on=dt.date(2024, 6, 26), ends_on=dt.date(2024, 6, 26))
    stale = make_session(edition, title="2023成渝工业设计赋能大会开幕式", title_en="2023 Opening")
    make_session(edition, "10:00", "10:30", title="2024年度项目签约", title_en="Signing")
    make_user("boss", "organiser")
    client.login(username="boss", password="pw-123456")
    html = client.get(f"/staff/e/{edition.slug}/agenda").content.decode()
    panel = html.split('id="stale-years"')[1].split("</section>")[0]
    assert "仍含往年年份的场次 (1)" in panel
    assert f"/agenda/sessions/{stale.pk}" in panel and "2023" in panel
    assert "2024年度项目签约" not in panel
    assert html.count('class="old-year-tag"') == 1
