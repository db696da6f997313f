from django.core.management.base import BaseCommand

from followup import returns


class Command(BaseCommand):
    help = "E-mail the units whose returns are due within three days and not all filed (run daily)."

    def handle(self, *args, **options):
        sent = returns.remind()
        self.stdout.write(f"Reminded {sent} unit(s).")
