from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "audit log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # the app registry: these import models, loaded only once the registry is ready
        from events import hooks

        from . import services

        services.connect_signals()
        hooks.register_change_listener(services.note_changes)
