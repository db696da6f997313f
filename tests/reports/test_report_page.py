"""The staff page /staff/e/{slug}/report: each chart as an image whose alternative text is its finding, the
data table beside it, in Chinese or English; the comparison; who may see it."""

import re

import pytest
from django.core.management import call_command

from events.models import Edition
from reports import figures
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def page(client, slug, **extra):
    return client.get(f"/staff/e/{slug}/report", **extra)


def test_the_page_shows_each_chart_with_its_table(client, conference):
    client.force_login(make_user("report-viewer-page", "viewer"))
    html = page(client, conference.edition.slug).content.decode()
    assert "<h1>会后总结</h1>" in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 9
    assert 'alt="到会率 60.0%，比上届高 60.0 个百分点"' in html
    assert (
        '<th scope="row">大足石刻文创园</th><td class="num">3</td><td class="num">2</td><td class="num">2</td><td class="num">2</td>'
        in html
    )
    assert re.search(
        r'<th scope="row">已确认</th><td class="num">4</td><td class="num">10</td><td class="num">\+6</td>',
        html,
    )
    assert f'href="/api/v1/events/{conference.edition.slug}/report.pdf?lang=zh-hans"' in html


def test_the_page_speaks_english(client, conference):
    client.force_login(make_user("report-viewer-en", "viewer"))
    client.cookies["django_language"] = "en"
    html = page(client, conference.edition.slug).content.decode()
    assert "<h1>The conference in figures</h1>" in html
    assert 'alt="Attendance 60.0%, 60.0 points above the previous edition"' in html
    assert "report.pdf?lang=en" in html


def test_a_compare_outside_the_series_is_said_and_the_default_shown(client, conference):
    client.force_login(make_user("report-viewer-bad", "viewer"))
    html = page(client, conference.edition.slug, QUERY_STRING="compare=nope").content.decode()
    assert "请选择同一系列的另一届会议进行对比。" in html
    assert f"对比：{conference.last.name}" in html and "本届与上届对比" in html


def test_the_page_is_for_reports_or_view(client, conference):
    assert page(client, conference.edition.slug).status_code == 302  # to the login page
    client.force_login(make_user("report-door-page", "checkin"))
    assert page(client, conference.edition.slug).status_code == 403


def test_the_demo_comparison_sets_2024_beside_2023():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_comparison", verbosity=0)
    call_command("load_demo_comparison", verbosity=0)  # idempotent
    edition = Edition.objects.get(slug="dazu-2024")
    report = figures.report(edition)
    assert report["previous"]["slug"] == "dazu-2023"
    before = figures.report(Edition.objects.get(slug="dazu-2023"))
    assert report["compare"]["confirmed"] == [
        before["attendance"]["confirmed"],
        report["attendance"]["confirmed"],
    ]
    assert report["attendance"]["checked_in"] > 0 and report["signing"]["projects"] == 9
    assert len(report["registrations_per_day"]) > 20
    # Meals as last year: the guests' banquet the evening before, lunch at the canteen, served from its scans.
    assert [(m["day"], m["kind"]) for m in report["meals"]] == [(0, "dinner"), (1, "lunch")]
    assert [(m["day"], m["kind"]) for m in report["previous_meals"]] == [(0, "dinner"), (1, "lunch")]
    assert 0 < report["meals"][1]["served"] <= report["meals"][1]["planned"]
