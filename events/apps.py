from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # ready(): the app registry is loaded, so models (and modules importing them) may be imported now
        from . import cache

        cache.connect_receivers()  # every process bumps the configuration version when it edits
