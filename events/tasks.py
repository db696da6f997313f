"""Background tasks (Django's Tasks API through the django-tasks backport). `make run` starts
`manage.py db_worker` beside the web server; tests run them with the immediate backend."""

import ctypes
import os
import signal
import sys

from django_tasks import task

_PR_SET_PDEATHSIG = 1
_running_in: int | None = None  # the pid of the process running a task, while it runs one


def _die_with_worker() -> None:
    """In a process forked while a task runs (badge renderers): have the kernel SIGKILL it when the
    worker dies. Without this a `kill -9` of the worker leaves its renderers behind, still writing
    chunks, then idle forever holding the worker's inherited database connection and job lock."""
    if _running_in is None:
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != _running_in:  # the worker died between the fork and the prctl
        os._exit(1)


if sys.platform == "linux":
    os.register_at_fork(after_in_child=_die_with_worker)


@task()
def render_badges_task(job_id: str) -> None:
    """Render a badge job's PDF (events.badges.run_badge_job records progress and the outcome), holding
    the job's lock throughout, so `requeue_jobs` can tell a live run from one whose worker died."""
    global _running_in
    from .badges import run_badge_job
    from .jobs import job_lock

    with job_lock(job_id) as mine:
        if not mine:  # a live worker is running this job already
            return
        _running_in = os.getpid()
        try:
            run_badge_job(job_id=job_id)
        finally:
            _running_in = None


@task()
def mail_private_link_task(registration_id: int, again: bool = False) -> None:
    """Mint a registration's private link and e-mail it (events/link_resend.py): the confirmation of a public
    registration, or "you are already registered" to the holder of an address registered again."""
    from .link_resend import mail_private_link

    mail_private_link(registration_id=registration_id, again=again)
