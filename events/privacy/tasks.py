"""The scheduled purge: a task that anonymises editions past their retention date, then schedules itself
for the next day (django-tasks' `run_after`; the database worker started by `make run` runs it).

Rows queued before events/privacy/ existed name the task `events.privacy_tasks.purge_due_personal_data`;
events/privacy_tasks.py re-exports it so they still run."""

import datetime as dt

from django.utils import timezone
from django_tasks import default_task_backend, task

from .purge import purge_due_editions


@task()
def purge_due_personal_data(reschedule: bool = True) -> dict:
    done = purge_due_editions()
    if reschedule:
        schedule_daily_purge()
    return done


def schedule_daily_purge() -> None:
    """Enqueue the next run for tomorrow 03:00 (local time), when the backend can defer tasks."""
    if not getattr(default_task_backend, "supports_defer", False):
        return
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    run_after = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(3, 0)))
    purge_due_personal_data.using(run_after=run_after).enqueue(reschedule=True)
