"""Background tasks (Django's Tasks API through the django-tasks backport). `make run` starts
`manage.py db_worker` beside the web server; tests run them with the immediate backend."""

from django_tasks import task


@task()
def render_badges_task(job_id: str) -> None:
    """Render a badge job's PDF (events.badges.run_badge_job records progress and the outcome)."""
    from .badges import run_badge_job

    run_badge_job(job_id=job_id)
