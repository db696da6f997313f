import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_edition, make_organizer, make_team, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


def member(username: str, flags, *, require: bool):
    organizer = make_organizer()
    organizer.require_two_factor = require
    organizer.save()
    user = make_user(username, password=PASSWORD)
    make_team(flags, organizer=organizer, members=[user])
    return user


def sign_in(client, username: str):
    return client.post("/staff/login", {"username": username, "password": PASSWORD, "next": "/staff/"})


def test_required_member_without_a_device_is_sent_to_enrolment_and_refused_by_the_api(client):
    edition = make_edition()
    member("registrar", ["registrations"], require=True)
    response = sign_in(client, "registrar")
    assert (response.status_code, response["Location"]) == (302, "/staff/me/security?next=%2Fstaff%2F")
    assert client.get("/staff/")["Location"] == "/staff/me/security?next=%2Fstaff%2F"
    page = client.get("/staff/me/security", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your organiser requires two-factor sign-in" in page

    api = client.get(f"/api/v1/events/{edition.slug}/registrations", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 403
    assert "/staff/me/security" in api.json()["detail"]
    assert "enrol" in api.json()["detail"]


def test_enrolling_lets_the_session_through(client):
    edition = make_edition()
    user = member("registrar", ["registrations"], require=True)
    sign_in(client, "registrar")
    client.post("/staff/me/security", {"action": "start"})
    code = f"{totp(TOTPDevice.objects.get(user=user).bin_key):06d}"
    done = client.post("/staff/me/security", {"action": "confirm", "code": code, "next": "/staff/"})
    assert done.status_code == 200
    assert client.get("/staff/").status_code == 200
    assert client.get(f"/api/v1/events/{edition.slug}/registrations").status_code == 200
    # The next sign-in asks for the code.
    client.logout()
    assert sign_in(client, "registrar")["Location"].startswith("/staff/login/code")


def test_door_team_and_organisers_without_the_setting_are_not_asked(client):
    member("door", ["checkin"], require=True)
    assert sign_in(client, "door")["Location"] == "/staff/"
    client.logout()
    make_organizer("other-org")
    user = make_user("boss", password=PASSWORD)
    make_team(["admin"], organizer=make_organizer("other-org"), members=[user])
    assert sign_in(client, "boss")["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
