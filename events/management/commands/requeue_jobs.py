import datetime as dt

from django.core.management.base import BaseCommand

from events.jobs import requeue_stale_jobs


class Command(BaseCommand):
    help = (
        "Re-run background jobs left `running` by a worker that died. make run does this before starting its "
        "worker; with several workers pass --older-than MINUTES longer than any real run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=0, help="minutes (default 0: every running job)"
        )

    def handle(self, *args, older_than=0, **options):
        ids = requeue_stale_jobs(older_than=dt.timedelta(minutes=older_than))
        self.stdout.write(f"{len(ids)} interrupted job(s) queued again" if ids else "No interrupted jobs.")
