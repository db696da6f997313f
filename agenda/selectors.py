"""Reads: the working copy, releases, plain dicts for the API, pages and documents."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from events import cache
from events.enums import RegistrationStatus
from events.exceptions import NotFound
from events.models import Category, Edition

from .conflicts import Slot, find_conflicts
from .enums import SessionKind
from .models import Release, Room, Session, SessionSpeaker


def edition_tz(edition: Edition) -> ZoneInfo:
    return ZoneInfo(edition.timezone or settings.TIME_ZONE)


def get_session(edition: Edition, session_id: int) -> Session:
    session = sessions_qs(edition).filter(pk=session_id).first()
    if session is None:
        raise NotFound(
            _("No session %(session_id)s in %(slug)s.") % {"session_id": session_id, "slug": edition.slug}
        )
    return session


def sessions_qs(edition: Edition):
    return (
        Session.objects.filter(edition=edition)
        .select_related("room", "host__organization")
        .prefetch_related(
            Prefetch(
                "speaker_links",
                queryset=SessionSpeaker.objects.select_related("person__organization").order_by(
                    "order", "id"
                ),
            ),
            "expected_categories",
        )
        .order_by("starts_at", "room__order", "room_id", "id")
    )


def rooms(edition: Edition) -> list[Room]:
    return list(Room.objects.filter(edition=edition).order_by("order", "id"))


def confirmed_by_category(edition: Edition) -> dict[int, int]:
    rows = Category.objects.filter(edition=edition).annotate(
        n=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    )
    return {c.pk: c.n for c in rows}


def _people(session: Session) -> list:
    people = [link.person for link in session.speaker_links.all()]
    if session.host is not None:
        people.append(session.host)
    return people


def slot_for(session: Session, confirmed: dict[int, int]) -> Slot:
    return Slot(
        id=session.pk,
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        room_id=session.room_id,
        room=session.room.name,
        room_capacity=session.room.capacity,
        people=tuple((p.pk, p.name) for p in _people(session)),
        expected=sum(confirmed.get(c.pk, 0) for c in session.expected_categories.all()),
    )


def working_conflicts(edition: Edition, sessions: list[Session] | None = None) -> list[dict]:
    """Every conflict in the working copy (what the organiser let through, or what came from elsewhere)."""
    sessions = list(sessions_qs(edition)) if sessions is None else sessions
    confirmed = confirmed_by_category(edition)
    return find_conflicts(
        [slot_for(s, confirmed) for s in sessions],
        starts_on=edition.starts_on,
        ends_on=edition.ends_on,
        tz=edition_tz(edition),
    )


def person_data(person) -> dict | None:
    if person is None:
        return None
    return {
        "name": person.name,
        "name_en": person.name_en,
        "title": person.title,
        "title_en": person.title_en,
        "organization": person.organization.name if person.organization else "",
        "organization_en": person.organization.name_en if person.organization else "",
    }


def session_data(session: Session, tz: ZoneInfo) -> dict:
    """One session as plain data: what releases freeze, the JSON serves and documents print."""
    return {
        "id": session.pk,
        "uid": str(session.uid),
        "kind": session.kind,
        "title": session.title,
        "title_en": session.title_en,
        "description": session.description,
        "description_en": session.description_en,
        "starts_at": session.starts_at.astimezone(tz).isoformat(),
        "ends_at": session.ends_at.astimezone(tz).isoformat(),
        "room": session.room.name,
        "room_en": session.room.name_en,
        "speakers": [person_data(link.person) for link in session.speaker_links.all()],
        "host": person_data(session.host),
    }


def working_copy(edition: Edition) -> list[dict]:
    tz = edition_tz(edition)
    return [session_data(s, tz) for s in sessions_qs(edition)]


def latest_release(edition: Edition) -> Release | None:
    return Release.objects.filter(edition=edition).order_by("-version").first()


def releases(edition: Edition) -> list[Release]:
    return list(Release.objects.filter(edition=edition).order_by("-version"))


def changelog(edition: Edition, upto: int | None = None) -> list[dict]:
    rows = Release.objects.filter(edition=edition).order_by("-version")
    if upto is not None:
        rows = rows.filter(version__lte=upto)
    return [
        {
            "version": r.version,
            "published_at": r.published_at.astimezone(edition_tz(edition)).isoformat(),
            "comment": r.comment,
            "changes": r.changes,
        }
        for r in rows.only("version", "published_at", "comment", "changes")
    ]


def nothing_published(slug: str) -> NotFound:
    if not Edition.objects.filter(slug=slug, published=True).exists():
        return NotFound(_("No edition '%(slug)s'.") % {"slug": slug})
    return NotFound(
        _("The agenda of '%(slug)s' has not been published yet.") % {"slug": slug},
        extra={"published": False},
    )


def get_published(edition: Edition) -> Release:
    release = latest_release(edition)
    if release is None:
        raise nothing_published(edition.slug)
    return release


# The public JSON is read far more often than it is published: each worker keeps the latest release's bytes
# in the versioned cache (events/cache.py), whose scope a release bumps (agenda/apps.py: Release's signals),
# so every worker serves the new release at its next request.
PUBLIC = "agenda-public"


def clear_public_cache(*_args, **_signal) -> None:
    """Every worker reloads the public agenda at its next request (one scope for all editions: releases
    are rare). Called when a release is saved or deleted."""
    cache.bump_at_commit(PUBLIC)


def _stored_release(slug: str) -> tuple[bytes, str] | None:
    row = (
        Release.objects.filter(edition__slug=slug, edition__published=True)
        .order_by("-version")
        .values_list("payload", "etag")
        .first()
    )
    return None if row is None else (bytes(row[0]), row[1])


def public_agenda_bytes(slug: str) -> tuple[bytes, str]:
    """The latest release's public JSON and its ETag, as stored at publish time."""
    stored = cache.cached(PUBLIC, slug, lambda: _stored_release(slug))
    if stored is None:
        raise nothing_published(slug)
    return stored


def local(value: str | dt.datetime, tz: ZoneInfo) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.astimezone(tz)


def programme_days(sessions: list[dict], room_order: list[str], tz: ZoneInfo) -> list[dict]:
    """Sessions (plain dicts) grouped by local day and, within a day, by room in the rooms' order."""
    days: dict[dt.date, dict] = {}
    for s in sessions:
        start, end = local(s["starts_at"], tz), local(s["ends_at"], tz)
        item = dict(s, start=start, end=end, hm=f"{start:%H:%M}–{end:%H:%M}")
        day = days.setdefault(start.date(), {"date": start.date(), "rooms": {}, "sessions": []})
        day["sessions"].append(item)
        day["rooms"].setdefault(s["room"], {"name": s["room"], "name_en": s["room_en"], "sessions": []})
        day["rooms"][s["room"]]["sessions"].append(item)
    order = {name: i for i, name in enumerate(room_order)}
    out = []
    for date in sorted(days):
        day = days[date]
        day["sessions"].sort(key=lambda x: (x["start"], order.get(x["room"], 999)))
        day["rooms"] = sorted(day["rooms"].values(), key=lambda r: order.get(r["name"], 999))
        for room in day["rooms"]:
            room["sessions"].sort(key=lambda x: x["start"])
        out.append(day)
    return out


def now_and_next(sessions: list[dict], at: dt.datetime) -> tuple[list[int], list[int]]:
    """Ids of the sessions running at `at` and of the next ones to start (same start time, per room)."""
    now_ids = [s["id"] for s in sessions if s["start"] <= at < s["end"]]
    upcoming = sorted((s for s in sessions if s["start"] > at), key=lambda s: s["start"])
    next_ids = []
    if upcoming:
        first = upcoming[0]["start"]
        next_ids = [s["id"] for s in upcoming if s["start"] == first]
    return now_ids, next_ids


def opening(edition: Edition):
    """When the edition opens, for its invitation letters (events.hooks): the start of its first session of
    kind "opening", else of its first session; None with no programme."""
    starts = (
        Session.objects.filter(edition=edition)
        .order_by("starts_at", "id")
        .values_list("starts_at", flat=True)
    )
    return starts.filter(kind=SessionKind.OPENING).first() or starts.first()
