"""manage.py's first look at the database: a command run against a database that was never migrated (the
default SQLite file while the server uses DATABASE_URL, say) says so in one line and what to set, instead
of a traceback ("no such table") and a new empty database file."""

from pathlib import Path

# Commands that make the tables, need none, or are about the database itself.
RUN_WITHOUT_TABLES = {
    "migrate",
    "makemigrations",
    "squashmigrations",
    "sqlmigrate",
    "showmigrations",
    "collectstatic",
    "findstatic",
    "compilemessages",
    "makemessages",
    "check",
    "help",
    "version",
    "diffsettings",
    "shell",
    "dbshell",
    "test",
    "testserver",
    "startapp",
    "startproject",
    "createcachetable",
}


def unmigrated_message(argv: list[str]) -> str | None:
    """The one line to print when the command needs tables the database does not have; None to go on."""
    command = argv[1] if len(argv) > 1 else "help"
    if command in RUN_WITHOUT_TABLES or command.startswith("-"):
        return None
    # Django is loaded only here, for a command that needs the tables (manage.py calls this before setup)
    import django
    from django.conf import settings
    from django.utils.translation import gettext as _

    django.setup()

    db = settings.DATABASES["default"]
    where = str(db.get("NAME") or "")
    if db["ENGINE"].endswith("sqlite3") and where != ":memory:" and not Path(where).exists():
        missing = True  # connecting would create the file: don't
    else:
        # after django.setup() above, for a command that needs the tables
        from django.db import DatabaseError, connection

        try:
            missing = "django_migrations" not in connection.introspection.table_names()
        except DatabaseError:
            return None  # no server, wrong password...: the command says so itself
        finally:
            connection.close()
    if not missing:
        return None
    return _(
        "huiwu: the database %(db)s has never been migrated, so `%(command)s` cannot run there. Set "
        "DATABASE_URL to the database the server uses (as `make run` was started) and run it again."
    ) % {"db": where, "command": command}
