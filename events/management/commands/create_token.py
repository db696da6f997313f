from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from events.auth import new_api_token
from organizers.models import Team


class Command(BaseCommand):
    help = (
        "Print a new API token (stored hashed; shown once) for an existing user, or with --team ID for a team "
        "(it acts with the team's flags and scope)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--team", type=int, help="A team's id: mint a team token instead of a user's")
        parser.add_argument("--name", default="", help="A label for the token")

    def handle(self, *args, username, team, name, **options):

        if (username is None) == (team is None):
            raise CommandError("Give a username, or --team ID (not both).")
        if team is not None:
            row = Team.objects.filter(pk=team).first()
            if row is None:
                raise CommandError(f"No team {team}. The organiser's teams page lists their ids.")
            self.stdout.write(new_api_token(team=row, name=name))
            return
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"No user '{username}'. Create it first (manage.py createsuperuser or the admin)."
            )
        self.stdout.write(new_api_token(user=user, name=name))
