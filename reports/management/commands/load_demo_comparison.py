from django.core.management.base import BaseCommand, CommandError

from reports import demo


class Command(BaseCommand):
    help = (
        "Clone the demo's dazu-2023 into dazu-2024 with invented registrations, arrivals, hand-outs, projects "
        "and awards, so the report (/staff/e/dazu-2024/report) compares the two editions. Idempotent."
    )

    def handle(self, *args, **options):
        edition = demo.load()
        if edition is None:
            raise CommandError("Load the demo first: manage.py load_demo")
        self.stdout.write(
            self.style.SUCCESS(f"{edition.slug}: compare it with dazu-2023 at /staff/e/{edition.slug}/report")
        )
