"""The demo's organisers: the committee's users keep their jobs as teams, and the design week's admin sees
only its own edition (and the other way round)."""

import pytest
from django.contrib.auth import get_user_model

from events import demo as events_demo
from organizers import demo
from organizers.models import Organizer, Team
from organizers.permissions import allowed, editions_for

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


def test_demo_users_hold_their_flags_on_their_organisers_editions_only():
    dazu = events_demo.load()
    week = demo.load_design_week(dazu)
    demo.load_design_week(dazu)  # idempotent
    events_demo.load()

    assert Organizer.objects.count() == 2
    assert dazu.series.organizer.slug == "dazu-committee"
    assert week.series.organizer.slug == "design-week"
    assert week.registrations.count() == 3
    assert Team.objects.filter(organizer__slug="dazu-committee").count() == 3
    organizer, door, viewer, weekadmin = (user(n) for n in ("organizer", "checkin", "viewer", "weekadmin"))
    assert [allowed(organizer, "settings", edition=e) for e in (dazu, week)] == [True, False]
    assert [allowed(door, "checkin", edition=e) for e in (dazu, week)] == [True, False]
    assert allowed(door, "view", edition=dazu) is False
    assert [allowed(viewer, "view", edition=e) for e in (dazu, week)] == [True, False]
    assert allowed(viewer, "registrations", edition=dazu) is False
    assert [allowed(weekadmin, "admin", edition=e) for e in (dazu, week)] == [False, True]
    assert list(editions_for(weekadmin).values_list("slug", flat=True)) == ["design-week-2024"]
    assert user("siteadmin").is_superuser
    assert user("organizer").check_password("huiwu-demo") and user("weekadmin").check_password("huiwu-demo")
