"""A task queued before an upgrade is stored by its dotted path; the worker imports that path when it runs the
row. The paths stored before events/ was grouped into packages, and before the job machinery left
events/badges/ for events/jobs/, must still lead to the same tasks, and a row stored under them still runs."""

import pytest
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from events.jobs.tasks import run_job_task
from events.models import Job
from events.privacy.tasks import purge_due_personal_data
from events.registration.link_resend import mail_private_link_task
from tests.factories import make_category, make_edition, register


@pytest.mark.parametrize(
    ("stored_path", "task"),
    [
        ("events.tasks.render_badges_task", run_job_task),
        ("events.badges.jobs.render_badges_task", run_job_task),
        ("events.tasks.mail_private_link_task", mail_private_link_task),
        ("events.privacy_tasks.purge_due_personal_data", purge_due_personal_data),
    ],
)
def test_a_task_path_stored_before_the_packages_still_finds_its_task(stored_path, task):
    assert import_string(stored_path) is task


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stored_path", ["events.badges.jobs.render_badges_task", "events.tasks.render_badges_task"]
)
def test_a_badge_job_queued_under_an_old_task_path_runs_after_the_move(settings, tmp_path, stored_path):
    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition, capacity=10)
    for _ in range(2):
        register(edition)
    job = Job.objects.create(kind="badges", edition=edition, params={"size": "a6"}, total=2)
    # The row as the database worker finds it: queued by the code of before, under the old path.
    row = DBTaskResult.objects.create(
        task_path=stored_path,
        backend_name="default",
        args_kwargs={"args": [], "kwargs": {"job_id": str(job.pk)}},
    )
    # What the worker does with it (its command closes the test's database connection, so it runs here).
    row.task.call(*row.task_result.args, **row.task_result.kwargs)
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.error) == ("done", 2, 2, "")
    assert len(PdfReader(tmp_path / job.result_path).pages) == 2
