from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = "接待 Reception"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # events shows a person's room and car (check-in verdict, offline snapshot, ticket page, unit page)
        # without importing reception: it asks its own registry, filled in here.
        from django.db.models.signals import post_delete, post_save

        from events import cache, hooks

        from .arranged import STATIONS, arranged_for
        from .models import Hotel, Station
        from .selectors import HOTELS
        from .services.replan import on_reply_saved

        hooks.register_reception_provider(arranged_for)
        hooks.register_reply_listener(on_reply_saved)

        def bump_hotels(*_args, **_kwargs) -> None:
            cache.bump_at_commit(HOTELS)

        post_save.connect(bump_hotels, sender=Hotel, dispatch_uid="cache-reception-hotels-save", weak=False)
        post_delete.connect(bump_hotels, sender=Hotel, dispatch_uid="cache-reception-hotels-del", weak=False)

        def bump_stations(*_args, **_kwargs) -> None:
            cache.bump_at_commit(STATIONS)

        post_save.connect(
            bump_stations, sender=Station, dispatch_uid="cache-reception-stations-save", weak=False
        )
        post_delete.connect(
            bump_stations, sender=Station, dispatch_uid="cache-reception-stations-del", weak=False
        )
