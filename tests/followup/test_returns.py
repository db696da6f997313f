"""Returns: the reminder three days before the due date, the overdue units, a second filing corrects."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.exceptions import NotFound
from followup import returns, selectors
from followup.models import ProjectUpdate

from .helpers import make_project, make_series_edition

pytestmark = pytest.mark.django_db


def _open(series, due_on):
    today = timezone.localdate()
    period = f"{today.year}-{today.month:02d}"
    opened, links = returns.open_period(series=series, period=period, due_on=due_on)
    return opened, {link["unit"]: link["url"].rsplit("/p/", 1)[1] for link in links}


def test_reminder_three_days_before_goes_to_units_that_have_not_filed():
    edition = make_series_edition()
    done = make_project(edition, unit="已报单位", liaison_email="done@example.com")
    make_project(edition, unit="未报单位", liaison_email="late@example.com")
    _opened, tokens = _open(edition.series, timezone.localdate() + dt.timedelta(days=3))
    returns.submit(returns.get_link(tokens["已报单位"]), {"project": done.pk, "stage": "registered"})
    mail.outbox.clear()

    call_command("followup_reminders")
    call_command("followup_reminders")  # once per period

    assert [m.to for m in mail.outbox] == [["late@example.com"]]
    assert "提醒" in mail.outbox[0].subject
    with pytest.raises(NotFound):
        returns.get_link(tokens["未报单位"])  # the reminder's link replaces the first
    new = mail.outbox[0].body.split("/p/")[1].split()[0]
    assert returns.get_link(new).organization.name == "未报单位"


def test_overdue_units_are_those_without_a_return_after_the_due_date():
    edition = make_series_edition()
    make_project(edition, unit="未报单位")
    _open(edition.series, timezone.localdate())

    before = selectors.overdue_units(edition.series)
    after = selectors.overdue_units(edition.series, timezone.localdate() + dt.timedelta(days=1))

    assert before == []
    assert [(o["unit"], o["missing"]) for o in after] == [("未报单位", 1)]


def test_filing_twice_for_a_period_corrects_the_first_return():
    edition = make_series_edition()
    project = make_project(edition, unit="单位")
    _opened, tokens = _open(edition.series, timezone.localdate() + dt.timedelta(days=10))
    link = returns.get_link(tokens["单位"])

    first = returns.submit(link, {"project": project.pk, "stage": "building", "funds_added": "500"})
    second = returns.submit(link, {"project": project.pk, "stage": "started", "funds_added": "50"})
    project.refresh_from_db()

    assert second.corrects_id == first.pk
    assert (project.stage, str(project.funds_in)) == ("started", "50.00")
    assert ProjectUpdate.objects.filter(project=project).count() == 2
