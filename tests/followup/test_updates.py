"""Updates are append-only and checked whole: the project's stage and funds come from them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.exceptions import InvalidInput
from followup import services
from followup.models import EVIDENCE_ROOT, Evidence, ProjectUpdate

from .helpers import make_project, make_series_edition

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_update_moves_the_stage_and_adds_funds():
    followed = make_project(make_series_edition())

    services.record_update(followed, {"period": "2024-Q1", "stage": "started", "funds_added": "300.25"})
    services.record_update(followed, {"period": "2024-04", "funds_added": 100})
    followed.refresh_from_db()

    assert (followed.stage, str(followed.funds_in), followed.last_period) == ("started", "400.25", "2024-04")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period": "2024-13"}, "period"),
        ({"period": "Q1-2024"}, "period"),
        ({"period": "2099-Q1"}, "period"),
        ({"period": "2024-Q1", "funds_added": "-1"}, "funds_added"),
        ({"period": "2024-Q1", "funds_added": "1.234"}, "funds_added"),
        ({"period": "2024-Q1", "stage": "registered"}, "stage"),
        ({"period": "2024-Q1", "stage": "flying"}, "stage"),
        ({"period": "2024-Q1", "blockers": ["weather"]}, "blockers"),
        ({"period": "2024-Q1", "stage": "terminated"}, "note"),
        ({"period": "2024-Q1", "corrects": 999999}, "corrects"),
    ],
)
def test_bad_update_is_refused_naming_the_field_and_writes_nothing(data, field):
    followed = make_project(make_series_edition())
    services.record_update(followed, {"period": "2023-Q4", "stage": "started"})

    with pytest.raises(InvalidInput) as caught:
        services.record_update(followed, data)

    assert caught.value.field == field
    assert ProjectUpdate.objects.filter(project=followed).count() == 1


def test_a_correction_replaces_the_update_it_names():
    followed = make_project(make_series_edition())
    wrong = services.record_update(followed, {"period": "2024-Q1", "stage": "building", "funds_added": "900"})

    services.record_update(
        followed,
        {
            "period": "2024-Q1",
            "stage": "started",
            "funds_added": "90",
            "corrects": wrong.pk,
            "note": "多写一个0",
        },
    )
    followed.refresh_from_db()

    assert (followed.stage, str(followed.funds_in)) == ("started", "90.00")
    assert ProjectUpdate.objects.filter(project=followed).count() == 2  # the wrong one is still there


def test_evidence_is_checked_by_its_bytes_and_stored_outside_the_web_root():
    followed = make_project(make_series_edition())
    photo = SimpleUploadedFile("site.png", PNG, content_type="image/png")

    update = services.record_update(followed, {"period": "2024-Q1"}, [photo])

    stored = Evidence.objects.get(update=update)
    assert (stored.content_type, stored.size, stored.name) == ("image/png", len(PNG), "site.png")
    assert stored.file.path.startswith(str(EVIDENCE_ROOT))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("fake.pdf", b"MZ\x90\0 not a pdf", content_type="application/pdf"),
        SimpleUploadedFile(
            "big.jpg", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), content_type="image/jpeg"
        ),
    ],
)
def test_bad_evidence_is_refused(upload):
    followed = make_project(make_series_edition())

    with pytest.raises(InvalidInput) as caught:
        services.record_update(followed, {"period": "2024-Q1"}, [upload])

    assert caught.value.field == "evidence"
    assert not ProjectUpdate.objects.filter(project=followed).exists()


def test_history_as_of_a_date_replays_the_updates():
    from followup import selectors

    followed = make_project(make_series_edition())
    services.record_update(
        followed, {"period": "2024-Q1", "stage": "started"}, at=dt.datetime(2024, 4, 5, tzinfo=dt.UTC)
    )
    services.record_update(
        followed, {"period": "2024-Q2", "stage": "producing"}, at=dt.datetime(2024, 7, 5, tzinfo=dt.UTC)
    )

    rows = selectors.project_list(followed.project.edition.series, as_of=dt.date(2024, 5, 1))

    assert [r["stage"] for r in rows] == ["started"]


def test_deleting_the_ceremonys_project_takes_its_follow_up_with_it():
    followed = make_project(make_series_edition())
    wrong = services.record_update(followed, {"period": "2024-Q1", "stage": "building"})
    services.record_update(followed, {"period": "2024-Q1", "stage": "started", "corrects": wrong.pk})

    followed.project.delete()

    assert not ProjectUpdate.objects.exists()
