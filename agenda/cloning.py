"""Carry the agenda into a cloned edition (called by events.cloning through settings.HUIWU_CLONE_HOOKS):
rooms, the programme's people (without links to last year's registrations) and every session moved by the
difference of the start dates. Releases are not copied: the new edition publishes its own."""

import datetime as dt

from events.cloning import copy_row

from .models import Person, Room, Session, SessionSpeaker


def clone_agenda(*, source, target, delta: dt.timedelta) -> None:
    rooms = {room.pk: copy_row(room, edition=target) for room in Room.objects.filter(edition=source)}
    # The programme's people, without links to last year's registrations.
    people = {
        person.pk: copy_row(person, edition=target, registration=None)
        for person in Person.objects.filter(edition=source)
    }
    categories = {c.code: c for c in target.categories.all()}
    for session in Session.objects.filter(edition=source).prefetch_related(
        "speaker_links", "expected_categories"
    ):
        links = list(session.speaker_links.all())
        expected = [categories[c.code] for c in session.expected_categories.all() if c.code in categories]
        copy = copy_row(
            session,
            ("kind", "title", "title_en", "description", "description_en"),
            edition=target,
            starts_at=session.starts_at + delta,
            ends_at=session.ends_at + delta,
            room=rooms[session.room_id],
            host=people.get(session.host_id),
        )
        SessionSpeaker.objects.bulk_create(
            [SessionSpeaker(session=copy, person=people[link.person_id], order=link.order) for link in links]
        )
        copy.expected_categories.set(expected)
