"""The import path django-tasks stored for the purge task queued before events/privacy/ existed
(`events.privacy_tasks.purge_due_personal_data`): the worker imports that path when it runs a queued row, so it
must keep resolving after an upgrade. The task lives in events/privacy/tasks.py; this module only re-exports it
and is imported by nothing in the project."""

from .privacy.tasks import purge_due_personal_data, schedule_daily_purge

__all__ = ["purge_due_personal_data", "schedule_daily_purge"]
