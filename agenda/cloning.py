"""Carry the agenda into a cloned edition (called by events.cloning through settings.HUIWU_CLONE_HOOKS):
rooms, the programme's people (without links to last year's registrations) and every session moved by the
difference of the start dates. Releases are not copied: the new edition publishes its own."""

import datetime as dt

from .models import Person, Room, Session, SessionSpeaker


def clone_agenda(*, source, target, delta: dt.timedelta) -> None:
    rooms = {}
    for room in Room.objects.filter(edition=source):
        old_pk = room.pk
        room.pk = None
        room.id = None
        room.edition = target
        room.save()
        rooms[old_pk] = room
    people = {}
    for person in Person.objects.filter(edition=source):
        old_pk = person.pk
        person.pk = None
        person.id = None
        person.edition = target
        person.registration = None
        person.save()
        people[old_pk] = person
    categories = {c.code: c for c in target.categories.all()}
    for session in Session.objects.filter(edition=source).prefetch_related(
        "speaker_links", "expected_categories"
    ):
        links = list(session.speaker_links.all())
        expected = [categories[c.code] for c in session.expected_categories.all() if c.code in categories]
        copy = Session.objects.create(
            edition=target,
            kind=session.kind,
            title=session.title,
            title_en=session.title_en,
            description=session.description,
            description_en=session.description_en,
            starts_at=session.starts_at + delta,
            ends_at=session.ends_at + delta,
            room=rooms[session.room_id],
            host=people.get(session.host_id),
        )
        SessionSpeaker.objects.bulk_create(
            [SessionSpeaker(session=copy, person=people[link.person_id], order=link.order) for link in links]
        )
        copy.expected_categories.set(expected)
