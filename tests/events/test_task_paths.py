"""A task queued before an upgrade is stored by its dotted path; the worker imports that path when it runs the
row. The paths stored before events/ was grouped into packages must still lead to the same tasks."""

import pytest
from django.utils.module_loading import import_string

from events.badges.jobs import render_badges_task
from events.privacy.tasks import purge_due_personal_data
from events.registration.link_resend import mail_private_link_task


@pytest.mark.parametrize(
    ("stored_path", "task"),
    [
        ("events.tasks.render_badges_task", render_badges_task),
        ("events.tasks.mail_private_link_task", mail_private_link_task),
        ("events.privacy_tasks.purge_due_personal_data", purge_due_personal_data),
    ],
)
def test_a_task_path_stored_before_the_packages_still_finds_its_task(stored_path, task):
    assert import_string(stored_path) is task
