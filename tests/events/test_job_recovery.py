"""A badge worker killed mid-job: the job is run again from the start and finishes, with no partial file."""

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from events.models import Job
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


def test_interrupted_badge_job_finishes_on_requeue_without_leftovers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition, capacity=10)
    for _ in range(3):
        register(edition)
    # What a SIGKILL leaves: the job claimed and half done, a renderer's temporary directory, no result.
    job = Job.objects.create(
        kind="badges", edition=edition, params={"size": "a6"}, state="running", done=1, total=3
    )
    leftover = tmp_path / "jobs" / ".badges-killed"
    leftover.mkdir(parents=True)
    (leftover / "chunk-0.pdf").write_bytes(b"%PDF-1.7 partial")

    call_command("requeue_jobs")

    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 3, 3)
    assert len(PdfReader(tmp_path / job.result_path).pages) == 3
    assert not leftover.exists()
    assert sorted(p.name for p in (tmp_path / "jobs").iterdir()) == [f"{job.pk}.pdf"]


def test_requeue_leaves_recent_running_jobs_to_their_worker(settings, tmp_path):
    import datetime as dt

    from events.jobs import requeue_stale_jobs

    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition)
    register(edition)
    job = Job.objects.create(kind="badges", edition=edition, params={}, state="running", total=1)
    assert requeue_stale_jobs(older_than=dt.timedelta(minutes=30)) == []
    job.refresh_from_db()
    assert job.state == "running"
