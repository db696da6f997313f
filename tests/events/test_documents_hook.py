"""The staff documents page lists each app's print documents as the app registers them (events.hooks), not
from a list of names inside events."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import make_edition, make_user

pytestmark = pytest.mark.django_db


def test_the_documents_page_lists_what_each_app_registered():
    edition = make_edition()
    client = Client()
    client.force_login(make_user("org", "organiser"))
    page = client.get(f"/staff/e/{edition.slug}/documents", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = re.findall(r'<li><a href="(/api/v1/events/[^"]+)">([^<]+)</a>', page)
    base = f"/api/v1/events/{edition.slug}/documents"
    assert links == [
        (f"{base}/programme.pdf", "Programme"),
        (f"{base}/run-of-show.pdf", "Run of show"),
        (f"{base}/signing-list.pdf", "Signing list"),
        (f"{base}/placards.pdf", "Table placards"),
        (f"{base}/certificates.pdf", "Award certificates"),
    ]


def test_events_names_no_other_apps_document():
    source = (Path(__file__).resolve().parents[2] / "events" / "badges" / "views.py").read_text()
    assert not re.search(r"programme|run-of-show|signing-list|placards|certificates", source)
