from django.apps import AppConfig


class SeatingConfig(AppConfig):
    name = "seating"
    verbose_name = "座次 Seating"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # events shows seats (check-in verdict, ticket page) without importing seating: it asks its own
        # registry, which seating fills in here.
        from events import checkin_offline, hooks

        from .selectors import seat_labels, seats_for

        hooks.register_seat_provider(seats_for)
        # The offline door's signed snapshot carries each ticket's seat too (events.checkin_offline).
        if seat_labels not in checkin_offline.SEAT_PROVIDERS:
            checkin_offline.SEAT_PROVIDERS.append(seat_labels)
