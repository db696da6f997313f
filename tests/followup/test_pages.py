"""The pages: the bureau's list and project page, the unit's returns page, the evidence, the public summary."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import make_user

from .helpers import make_project, make_series_edition

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def staff(client):
    make_user("bureau", "projects")
    client.login(username="bureau", password="pw-123456")
    return client


@pytest.fixture
def project():
    return make_project(make_series_edition(), "智能装备产业园", start_due_on=dt.date(2024, 3, 1))


def test_staff_list_shows_lights_and_filters(staff, project):
    page = staff.get("/staff/s/invest/projects", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    green = staff.get("/staff/s/invest/projects?light=green").content.decode()

    assert 'data-light="red"' in page and "智能装备产业园" in page
    assert "智能装备产业园" not in green.split('id="projects"')[1].split("</table>")[0]


def test_bureau_opens_returns_and_the_unit_files_with_a_photo(staff, project):
    client = Client()
    listed = staff.post(
        "/staff/s/invest/projects/returns", {"period": "2024-Q1", "due_on": "2024-04-10"}
    ).content.decode()
    again = staff.get("/staff/s/invest/projects").content.decode()
    url = re.search(r'href="(http://[^"]+/p/[^"]+)"', listed).group(1)
    path = url.split("127.0.0.1:8000")[1] if "127.0.0.1:8000" in url else "/p/" + url.rsplit("/p/", 1)[1]

    form = client.get(path)
    photo = SimpleUploadedFile("site.png", PNG, content_type="image/png")
    sent = client.post(
        path, {"project": project.pk, "stage": "started", "funds_added": "80", "evidence": photo}
    )
    bad = client.post(path, {"project": project.pk, "funds_added": "-1"})
    detail = staff.get(f"/staff/s/invest/projects/{project.pk}").content.decode()
    evidence = re.search(r'href="(/staff/projects/\d+/evidence/\d+)"', detail).group(1)

    assert "/p/" not in again  # the links are shown once
    assert form.status_code == 200 and "智能装备产业园" in form.content.decode()
    assert sent.status_code == 302
    assert bad.status_code == 422
    assert staff.get(evidence).getvalue() == PNG
    assert client.get(evidence).status_code == 302  # a stranger is sent to the login page


def test_public_summary_shows_numbers_only(client, project):
    project.liaison_name = "王联络"
    project.save()

    page = client.get("/s/invest/follow-up").content.decode()

    assert 'data-figure="signed">1<' in page
    assert "智能装备产业园" not in page and "王联络" not in page and "测试区投资促进局" not in page
