"""The unit's pages through Django's test client (the browser journey is in tests/journeys)."""

import pytest

from events.models import Registration
from events.units import services as unit_services
from events.units.models import ReplyForm

from ..factories import make_user
from .unit_helpers import filled_template, make_unit, person, unit_edition

pytestmark = pytest.mark.django_db


def test_unit_page_lists_quota_and_adds_a_person(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 2})
    page = client.get(f"/u/{token}")
    assert page.status_code == 200
    # same-origin keeps the link from other sites; the forms keep their Origin.
    assert page["Referrer-Policy"] == "same-origin"
    assert 'data-category="delegate">0 / 2<' in page.content.decode()
    form = {**person(1), "language": "zh-hans", "consent": "on"}
    response = client.post(f"/u/{token}", form)
    assert response.status_code == 302
    page = client.get(f"/u/{token}").content.decode()
    assert "李1" in page and 'data-category="delegate">1 / 2<' in page


def test_unit_page_add_over_quota_shows_message_409(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 1})
    unit_services.add_person(unit=unit, data=person(1), consent=True)
    response = client.post(f"/u/{token}", {**person(2), "consent": "on"})
    assert response.status_code == 409
    assert "超出本单位参会代表名额" in response.content.decode()


def test_unit_page_unknown_token_is_404(client):
    assert client.get("/u/nope").status_code == 404


def test_upload_check_shows_verdict_then_import_carries_the_file(client):
    edition = unit_edition()
    unit, token = make_unit(edition, quotas={"delegate": 3})
    blank = client.get(f"/api/v1/units/{token}/template.xlsx").content
    from io import BytesIO

    bad = BytesIO(filled_template(blank, [person(1), person(2, phone="abc")]))
    bad.name = "p.xlsx"
    page = client.post(f"/u/{token}/upload", {"step": "check", "file": bad})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-row="4"' in text and "手机号码格式不正确" in text
    assert 'value="import"' not in text
    good = BytesIO(filled_template(blank, [person(1), person(2)]))
    good.name = "p.xlsx"
    page = client.post(f"/u/{token}/upload", {"step": "check", "file": good})
    import re

    content = re.search(r'name="content" value="([^"]+)"', page.content.decode()).group(1)
    assert Registration.objects.filter(unit=unit).count() == 0
    done = client.post(f"/u/{token}/upload", {"step": "import", "content": content})
    assert done.status_code == 302
    assert Registration.objects.filter(unit=unit).count() == 2


def test_substitute_page_replaces_the_person(client):
    edition = unit_edition()
    unit, token = make_unit(edition)
    old = unit_services.add_person(unit=unit, data=person(1), consent=True).registration
    response = client.post(
        f"/u/{token}/p/{old.code}/substitute",
        {"name": "赵新", "phone": "13900000009", "email": "zhao@example.com", "consent": "on"},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == "cancelled"
    assert Registration.objects.get(unit=unit, status="confirmed").name == "赵新"


def test_reply_pages_save_through_unit_and_manage_link(client):
    edition = unit_edition()
    unit, token = make_unit(edition)
    result = unit_services.add_person(unit=unit, data=person(1), consent=True)
    code = result.registration.code
    response = client.post(
        f"/u/{token}/p/{code}/reply",
        {
            "arrival_date": "2030-06-27",
            "arrival_time": "14:30",
            "arrival_number": "G8501",
            "hotel_needed": "yes",
            "room_type": "single",
            "dinner": "no",
        },
    )
    assert response.status_code == 200 and "回执已保存" in response.content.decode()
    manage = client.get(f"/r/{result.manage_token}").content.decode()
    assert f"/r/{result.manage_token}/reply" in manage
    response = client.post(f"/r/{result.manage_token}/reply", {"arrival_date": "27/06", "dinner": "yes"})
    assert response.status_code == 422
    reply = ReplyForm.objects.get(registration=result.registration)
    assert (reply.arrival_number, reply.hotel_needed, reply.room_type, reply.dinner) == (
        "G8501",
        True,
        "single",
        False,
    )


def test_staff_units_page_adds_a_unit_and_shows_the_link_once(client):
    edition = unit_edition()
    make_user("org", "organiser")
    client.login(username="org", password="pw-123456")
    response = client.post(
        f"/staff/e/{edition.slug}/units",
        {"action": "add", "organization": "大足石刻文创园", "quota_delegate": "5", "contact_name": "王"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    import re

    url = re.search(r'value="(http[^"]+/u/[^"]+)"', text).group(1)
    token = url.rsplit("/u/", 1)[1]
    assert client.get(f"/u/{token}").status_code == 200
    again = client.get(f"/staff/e/{edition.slug}/units").content.decode()
    assert token not in again
    assert "大足石刻文创园" in again.split('id="not-replied"')[1]


def test_staff_units_page_viewer_sees_but_cannot_add(client):
    edition = unit_edition()
    make_user("v", "viewer")
    client.login(username="v", password="pw-123456")
    assert client.get(f"/staff/e/{edition.slug}/units").status_code == 200
    response = client.post(
        f"/staff/e/{edition.slug}/units", {"action": "add", "organization": "x", "quota_delegate": "1"}
    )
    assert response.status_code == 403
