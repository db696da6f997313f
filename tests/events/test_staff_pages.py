import re

import pytest
from django.core import mail

from events.enums import RegistrationStatus as S
from tests.factories import make_category, make_edition, make_user, register

pytestmark = pytest.mark.django_db


def test_staff_pages_redirect_anonymous_to_login(client):
    edition = make_edition()
    for path in ["/staff/", f"/staff/e/{edition.slug}/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login")


def test_login_page_logs_a_staff_user_in(client):
    make_user("organizer", "organiser", password="a-long-password-1")
    response = client.post(
        "/staff/login", {"username": "organizer", "password": "a-long-password-1", "next": "/staff/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/staff/")
    assert client.get("/staff/").status_code == 200


def test_registrations_dashboard_filters_and_counts(client):
    edition = make_edition()
    make_category(edition, "guest", name="嘉宾", requires_approval=True, capacity=5)
    make_category(edition, "delegate", capacity=5)
    register(edition, "guest", name="待审甲")
    register(edition, "delegate", name="代表乙")
    client.force_login(make_user("v", "viewer"))
    html = client.get(f"/staff/e/{edition.slug}/?status=pending").content.decode()
    assert "待审甲" in html
    assert "代表乙" not in html
    # Viewers see but cannot decide.
    assert "/approve" not in html


def test_organiser_approves_from_the_dashboard(client):
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=5)
    reg = register(edition, "guest").registration
    client.force_login(make_user("boss", "organiser"))
    response = client.post(f"/staff/e/{edition.slug}/registrations/{reg.code}/approve")
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.status == S.CONFIRMED


def test_viewer_cannot_approve(client):
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=5)
    reg = register(edition, "guest").registration
    client.force_login(make_user("v", "viewer"))
    response = client.post(f"/staff/e/{edition.slug}/registrations/{reg.code}/approve")
    assert response.status_code == 403
    reg.refresh_from_db()
    assert reg.status == S.PENDING


def test_approving_in_a_full_category_shows_the_reason(client):
    edition = make_edition()
    make_category(edition, "guest", requires_approval=True, capacity=0)
    reg = register(edition, "guest").registration
    client.force_login(make_user("boss", "organiser"))
    response = client.post(f"/staff/e/{edition.slug}/registrations/{reg.code}/approve", follow=True)
    assert "参会代表名额已满。" in response.content.decode()  # in the page's language only
    reg.refresh_from_db()
    assert reg.status == S.PENDING


def test_register_page_keeps_what_was_typed_and_marks_the_field(client):
    edition = make_edition()
    make_category(edition)
    response = client.post(
        f"/e/{edition.slug}/register",
        {"category": "delegate", "name": "张三", "organization": "大足区", "email": "bad", "consent": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'value="张三"' in html
    assert 'class="field has-error"' in html


def test_page_registration_says_check_your_email_and_the_link_opens_the_ticket(
    client, django_capture_on_commit_callbacks
):
    edition = make_edition()
    make_category(edition)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/e/{edition.slug}/register",
            {
                "category": "delegate",
                "name": "张三",
                "organization": "大足区",
                "email": "z@example.com",
                "consent": "on",
            },
        )
    assert response.status_code == 200
    assert 'data-state="check-email"' in response.content.decode()
    token = re.search(r"/r/([A-Za-z0-9_-]{43})", mail.outbox[0].body).group(1)
    page = client.get(f"/r/{token}")
    assert "<svg" in page.content.decode()


def test_manage_page_cancel_frees_the_seat(client):
    edition = make_edition()
    make_category(edition, capacity=1, waitlist=True)
    first = register(edition)
    second = register(edition).registration
    response = client.post(f"/r/{first.manage_token}/cancel")
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == S.CONFIRMED


def _home_links(client) -> list[str]:
    import re

    html = client.get("/staff/").content.decode()
    return re.findall(r'<a class="button[^"]*" href="([^"]+)"', html)


def test_staff_home_leads_checkin_staff_to_the_scanner_first(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    assert _home_links(client) == [
        f"/staff/e/{edition.slug}/checkin",
        f"/staff/e/{edition.slug}/checkin/dashboard",
    ]


def test_staff_home_shows_organisers_everything_registrations_first(client):
    edition = make_edition()
    client.force_login(make_user("boss", "organiser"))
    base = f"/staff/e/{edition.slug}/"
    assert _home_links(client) == [
        base,
        base + "checkin",
        base + "units",
        base + "checkin/dashboard",
        base + "agenda",
        base + "signing",
        base + "seating",
        base + "documents",
        base + "reception",
        base + "report",
        base + "audit",
        base + "settings",
    ]


def test_staff_home_for_a_user_without_role_says_so(client):
    make_edition()
    client.force_login(make_user("nobody", None))
    response = client.get("/staff/")
    assert response.status_code == 403
    assert "没有工作人员角色" in response.content.decode()


def test_forbidden_page_leads_back_to_the_staff_home(client):
    edition = make_edition()
    client.force_login(make_user("door", "checkin"))
    response = client.get(f"/staff/e/{edition.slug}/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "只读" in html  # the flag it needs: registrations or read-only
    assert 'href="/staff/"' in html
