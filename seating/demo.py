"""The Dazu 2023 seating (called by `manage.py load_demo` after events, agenda and signing). Idempotent.

The rostrum seats the leaders the seeds name, in protocol order: the Ministry's department (Cui Shutian),
the Sichuan provincial department (Zhou Haiqi), the Ministry's Industrial Culture Development Center
(Li Ning) and the Dazu District commission's representative. The seeds name no seats: the rows, the floor
and the banquet are plausible for a 500-seat hall; the leaders' registrations are made here (codes DZL..)
and linked to the agenda's speakers."""

from django.db import transaction

from agenda.models import Person, Session
from events.auth import hash_secret
from events.enums import RegistrationStatus
from events.models import Category, Organization, Registration

from .models import SeatingPlan
from .services import assignment, plans, protocol

# Protocol order: national ministry first, then the province, the ministry's centre, the host district.
LEADERS = ["崔书田", "周海琦", "李宁", "大足区经济和信息化委员会代表"]
OPENING = "大会开幕"


def _leader_registrations(edition) -> list[str]:
    guest = Category.objects.get(edition=edition, code="guest")
    notice = edition.consent_notices.first()
    codes = []
    for i, name in enumerate(LEADERS, 1):
        person = Person.objects.filter(edition=edition, name=name).first()
        code = f"DZL{i:02d}"
        reg, _ = Registration.objects.update_or_create(
            edition=edition,
            code=code,
            defaults={
                "category": guest,
                "status": RegistrationStatus.CONFIRMED,
                "name": name,
                "name_en": person.name_en if person else "",
                "title": person.title if person else "",
                "organization": person.organization if person else None,
                "consent_notice": notice,
                "consented_at": edition.created_at,
                "manage_token_hash": hash_secret(f"demo-leader-{edition.slug}-{i}"),
            },
        )
        if person is not None and person.registration_id != reg.pk:
            Person.objects.filter(pk=person.pk).update(registration=reg)
        codes.append(code)
    return codes


def _plan(edition, name, **fields):
    plan = SeatingPlan.objects.filter(edition=edition, name=name).first()
    return plan or plans.create_plan(edition=edition, name=name, **fields)


@transaction.atomic
def load(edition) -> None:
    codes = _leader_registrations(edition)
    protocol.set_protocol_list(edition=edition, codes=codes)
    opening = Session.objects.filter(edition=edition, title=OPENING).first()
    rostrum = _plan(edition, "开幕式主席台", kind="rostrum", session=opening, rows=[4], honour="left")
    assignment.assign_seats(plan=rostrum)
    units = [
        "工业和信息化部产业政策与法规司",
        "工业和信息化部工业文化发展中心",
        "四川省经济和信息化厅",
        "重庆市经济和信息化委员会",
        "重庆市大足区人民政府",
        "重庆市大足区经济和信息化委员会",
    ]
    floor = _plan(
        edition,
        "开幕式会场",
        kind="floor",
        session=opening,
        rows=[12] * 10,
        order_by="strokes",
        layout="across",
        units=units,
        reserved_rows=[10],
        categories=["guest", "delegate"],
    )
    assignment.assign_seats(plan=floor)
    signing = _plan(edition, "项目签约桌", kind="signing")
    assignment.assign_seats(plan=signing)
    banquet = _plan(
        edition,
        "欢迎晚宴",
        kind="banquet",
        tables=[{"number": n, "seats": 10} for n in range(1, 5)],
        categories=["guest"],
    )
    assignment.assign_seats(plan=banquet)
    # Organisations the floor names exist (events.demo makes them); nothing else to link.
    assert Organization.objects.filter(name__in=units).count() == len(units)
