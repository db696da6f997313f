"""The follow-up API as the contract says: lists, PATCH, updates (JSON and multipart), indicators,
returns and the unit's link."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.models import ProjectUpdate
from tests.factories import token_for

from .helpers import make_project, make_series_edition

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def world():
    edition = make_series_edition()
    first = make_project(
        edition, "智能装备产业园", start_due_on=dt.date(2024, 3, 1), liaison_email="li@example.com"
    )
    second = make_project(edition, "文创设计中心", sector="文创", unit="另一单位")
    return {
        "edition": edition,
        "first": first,
        "second": second,
        "token": token_for("bureau", "projects"),
    }


def auth(world, **extra):
    return {"HTTP_AUTHORIZATION": f"Bearer {world['token']}", **extra}


def test_list_projects_with_light_and_filters(client, world):
    everything = client.get("/api/v1/series/invest/projects", **auth(world)).json()
    red = client.get("/api/v1/series/invest/projects?light=red", **auth(world)).json()
    culture = client.get("/api/v1/series/invest/projects?sector=文创", **auth(world)).json()

    assert [(p["name"], p["light"], p["stage"], p["investment_total"]) for p in everything] == [
        ("智能装备产业园", "red", "signed", "1000.00"),
        ("文创设计中心", "green", "signed", "1000.00"),
    ]
    assert [p["name"] for p in red] == ["智能装备产业园"]
    assert [p["name"] for p in culture] == ["文创设计中心"]
    assert everything[0]["parties"] == [{"role": "A", "organization": "测试区投资促进局"}]


def test_viewer_reads_but_cannot_write(client, world):
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {token_for('look', 'view')}"}

    listed = client.get("/api/v1/series/invest/projects", **viewer)
    patched = client.patch(
        f"/api/v1/projects/{world['first'].pk}",
        json.dumps({"sector": "x"}),
        content_type="application/json",
        **viewer,
    )
    anonymous = client.get("/api/v1/series/invest/follow-up")

    assert (listed.status_code, patched.status_code, anonymous.status_code) == (200, 403, 401)


def test_patch_changes_the_follow_up_fields_only(client, world):
    url = f"/api/v1/projects/{world['first'].pk}"

    ok = client.patch(
        url,
        json.dumps(
            {"contract_kind": "agreement", "investment_total": "2500.5", "liaison_mobile": "13812345678"}
        ),
        content_type="application/json",
        **auth(world),
    )
    bad = client.patch(
        url, json.dumps({"investment_total": "-3"}), content_type="application/json", **auth(world)
    )

    assert ok.status_code == 200
    assert (ok.json()["contract_kind"], ok.json()["investment_total"]) == ("agreement", "2500.50")
    assert (bad.status_code, bad.json()["field"]) == (422, "investment_total")


def test_post_update_json_then_multipart_with_evidence(client, world):
    url = f"/api/v1/projects/{world['first'].pk}/updates"

    first = client.post(
        url,
        json.dumps({"period": "2024-Q1", "stage": "started", "funds_added": "120"}),
        content_type="application/json",
        **auth(world),
    )
    photo = SimpleUploadedFile("工地.png", PNG, content_type="image/png")
    second = client.post(
        url,
        {"period": "2024-Q2", "funds_added": "30", "blockers": ["land", "eia"], "evidence": photo},
        **auth(world),
    )
    listed = client.get(url, **auth(world)).json()
    evidence = client.get(listed[1]["evidence"][0]["url"], **auth(world))

    assert (first.status_code, second.status_code) == (201, 201)
    assert [(u["period"], u["stage"], u["funds_added"], u["blockers"]) for u in listed] == [
        ("2024-Q1", "started", "120.00", []),
        ("2024-Q2", "", "30.00", ["land", "eia"]),
    ]
    assert listed[1]["evidence"][0]["name"] == "工地.png"
    assert evidence.status_code == 302  # the file is served to a logged-in session, not to a token


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"period": "2024-Q1", "stage": "signed"}, "stage"),
        ({"period": "2024-Q1", "funds_added": "-5"}, "funds_added"),
        ({"period": "2999-01"}, "period"),
    ],
)
def test_post_update_refusals_name_the_field(client, world, body, field):
    url = f"/api/v1/projects/{world['first'].pk}/updates"
    client.post(
        url,
        json.dumps({"period": "2024-Q1", "stage": "started"}),
        content_type="application/json",
        **auth(world),
    )

    response = client.post(
        url, json.dumps(body), content_type="application/json", **auth(world), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert (response.status_code, response.json()["field"]) == (422, field)
    assert ProjectUpdate.objects.count() == 1


def test_follow_up_indicators(client, world):
    url = f"/api/v1/projects/{world['first'].pk}/updates"
    client.post(
        url,
        json.dumps({"period": "2024-Q1", "stage": "producing", "funds_added": "250"}),
        content_type="application/json",
        **auth(world),
    )

    body = client.get("/api/v1/series/invest/follow-up", **auth(world)).json()

    assert (body["signed"], body["producing"], body["funds_in"], body["investment_total"]) == (
        2,
        1,
        "250.00",
        "2000.00",
    )
    assert body["rates"]["producing"] == {"value": "50.00", "numerator": 1, "denominator": 2}
    assert body["rates"]["funds"] == {"value": "12.50", "numerator": "250.00", "denominator": "2000.00"}
    assert body["lights"] == {"green": 2, "yellow": 0, "red": 0, "grey": 0}
    assert [e["edition"] for e in body["by_edition"]] == ["invest-2023"]


def test_returns_open_links_and_a_unit_files_through_its_link(client, world):
    opened = client.post(
        "/api/v1/series/invest/returns",
        json.dumps({"period": "2024-Q1", "due_on": "2024-04-10"}),
        content_type="application/json",
        **auth(world),
    )
    links = {link["unit"]: link["url"] for link in opened.json()["links"]}
    token = links["测试区投资促进局"].rsplit("/", 1)[1]
    again = client.post(
        "/api/v1/series/invest/returns",
        json.dumps({"period": "2024-Q1", "due_on": "2024-04-10"}),
        content_type="application/json",
        **auth(world),
    )

    page = client.get(f"/api/v1/returns/{token}").json()
    filed = client.post(
        f"/api/v1/returns/{token}", {"project": world["first"].pk, "stage": "started", "funds_added": "50"}
    )
    other = client.post(f"/api/v1/returns/{token}", {"project": world["second"].pk, "stage": "started"})
    after = client.get(f"/api/v1/returns/{token}").json()

    assert opened.status_code == 201
    assert sorted(links) == ["另一单位", "测试区投资促进局"]
    assert len(token) == 43  # 32 random bytes
    assert (again.status_code, again.json()["field"]) == (409, "period")
    assert mail.outbox[0].to == ["li@example.com"]
    assert links["测试区投资促进局"] in mail.outbox[0].body
    assert [p["name"] for p in page["projects"]] == ["智能装备产业园"]
    assert (filed.status_code, filed.json()["period"]) == (201, "2024-Q1")
    assert (other.status_code, other.json()["field"]) == (422, "project")
    assert after["projects"][0]["filed"] is True
    assert client.get("/api/v1/returns/" + "x" * 43).status_code == 404
