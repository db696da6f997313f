from django.core.management.base import BaseCommand

from events.privacy.purge import purge_due_editions
from events.privacy.tasks import schedule_daily_purge


class Command(BaseCommand):
    help = "Purge editions past their retention date now, and schedule the daily purge task (make run does this)."

    def handle(self, *args, **options):
        done = purge_due_editions()
        for slug, n in done.items():
            self.stdout.write(f"{slug}: {n} registrations anonymised (retention date passed)")
        try:
            # django-tasks-db's model, needed only here (an optional backend's table)
            from django_tasks_db.models import DBTaskResult

            pending = DBTaskResult.objects.filter(
                task_path__endswith="purge_due_personal_data", status__in=["READY"]
            ).exists()
        except Exception:  # noqa: BLE001 - another backend: nothing to look up
            pending = False
        if not pending:
            schedule_daily_purge()
