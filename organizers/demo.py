"""The demo's organisers and teams: the Dazu conference's organising committee (its admin, door and read-only
teams for the demo users organizer / checkin / viewer) and a second organiser, a design week with one small
published edition and its own admin `weekadmin`, so that isolation can be seen. Idempotent."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from events import tickets
from events.models import Category, CheckInPoint, ConsentNotice, Edition, Series
from events.registration.services import register_attendee

from .models import Organizer, Team

DEMO_PASSWORD = "huiwu-demo"
COMMITTEE = {
    "name": "成渝地区双城经济圈产业设计赋能大会组委会",
    "name_en": "Organising Committee of the Chengdu-Chongqing Economic Circle Industry Design Empowerment Conference",
}


def committee() -> Organizer:
    organizer, _ = Organizer.objects.update_or_create(slug="dazu-committee", defaults=COMMITTEE)
    return organizer


def demo_user(username: str, *, is_staff: bool = False, is_superuser: bool = False):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": is_staff, "is_superuser": is_superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def team(organizer, name: str, flags: list[str], members, *, series=(), editions=()) -> Team:
    row, _ = Team.objects.update_or_create(
        organizer=organizer,
        name=name,
        defaults={"permissions": flags, "all_series": not (series or editions)},
    )
    row.series.set(series)
    row.editions.set(editions)
    row.members.add(*members)
    return row


def committee_teams(organizer, series) -> None:
    """organizer: the admin team (the whole organiser, admin); checkin: the door team of the conference's
    series (checkin); viewer: read-only (view). The site administrator `siteadmin` has the Django admin."""
    team(organizer, "管理员 Administrators", ["admin"], [demo_user("organizer")])
    team(organizer, "检票 Door", ["checkin"], [demo_user("checkin")], series=[series])
    team(organizer, "只读 Viewers", ["view"], [demo_user("viewer")])
    demo_user("siteadmin", is_staff=True, is_superuser=True)


@transaction.atomic
def load_design_week(_edition=None):
    """The second organiser: 设计周组委会 with series `design-week` and edition `design-week-2024` (one
    category, one door point, a few registrations) and its admin `weekadmin`."""

    organizer, _ = Organizer.objects.update_or_create(
        slug="design-week", defaults={"name": "设计周组委会", "name_en": "Design Week Committee"}
    )
    series, _ = Series.objects.update_or_create(
        slug="design-week",
        defaults={"organizer": organizer, "name": "重庆设计周", "name_en": "Chongqing Design Week"},
    )
    edition = Edition.objects.filter(slug="design-week-2024").first()
    if edition is None:
        edition = Edition.objects.create(
            slug="design-week-2024",
            series=series,
            name="2024重庆设计周",
            name_en="Chongqing Design Week 2024",
            starts_on=dt.date(2024, 11, 8),
            ends_on=dt.date(2024, 11, 10),
            venue="重庆市渝中区",
            venue_en="Yuzhong District, Chongqing",
            signing_key=tickets.new_private_key(),
            retention_until=dt.date(2027, 12, 31),
            published=True,
            registration_closes_at=dt.datetime(
                2027, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=8))
            ),
        )
    visitor, _ = Category.objects.update_or_create(
        edition=edition, code="visitor", defaults={"name": "观众", "name_en": "Visitor", "capacity": 200}
    )
    point, _ = CheckInPoint.objects.update_or_create(
        edition=edition,
        code="gate",
        defaults={"name": "展馆入口", "name_en": "Hall gate", "is_default": True},
    )
    point.categories.set([visitor])
    ConsentNotice.objects.get_or_create(
        edition=edition,
        version="2024.1",
        defaults={
            "text": "同意主办方为会务处理本人信息。",
            "text_en": "I agree to the organisers using my data.",
        },
    )
    if not edition.registrations.exists():
        for n, (name, org) in enumerate(
            [("林晓", "重庆设计院"), ("陈默", "渝中区文旅委"), ("赵一鸣", "山城工作室")], start=1
        ):
            register_attendee(
                edition=edition,
                category_code="visitor",
                name=name,
                organization=org,
                email=f"week{n}@example.com",
                consent=True,
            )
    team(organizer, "管理员 Administrators", ["admin"], [demo_user("weekadmin")])
    return edition
