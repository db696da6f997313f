"""Meals in the report: meal sessions made through reception's API, people at the door of each meal, reply
forms saying who is there which day; the report's served / planned equal reception's own GET /meals, beside
the previous edition's, on the page, in the PDF (pdftotext, both languages) and in the XLSX (openpyxl)."""

import datetime as dt
import io
import json
import re
import zoneinfo

import openpyxl
import pytest
from django.utils import timezone

from events.models import Admission, ReplyForm, Scan
from tests.factories import (
    make_category,
    make_edition,
    make_point,
    make_series,
    make_user,
    register,
    token_for,
)

from .test_report_documents import pdf_text, squeeze

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, path, body, auth):
    return client.post(path, json.dumps(body), content_type="application/json", **auth)


@pytest.fixture
def meals(client):
    """This year's edition starts today: lunch and dinner today, breakfast tomorrow. Six delegates: one
    leaves before tomorrow, one says no to dinner. Lunch: four people at the canteen, one of them scanned
    twice; dinner: two; breakfast has no door point (nobody scans it). Last year's edition: lunch on its first day, three of four served."""
    today = timezone.now().astimezone(TZ).date()
    series = make_series("meals-series", name="用餐大会", name_en="Meals Conference")
    last = make_edition(
        "meals-last",
        series=series,
        starts_on=today - dt.timedelta(days=364),
        ends_on=today - dt.timedelta(days=363),
    )
    make_category(last, "delegate")
    canteenlast = make_point(last, "canteen", name="餐厅", name_en="Canteen", entry="daily")
    edition = make_edition("meals-now", series=series, starts_on=today, ends_on=today + dt.timedelta(days=1))
    make_category(edition, "delegate")
    make_point(edition, "main-hall", is_default=True)
    make_point(edition, "canteen", name="餐厅", name_en="Canteen", entry="daily")
    make_point(edition, "banquet", name="宴会厅", name_en="Banquet hall", entry="daily")
    people = [register(edition, name=n) for n in ("王芳", "李娜", "张伟", "赵敏", "刘洋", "陈静")]
    for i, p in enumerate(people):
        ReplyForm.objects.create(
            registration=p.registration,
            arrival_date=today,
            departure_date=today if i == 0 else today + dt.timedelta(days=1),
            dinner=False if i == 1 else None,
        )
    organiser = bearer(token_for("meals-organiser", "organiser"))
    base = f"/api/v1/events/{edition.slug}"
    tomorrow = today + dt.timedelta(days=1)
    for date, kind, style, point in (
        (today, "lunch", "buffet", "canteen"),
        (today, "dinner", "banquet", "banquet"),
        (tomorrow, "breakfast", "buffet", None),
    ):
        body = {"date": date.isoformat(), "kind": kind, "style": style, "venue": "大足宾馆", "point": point}
        assert post(client, f"{base}/meals", body, organiser).status_code == 201
    door = bearer(token_for("meals-door", "checkin"))
    for i, point in (
        (0, "canteen"),
        (1, "canteen"),
        (2, "canteen"),
        (3, "canteen"),
        (0, "canteen"),
        (2, "banquet"),
        (3, "banquet"),
    ):
        answer = post(
            client, f"{base}/checkin", {"token": people[i].ticket_token, "point": point}, door
        ).json()
        assert answer["result"] in ("ok", "already_checked_in"), answer
    # Last year, as its door recorded it then.
    earlier = [register(last) for _ in range(4)]
    assert (
        post(
            client,
            f"/api/v1/events/{last.slug}/meals",
            {"date": last.starts_on.isoformat(), "kind": "lunch", "style": "buffet", "point": "canteen"},
            organiser,
        ).status_code
        == 201
    )
    noon = dt.datetime.combine(last.starts_on, dt.time(12), tzinfo=TZ)
    for p in earlier[:3]:
        Admission.objects.create(registration=p.registration, point=canteenlast, first_at=noon, last_at=noon)
        Scan.objects.create(
            edition=last, point=canteenlast, at=noon, verdict="ok", registration=p.registration
        )
    return edition, last, organiser


def test_the_reports_meals_are_receptions_own_counts(client, meals):
    edition, last, organiser = meals
    report = client.get(f"/api/v1/events/{edition.slug}/report", **organiser).json()
    listed = client.get(f"/api/v1/events/{edition.slug}/meals", **organiser).json()
    listedlast = client.get(f"/api/v1/events/{last.slug}/meals", **organiser).json()
    key = ("date", "kind", "served", "planned")
    assert sorted(tuple(m[k] for k in key) for m in report["meals"]) == sorted(
        tuple(m[k] for k in key) for m in listed
    )
    today, tomorrow = edition.starts_on.isoformat(), (edition.starts_on + dt.timedelta(days=1)).isoformat()
    assert [(m["date"], m["day"], m["kind"], m["served"], m["planned"]) for m in report["meals"]] == [
        (today, 1, "lunch", 4, 6),
        (today, 1, "dinner", 2, 5),
        (tomorrow, 2, "breakfast", 0, 5),
    ]
    assert (
        [(m["kind"], m["served"], m["planned"]) for m in report["previous_meals"]]
        == [(m["kind"], m["served"], m["planned"]) for m in listedlast]
        == [("lunch", 3, 4)]
    )
    assert report["compare"]["meals_served"] == [3, 6]
    assert report["compare"]["meals_planned"] == [4, 16]


def test_the_page_pdf_and_xlsx_show_the_meals(client, meals):
    edition, last, organiser = meals
    base = f"/api/v1/events/{edition.slug}"
    today = edition.starts_on.isoformat()
    zh = squeeze(pdf_text(client.get(f"{base}/report.pdf", {"lang": "zh-hans"}, **organiser).content))
    assert "用餐：计划11人次，实际6人次（54.5%），比上届低20.5个百分点" in zh
    assert f"{today}午餐大足宾馆6466.7%43" in zh  # planned, served, served rate; last year's planned, served
    assert "第1天午餐" in zh and "第2天早餐" in zh  # the chart's groups
    en = pdf_text(client.get(f"{base}/report.pdf", {"lang": "en"}, **organiser).content)
    assert "Meals: 6 served of 11 planned (54.5%), 20.5 points below the previous edition" in re.sub(
        r"\s+", " ", en
    )
    assert re.search(rf"{today} Dinner 大足宾馆\s+5\s+2\s+40.0%\s+—\s+—", en)  # nothing last year beside it
    # Breakfast: no door point scans it, so no served count; the rate is over the meals that are scanned.
    tomorrow = (edition.starts_on + dt.timedelta(days=1)).isoformat()
    assert re.search(rf"{tomorrow} Breakfast 大足宾馆\s+5\s+—\s+—\s+—\s+—", en)
    assert "Day 2 Breakfast" in re.sub(r"\s+", " ", en)

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}/report.xlsx", **organiser).content))
    rows = [list(r) for r in book["meals 用餐"].iter_rows(values_only=True)]
    assert rows[0] == ["届次 Edition", "日期 Date", "餐次 Meal", "地点 Venue", "计划 Planned", "实际 Served"]
    year, last_year = today[:4], last.starts_on.isoformat()[:4]
    assert [[r[0], r[2], r[4], r[5]] for r in rows[1:]] == [
        [year, "午餐 Lunch", 6, 4],
        [year, "晚餐 Dinner", 5, 2],
        [year, "早餐 Breakfast", 5, 0],
        [last_year, "午餐 Lunch", 4, 3],
    ]

    client.force_login(make_user("meals-viewer", "viewer"))
    page = client.get(f"/staff/e/{edition.slug}/report").content.decode()
    assert 'id="meals"' in page and "用餐：计划 11 人次，实际 6 人次（54.5%），比上届低 20.5 个百分点" in page
