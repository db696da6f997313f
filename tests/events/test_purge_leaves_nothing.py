"""A purge leaves nothing personal behind: not in the staff access log, not as an employer only the purged
people named, not in the SQLite file's freed pages; and the organisation page shows no attendee names to a
mere viewer."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from events.models import Organization, StaffAccessLog
from events.privacy.purge import ANONYMISED_NAME
from signing import services as signing_services
from tests.factories import make_category, make_edition, make_user, register, token_for
from tests.signing.factories import make_project, make_title


def ended_edition(**fields):
    edition = make_edition(starts_on=dt.date(2023, 6, 28), ends_on=dt.date(2023, 6, 28), **fields)
    make_category(edition, capacity=10)
    return edition


@pytest.mark.django_db
def test_purge_scrubs_what_staff_searched_for_in_that_edition(client):
    edition, other = ended_edition(), ended_edition()
    register(edition, name="周海", email="zhouhai@example.com")
    client.force_login(make_user("viewer", "view"))
    client.get(f"/staff/e/{edition.slug}/", {"q": "周海"})
    client.get(f"/staff/e/{other.slug}/", {"q": "李四"})
    token = token_for("api", "view")
    client.get(
        f"/api/v1/events/{edition.slug}/registrations",
        {"q": "zhouhai@example.com"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    door = token_for("door", "checkin")
    client.get(
        f"/api/v1/events/{edition.slug}/checkin/search", {"q": "周海"}, HTTP_AUTHORIZATION=f"Bearer {door}"
    )
    assert StaffAccessLog.objects.filter(target__contains="zhouhai").count() == 1

    call_command("purge_personal_data", edition.slug)

    targets = sorted(StaffAccessLog.objects.values_list("action", "target"))
    assert targets == [
        ("api_list_registrations", ANONYMISED_NAME),
        ("checkin_search", ANONYMISED_NAME),
        ("view_registrations", "q=%E6%9D%8E%E5%9B%9B"),
        ("view_registrations", ANONYMISED_NAME),
    ]


@pytest.mark.django_db
def test_purge_removes_employers_only_the_purged_registrations_named():
    edition, later = ended_edition(), ended_edition()
    register(edition, organization="只报过一次名的公司")
    register(edition, organization="两届都来的单位")
    register(later, organization="两届都来的单位")
    register(edition, organization="签约方单位")
    make_project(later, parties=[{"role": "A", "organization": "签约方单位", "signatory": "何芳"}])
    register(edition, organization="获奖单位")
    make_title()
    signing_services.issue_award(title="design-base", recipient="获奖单位")

    call_command("purge_personal_data", edition.slug)

    names = set(Organization.objects.values_list("name", flat=True))
    assert "只报过一次名的公司" not in names
    assert {"两届都来的单位", "签约方单位", "获奖单位"} <= names


def file_bytes(path: Path) -> bytes:
    """The file's bytes, read by a child process. Opening and closing the database file in this process
    would drop every POSIX lock SQLite holds on it here (locks belong to the process, not the descriptor);
    the next server process to close its connection would then think it was the last one and delete the
    -wal and -shm files under this process's feet: "disk I/O error" and stale reads for the rest of the run."""
    return subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout


@pytest.mark.django_db(transaction=True)
def test_purged_bytes_are_gone_from_the_sqlite_file():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's file (PostgreSQL reclaims dead rows with VACUUM)")
    edition = ended_edition()
    register(edition, name="独一无二的名字", email="unique-purge-probe@example.com", phone="13912345678")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = Path(connection.settings_dict["NAME"])
    assert b"unique-purge-probe@example.com" in file_bytes(database)

    call_command("purge_personal_data", edition.slug)

    files = [database, Path(f"{database}-wal")]
    held = b"".join(file_bytes(f) for f in files if f.exists())
    assert b"unique-purge-probe@example.com" not in held
    assert "独一无二的名字".encode() not in held
    assert b"13912345678" not in held


@pytest.mark.django_db
def test_organisation_page_shows_a_viewer_no_attendee_names(client):
    edition = ended_edition()
    register(edition, name="王小明", title="总经理", organization="大足石刻文创园")
    org = Organization.objects.get(name="大足石刻文创园")
    client.force_login(make_user("viewer", "view"))
    response = client.get(f"/staff/organizations/{org.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "王小明" not in html and "总经理" not in html
    assert edition.slug in html
    assert StaffAccessLog.objects.count() == 0


@pytest.mark.django_db
def test_organisation_page_shows_an_organiser_the_names_and_logs_it(client):
    edition = ended_edition()
    register(edition, name="王小明", organization="大足石刻文创园")
    org = Organization.objects.get(name="大足石刻文创园")
    client.force_login(make_user("boss", "admin"))
    html = client.get(f"/staff/organizations/{org.pk}").content.decode()
    assert "王小明" in html
    assert list(StaffAccessLog.objects.values_list("username", "action", "target", "path")) == [
        ("boss", "view_organization", f"organization {org.pk}", f"/staff/organizations/{org.pk}")
    ]
