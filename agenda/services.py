"""Every write and business rule of the agenda: rooms, people, sessions, releases."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events import dates
from events.enums import ACTIVE_STATUSES
from events.exceptions import Conflict, InvalidInput
from events.models import Category, Edition, Organization, Registration

from . import selectors
from .conflicts import conflicts_involving, find_conflicts
from .enums import ChangeType, SessionKind
from .models import Person, Release, Room, Session, SessionSpeaker


class AgendaConflict(Conflict):
    """A clash the organiser did not let through (409 with the list of conflicts)."""


# --- parsing -------------------------------------------------------------------------------------------


def parse_time(value, *, edition: Edition, field: str) -> dt.datetime:
    """ISO 8601 text (or a datetime) to an aware datetime; naive times are in the edition's time zone."""
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        text = (value or "").strip()
        if not text:
            raise InvalidInput(
                _("%(field)s is required (ISO 8601, e.g. 2023-06-28T09:30).") % {"field": field}, field=field
            )
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInput(
                _("%(field)s '%(text)s' is not a date and time (ISO 8601, e.g. 2023-06-28T09:30).")
                % {"field": field, "text": text},
                field=field,
            )
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=selectors.edition_tz(edition))
    dates.check_moment(parsed, field)
    return parsed


def _kind(value: str) -> str:
    if value not in SessionKind.values:
        raise InvalidInput(
            _("Unknown kind '%(value)s'; one of: %(value2)s.")
            % {"value": value, "value2": ", ".join(SessionKind.values)},
            field="kind",
        )
    return value


def _room(edition: Edition, name) -> Room:
    if isinstance(name, Room):
        return name
    name = (name or "").strip()
    room = (
        Room.objects.filter(edition=edition).filter(Q(name=name) | Q(name_en=name)).first() if name else None
    )
    if room is None:
        known = ", ".join(Room.objects.filter(edition=edition).values_list("name", flat=True)) or "none yet"
        raise InvalidInput(
            _("No room '%(name)s' in %(slug)s (rooms: %(known)s).")
            % {"name": name, "slug": edition.slug, "known": known},
            field="room",
        )
    return room


def _person(edition: Edition, name: str, *, field: str) -> Person:
    """A person on the programme by name (Chinese or English); a registered attendee becomes one."""
    name = (name or "").strip()
    person = (
        Person.objects.filter(edition=edition).filter(Q(name=name) | Q(name_en=name)).first()
        if name
        else None
    )
    if person is not None:
        return person
    reg = (
        Registration.objects.filter(edition=edition, status__in=list(ACTIVE_STATUSES))
        .filter(Q(name=name) | Q(name_en=name))
        .select_related("organization")
        .first()
        if name
        else None
    )
    if reg is None:
        raise InvalidInput(
            _("No speaker or registered attendee named '%(name)s' in %(slug)s; add the person first.")
            % {"name": name, "slug": edition.slug},
            field=field,
        )
    return Person.objects.create(
        edition=edition,
        name=reg.name,
        name_en=reg.name_en,
        title=reg.title,
        organization=reg.organization,
        registration=reg,
    )


def _categories(edition: Edition, codes) -> list[Category]:
    cats = list(Category.objects.filter(edition=edition, code__in=list(codes)))
    missing = sorted(set(codes) - {c.code for c in cats})
    if missing:
        raise InvalidInput(
            _("No category %(value)s in %(slug)s.") % {"value": ", ".join(missing), "slug": edition.slug},
            field="expected_categories",
        )
    return cats


# --- rooms and people ----------------------------------------------------------------------------------


@transaction.atomic
def create_room(
    *, edition: Edition, name: str, name_en: str = "", capacity: int | None = None, order: int = 0
) -> Room:
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("A room needs a name."), field="name")
    if capacity is not None and capacity < 0:
        raise InvalidInput("Capacity cannot be negative.", field="capacity")
    if Room.objects.filter(edition=edition, name=name).exists():
        raise Conflict(_("Room '%(name)s' exists already.") % {"name": name}, field="name")
    return Room.objects.create(edition=edition, name=name, name_en=name_en, capacity=capacity, order=order)


@transaction.atomic
def create_person(
    *,
    edition: Edition,
    name: str,
    name_en: str = "",
    title: str = "",
    title_en: str = "",
    organization: str = "",
    registration: str = "",
) -> Person:
    """Adds a speaker or host; `registration` (a registration code) links them to their registration."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("A person needs a name."), field="name")
    if Person.objects.filter(edition=edition, name=name).exists():
        raise Conflict(_("'%(name)s' is on the programme already.") % {"name": name}, field="name")
    org = None
    if organization:
        org = Organization.objects.filter(Q(name=organization) | Q(name_en=organization)).first()
        if org is None:
            org = Organization.objects.create(name=organization)
    reg = None
    if registration:
        reg = Registration.objects.filter(edition=edition, code=registration.upper()).first()
        if reg is None:
            raise InvalidInput(f"No registration '{registration}' in {edition.slug}.", field="registration")
    return Person.objects.create(
        edition=edition,
        name=name,
        name_en=name_en,
        title=title,
        title_en=title_en,
        organization=org,
        registration=reg,
    )


# --- sessions ------------------------------------------------------------------------------------------


def _check(edition: Edition, session: Session, *, allow_conflicts: bool) -> list[dict]:
    """Conflicts the (saved, not yet committed) session takes part in; raises unless let through."""
    sessions = list(selectors.sessions_qs(edition))
    confirmed = selectors.confirmed_by_category(edition)
    found = conflicts_involving(
        find_conflicts(
            [selectors.slot_for(s, confirmed) for s in sessions],
            starts_on=edition.starts_on,
            ends_on=edition.ends_on,
            tz=selectors.edition_tz(edition),
        ),
        session.pk,
    )
    if found and not allow_conflicts:
        raise AgendaConflict(
            _("%(message)s Send allow_conflicts: true to keep it anyway.") % {"message": found[0]["message"]},
            field=found[0]["field"],
            extra={"conflicts": found},
        )
    return found


def _apply(session: Session, edition: Edition, data: dict) -> tuple[list | None, list | None]:
    if "kind" in data:
        session.kind = _kind(data["kind"])
    for key in ("title", "title_en", "description", "description_en"):
        if key in data:
            setattr(session, key, (data[key] or "").strip())
    if "title" in data and not session.title:
        raise InvalidInput(_("A session needs a title."), field="title")
    if "starts_at" in data:
        session.starts_at = parse_time(data["starts_at"], edition=edition, field="starts_at")
    if "ends_at" in data:
        session.ends_at = parse_time(data["ends_at"], edition=edition, field="ends_at")
    if session.ends_at <= session.starts_at:
        raise InvalidInput(_("ends_at must be after starts_at."), field="ends_at")
    if "room" in data:
        session.room = _room(edition, data["room"])
    if "host" in data:
        session.host = _person(edition, data["host"], field="host") if data["host"] else None
    speakers = None
    if data.get("speakers") is not None:
        speakers = [_person(edition, n, field="speakers") for n in data["speakers"]]
    cats = None
    if data.get("expected_categories") is not None:
        cats = _categories(edition, data["expected_categories"])
    return speakers, cats


def _save(session: Session, speakers, cats) -> None:
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        raise InvalidInput("ends_at must be after starts_at.", field="ends_at")
    if speakers is not None:
        SessionSpeaker.objects.filter(session=session).delete()
        seen = set()
        for order, person in enumerate(speakers):
            if person.pk not in seen:
                SessionSpeaker.objects.create(session=session, person=person, order=order)
                seen.add(person.pk)
    if cats is not None:
        session.expected_categories.set(cats)


@dataclass
class SessionResult:
    session: Session
    conflicts: list[dict]


@transaction.atomic
def create_session(*, edition: Edition, allow_conflicts: bool = False, **data) -> SessionResult:
    """Adds a session to the working copy. A clash raises AgendaConflict unless allow_conflicts."""
    for required in ("title", "kind", "starts_at", "ends_at", "room"):
        if not data.get(required):
            raise InvalidInput(_("%(required)s is required.") % {"required": required}, field=required)
    session = Session(edition=edition)
    speakers, cats = _apply(session, edition, data)
    _save(session, speakers, cats)
    conflicts = _check(edition, session, allow_conflicts=allow_conflicts)
    return SessionResult(selectors.get_session(edition, session.pk), conflicts)


@transaction.atomic
def update_session(*, session: Session, changes: dict, allow_conflicts: bool = False) -> SessionResult:
    """Moves or edits a session of the working copy (the next release lists it as moved or changed)."""
    edition = session.edition
    session = Session.objects.select_for_update().get(pk=session.pk)
    if "title" in changes and not (changes["title"] or "").strip():
        raise InvalidInput(_("A session needs a title."), field="title")
    speakers, cats = _apply(session, edition, changes)
    _save(session, speakers, cats)
    conflicts = _check(edition, session, allow_conflicts=allow_conflicts)
    return SessionResult(selectors.get_session(edition, session.pk), conflicts)


@transaction.atomic
def cancel_session(*, session: Session) -> None:
    """Removes a session from the working copy; the next release lists it as cancelled."""
    session.delete()


# --- releases ------------------------------------------------------------------------------------------

MOVE_KEYS = ("starts_at", "ends_at", "room")
CONTENT_KEYS = ("kind", "title", "title_en", "description", "description_en", "speakers", "host")


def diff_snapshots(before: list[dict], after: list[dict]) -> list[dict]:
    """The change log between two releases: new, moved, changed and cancelled sessions."""
    old = {s["id"]: s for s in before}
    new_ids = {s["id"] for s in after}
    changes = []

    def entry(kind: str, s: dict, **more) -> dict:
        return {
            "type": kind,
            "id": s["id"],
            "title": s["title"],
            "title_en": s["title_en"],
            "starts_at": s["starts_at"],
            "ends_at": s["ends_at"],
            "room": s["room"],
            "room_en": s["room_en"],
            **more,
        }

    for s in after:
        prev = old.get(s["id"])
        if prev is None:
            changes.append(entry(ChangeType.NEW.value, s))
        elif any(prev[k] != s[k] for k in MOVE_KEYS):
            changes.append(
                entry(ChangeType.MOVED.value, s, before={k: prev[k] for k in (*MOVE_KEYS, "room_en")})
            )
        elif any(prev.get(k) != s.get(k) for k in CONTENT_KEYS):
            fields = [k for k in CONTENT_KEYS if prev.get(k) != s.get(k)]
            changes.append(entry(ChangeType.CHANGED.value, s, fields=fields))
    for s in before:
        if s["id"] not in new_ids:
            changes.append(entry(ChangeType.CANCELLED.value, s))
    return changes


def public_payload(*, edition: Edition, release: Release, log: list[dict]) -> bytes:
    body = {
        "edition": edition.slug,
        "name": edition.name,
        "name_en": edition.name_en,
        "timezone": edition.timezone,
        "version": release.version,
        "published_at": release.published_at.astimezone(selectors.edition_tz(edition)).isoformat(),
        "comment": release.comment,
        "sessions": release.snapshot,
        "changes": release.changes,
        "changelog": log,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


@transaction.atomic
def publish_release(*, edition: Edition, comment: str = "", user=None) -> Release:
    """Freezes the working copy as the next numbered release with its change log and public JSON."""
    Edition.objects.select_for_update().filter(pk=edition.pk).first()
    previous = selectors.latest_release(edition)
    snapshot = selectors.working_copy(edition)
    prev_sequence = {s["id"]: s.get("sequence", 0) for s in (previous.snapshot if previous else [])}
    changes = diff_snapshots(previous.snapshot if previous else [], snapshot)
    if previous is not None and not changes:
        raise Conflict(
            _("Nothing changed since release %(version)s.") % {"version": previous.version}, field="comment"
        )
    changed = {c["id"] for c in changes if c["type"] in (ChangeType.MOVED, ChangeType.CHANGED)}
    for s in snapshot:
        # iCalendar SEQUENCE: calendars replace an event only when its sequence goes up.
        s["sequence"] = prev_sequence.get(s["id"], 0) + (1 if s["id"] in changed else 0)
    release = Release(
        edition=edition,
        version=(previous.version + 1) if previous else 1,
        comment=(comment or "").strip()[:500],
        published_at=timezone.now(),
        published_by=user if getattr(user, "is_authenticated", False) else None,
        snapshot=snapshot,
        changes=changes,
    )
    this_entry = {
        "version": release.version,
        "published_at": release.published_at.astimezone(selectors.edition_tz(edition)).isoformat(),
        "comment": release.comment,
        "changes": changes,
    }
    payload = public_payload(
        edition=edition, release=release, log=[this_entry, *selectors.changelog(edition)]
    )
    release.payload = payload
    release.etag = hashlib.sha256(payload).hexdigest()[:32]
    release.save()  # every worker serves it at its next request (the signal bumps agenda.selectors.PUBLIC)
    return release
