from django.core.management.base import BaseCommand

from events.jobs.tasks import requeue_stale_jobs


class Command(BaseCommand):
    help = (
        "Re-run background jobs left `running` by a worker that died (its job lock is free). Safe beside "
        "live workers: make run does this before starting its worker; with several workers run it before "
        "each worker starts, or every few minutes."
    )

    def handle(self, *args, **options):
        ids = requeue_stale_jobs()
        self.stdout.write(f"{len(ids)} interrupted job(s) queued again" if ids else "No interrupted jobs.")
