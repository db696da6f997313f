import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events.cloning import clone_edition
from events.editions import update_edition
from events.exceptions import DomainError
from events.models import Edition
from events.setup import confirm_consent_notice


class Command(BaseCommand):
    help = "Create next year's edition from an existing one: clone_edition dazu-2023 dazu-2024 --starts-on 2024-06-26"

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("slug")
        parser.add_argument("--starts-on", required=True, help="YYYY-MM-DD")
        parser.add_argument("--name", help="the new edition's name (default: the source's, year moved)")
        parser.add_argument("--name-en", help="its English name")
        parser.add_argument(
            "--confirm-notice",
            action="store_true",
            help="confirm the privacy notice carried from the source (you have read it); else confirm it in the settings",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish it at once (default: a draft; needs a confirmed privacy notice)",
        )

    def handle(
        self,
        *args,
        source,
        slug,
        starts_on,
        name=None,
        name_en=None,
        publish=False,
        confirm_notice=False,
        **options,
    ):
        edition = Edition.objects.filter(slug=source).first()
        if edition is None:
            raise CommandError(f"No edition '{source}'.")
        try:
            day = dt.date.fromisoformat(starts_on)
        except ValueError:
            raise CommandError("--starts-on must be a date like 2024-06-26.")
        try:
            with transaction.atomic():  # refused whole: no draft left when publishing is refused
                new = self._clone(edition, slug, day, name, name_en, confirm_notice, publish)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(self.style.SUCCESS(f"{new.slug}: {new.name} ({new.starts_on})"))

    def _clone(self, edition, slug, day, name, name_en, confirm_notice, publish):
        new = clone_edition(source=edition, slug=slug, starts_on=day, name=name, name_en=name_en)
        if confirm_notice:
            confirm_consent_notice(edition=new)
        if publish:
            new = update_edition(edition=new, changes={"published": True})
        return new
