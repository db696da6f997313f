"""Factories of the follow-up tests: a series with editions and signed projects."""

import datetime as dt
from decimal import Decimal

from events.models import Organization, Series
from followup import selectors
from followup.models import FollowedProject
from signing.models import SigningParty, SigningProject
from tests.factories import make_edition, make_organizer

BUREAU = "测试区投资促进局"


def make_series(slug="invest", name="投资大会"):
    series, _ = Series.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": "Invest Conference", "organizer": make_organizer()}
    )
    return series


def make_project(edition, name=None, *, amount=Decimal("10000000"), sector="装备制造", unit=BUREAU, **follow):
    """A signed project (amount in 元) followed with `follow`'s fields."""
    order = edition.signing_projects.count() + 1
    project = SigningProject.objects.create(
        edition=edition,
        order=order,
        name=name or f"项目{order}",
        amount=amount,
        sector=sector,
        status="signed",
    )
    org, _ = Organization.objects.get_or_create(name=unit)
    SigningParty.objects.create(project=project, role="A", organization=org)
    selectors.ensure_followed(edition.series)
    followed = FollowedProject.objects.get(pk=project.pk)
    for key, value in follow.items():
        setattr(followed, key, value)
    followed.save()
    return followed


def make_series_edition(slug="invest-2023", series=None, starts_on=dt.date(2023, 6, 28)):
    series = series or make_series()
    return make_edition(slug, series=series, starts_on=starts_on, ends_on=starts_on)
