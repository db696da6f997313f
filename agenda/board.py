"""The organisers' planning board laid out as a CSS grid: pure arithmetic on sessions, no database, no HTTP."""

import datetime as dt
import re
from datetime import tzinfo

SLOT_MINUTES = 5
YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
TEXT_FIELDS = ("title", "title_en", "description", "description_en")


def earlier_years(session, year: int) -> list[int]:
    """Years before `year` that the session's text still names ("2023年大会开幕式" in a 2024 clone)."""
    text = " ".join(str(getattr(session, name, "") or "") for name in TEXT_FIELDS)
    return sorted({int(y) for y in YEAR.findall(text) if int(y) < year})


def stale_sessions(sessions, year: int) -> list[dict]:
    """The sessions whose text names an earlier year than the edition's: likely copied from last year."""
    return [{"s": s, "years": ys} for s in sessions if (ys := earlier_years(s, year))]


def planning_board(sessions, rooms, conflicts, tz: tzinfo) -> list[dict]:
    """Per day: rooms as columns (grid column 2 on: column 1 holds the times), 5-minute rows (row 2 on: row 1
    holds the room names); each session placed by grid row and column, with its lane when it overlaps
    another session in the same room. `conflicts` are `agenda.conflicts` answers (their "sessions" ids)."""
    column = {r.pk: i + 2 for i, r in enumerate(rooms)}
    clashing = {sid for c in conflicts for sid in c["sessions"]}
    days: dict[dt.date, list] = {}
    for s in sessions:
        days.setdefault(s.starts_at.astimezone(tz).date(), []).append(s)
    board = []
    for date in sorted(days):
        items = days[date]
        first = min(s.starts_at.astimezone(tz) for s in items)
        last = max(s.ends_at.astimezone(tz) for s in items)
        origin = first.replace(minute=0, second=0, microsecond=0)
        end_hour = last.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
        rows = int((end_hour - origin).total_seconds() // 60 // SLOT_MINUTES)

        def row(t, origin=origin):
            return int((t.astimezone(tz) - origin).total_seconds() // 60 // SLOT_MINUTES) + 2

        hours = []
        h = origin
        while h < end_hour:
            hours.append({"label": h.strftime("%H:%M"), "row": row(h)})
            h += dt.timedelta(minutes=30)
        # A clash in one room shows side by side: a later overlapping session moves to the next lane.
        lanes: dict[int, list[tuple[dt.datetime, int]]] = {}
        lane_of = {}
        for s in sorted(items, key=lambda x: x.starts_at):
            busy = {lane for end, lane in lanes.get(s.room_id, []) if end > s.starts_at}
            lane_of[s.pk] = next(i for i in range(len(busy) + 1) if i not in busy)
            lanes.setdefault(s.room_id, []).append((s.ends_at, lane_of[s.pk]))
        board.append(
            {
                "date": date,
                "rows": rows,
                "rooms": rooms,
                "hours": hours,
                "sessions": [
                    {
                        "s": s,
                        "col": column[s.room_id],
                        "row": row(s.starts_at),
                        "row_end": max(row(s.ends_at), row(s.starts_at) + 1),
                        "hm": f"{s.starts_at.astimezone(tz):%H:%M}–{s.ends_at.astimezone(tz):%H:%M}",
                        "conflict": s.pk in clashing,
                        "old_years": earlier_years(s, s.starts_at.astimezone(tz).year),
                        "lane": lane_of[s.pk],
                    }
                    for s in items
                ],
            }
        )
    return board
