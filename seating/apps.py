from django.apps import AppConfig


class SeatingConfig(AppConfig):
    name = "seating"
    verbose_name = "座次 Seating"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # events shows seats (check-in verdict, ticket page) without importing seating: it asks its own
        # registry, which seating fills in here.
        # The same provider serves the offline door's signed snapshot (events.checkin.offline).
        from django.db.models.signals import post_delete, post_save

        from events import cache, hooks

        from .models import SeatingPlan
        from .selectors import PLANS, seats_for

        hooks.register_seat_provider(seats_for)

        def bump_plans(*_args, **_kwargs) -> None:
            cache.bump_at_commit(PLANS)

        post_save.connect(bump_plans, sender=SeatingPlan, dispatch_uid="cache-seating-plans-save", weak=False)
        post_delete.connect(
            bump_plans, sender=SeatingPlan, dispatch_uid="cache-seating-plans-del", weak=False
        )
