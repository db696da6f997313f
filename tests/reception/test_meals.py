"""Meal sessions: planned and dietary counts from the reply forms, served from the door's daily scans."""

import datetime as dt
import json
import subprocess

import pytest

from events.models import ReplyForm
from reception.services.meals import diet_of
from tests.factories import make_point, make_user, register, token_for

from .factories import auth, post, reception_edition, staff_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,kind",
    [
        ("", None),
        ("无", None),
        ("素食", "vegetarian"),
        ("清真", "halal"),
        ("花生过敏", "allergy"),
        ("Vegetarian please", "vegetarian"),
        ("不吃辣", "other"),
    ],
)
def test_diet_of_the_reply_text(text, kind):
    assert diet_of(text) == kind


def test_meal_counts_planned_dietary_and_served(client):
    edition = reception_edition()
    make_point(edition, "main-hall", is_default=True)
    make_point(edition, "canteen", name="餐厅", name_en="Canteen", entry="daily")
    people = [register(edition, name=n) for n in ("王芳", "李娜", "张伟", "赵敏")]
    replies = [("素食", True), ("清真", True), ("", False), ("", None)]
    for p, (diet, dinner) in zip(people, replies, strict=True):
        ReplyForm.objects.create(
            registration=p.registration,
            dietary=diet,
            dinner=dinner,
            arrival_date=dt.date(2030, 6, 27),
            departure_date=dt.date(2030, 6, 29),
        )
    token = staff_token()
    base = f"/api/v1/events/{edition.slug}"
    r = post(
        client,
        f"{base}/meals",
        token,
        {
            "date": str(dt.date.today()),
            "kind": "dinner",
            "style": "buffet",
            "venue": "宾馆一楼",
            "point": "canteen",
        },
    )
    assert r.status_code == 201
    meal = client.get(f"{base}/meals", **auth(staff_token("v", "view"))).json()[0]
    # Today is outside 06-27..06-29 in the replies: nobody is there. A meal on the 28th counts them.
    assert (meal["planned"], meal["served"]) == (0, 0)
    post(
        client,
        f"{base}/meals",
        token,
        {"date": "2030-06-28", "kind": "dinner", "style": "banquet", "point": "canteen"},
    )
    meal28 = client.get(f"{base}/meals", **auth(token)).json()[1]
    assert (meal28["planned"], meal28["dietary"]) == (
        3,
        {"vegetarian": 1, "halal": 1, "allergy": 0, "other": 0},
    )
    # The meal scan today raises today's served count.
    door = token_for("door", "checkin")
    scan = client.post(
        f"{base}/checkin",
        json.dumps({"token": people[0].ticket_token, "point": "canteen"}),
        content_type="application/json",
        **auth(door),
    )
    assert scan.json()["result"] == "ok"
    assert client.get(f"{base}/meals", **auth(token)).json()[0]["served"] == 1
    # And on the reception page, live.
    client.force_login(make_user("rc-meals", "reception"))
    page = client.get(f"/staff/e/{edition.slug}/reception", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    today = page.split(f'<td class="type">{dt.date.today()}</td>')[1].split("</tr>")[0]
    assert "Dinner · Buffet" in today and '<td class="num served">1</td>' in today


def test_meal_point_must_admit_once_a_day(client):
    edition = reception_edition()
    make_point(edition, "main-hall", is_default=True)
    r = post(
        client,
        f"/api/v1/events/{edition.slug}/meals",
        staff_token(),
        {"date": "2030-06-28", "kind": "lunch", "style": "buffet", "point": "main-hall"},
    )
    assert (r.status_code, r.json()["field"]) == (422, "point")


def test_caterer_sheet(client, tmp_path):
    edition = reception_edition()
    p = register(edition, name="王芳")
    ReplyForm.objects.create(registration=p.registration, dietary="花生过敏")
    token = staff_token()
    meal = post(
        client,
        f"/api/v1/events/{edition.slug}/meals",
        token,
        {"date": "2030-06-28", "kind": "lunch", "style": "table", "standard": 120},
    ).json()["id"]
    r = client.get(f"/api/v1/events/{edition.slug}/meals/{meal}/caterer.pdf", **auth(token))
    (tmp_path / "c.pdf").write_bytes(r.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "用餐通知单" in text and "王芳" in text and "花生过敏" in text
