from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from events.auth import new_api_token


class Command(BaseCommand):
    help = "Print a new API token for an existing user (stored hashed; shown once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label for the token")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"No user '{username}'. Create it first (manage.py createsuperuser or the admin)."
            )
        self.stdout.write(new_api_token(user=user, name=name))
