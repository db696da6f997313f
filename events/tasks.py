"""The import paths django-tasks stored for tasks queued before events/ was grouped into packages.

A queued row names its function by dotted path (`events.tasks.render_badges_task`,
`events.tasks.mail_private_link_task`); the worker imports that path when it runs the row, so these names
must keep resolving after an upgrade. Each task now lives beside its service; this module only re-exports
them and is imported by nothing in the project. Do not add tasks here.
"""

from .jobs.tasks import run_job_task as render_badges_task
from .registration.link_resend import mail_private_link_task

__all__ = ["mail_private_link_task", "render_badges_task"]
