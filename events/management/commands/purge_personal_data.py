from django.core.management.base import BaseCommand, CommandError

from events.exceptions import DomainError
from events.models import Edition
from events.privacy.purge import anonymise_edition, purge_due_editions


class Command(BaseCommand):
    help = (
        "Anonymise every registration of an edition that has ended (names, e-mails, mobiles, titles go; "
        "counts, categories and check-in figures stay). --due: every edition past its retention date."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="the edition, e.g. dazu-2023")
        parser.add_argument("--due", action="store_true", help="purge all editions past their retention date")

    def handle(self, *args, slug=None, due=False, **options):
        if due:
            done = purge_due_editions()
            for s, n in done.items():
                self.stdout.write(f"{s}: {n} registrations anonymised")
            if not done:
                self.stdout.write("No edition is past its retention date.")
            return
        if not slug:
            raise CommandError("Name an edition (e.g. purge_personal_data dazu-2023) or pass --due.")
        edition = Edition.objects.filter(slug=slug).first()
        if edition is None:
            raise CommandError(f"No edition '{slug}'.")
        try:
            count = anonymise_edition(edition=edition)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(self.style.SUCCESS(f"{slug}: {count} registrations anonymised"))
