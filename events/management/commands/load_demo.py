from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from events.models import Edition


class Command(BaseCommand):
    help = "Load the 2023 Dazu demo conference (idempotent). --if-empty: only when no edition exists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database holds an edition."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Edition.objects.exists():
            self.stdout.write("An edition exists already; demo not loaded.")
            return
        loaders = settings.HUIWU_DEMO_LOADERS
        edition = import_string(loaders[0])()
        for path in loaders[1:]:
            import_string(path)(edition)
        self.stdout.write(self.style.SUCCESS(f"Demo conference loaded: {edition.slug} ({edition.name})"))
