from django.apps import AppConfig


class SeatingConfig(AppConfig):
    name = "seating"
    verbose_name = "座次 Seating"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # events shows seats (check-in verdict, ticket page) without importing seating: it asks its own
        # registry, which seating fills in here.
        # The same provider serves the offline door's signed snapshot (events.checkin.offline).
        from events import hooks

        from .selectors import seats_for

        hooks.register_seat_provider(seats_for)
