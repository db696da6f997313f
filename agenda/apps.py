from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy

from events import hooks


class AgendaConfig(AppConfig):
    name = "agenda"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # ready(): the app registry is loaded, so models (and modules importing them) may be imported now
        from django.db.models.signals import post_delete, post_save

        # models are importable only once the app registry is ready
        from .models import Release
        from .selectors import clear_public_cache, opening

        # A release saved or deleted (published, or edited in the admin): every worker's public agenda
        # reloads at its next request (the versioned cache, events/cache.py).
        post_save.connect(clear_public_cache, sender=Release, dispatch_uid="agenda-public-save")
        post_delete.connect(clear_public_cache, sender=Release, dispatch_uid="agenda-public-delete")
        # An edition published or taken back to a draft: its public agenda appears or goes at once.
        post_save.connect(clear_public_cache, sender="events.Edition", dispatch_uid="agenda-public-edition")
        hooks.register_documents(documents)
        hooks.register_opening_provider(opening)


def documents(edition) -> list[tuple[str, str]]:
    """The agenda's print documents, for the staff documents page (events.hooks)."""
    return [(gettext_lazy("Programme"), reverse("api:programme_pdf", kwargs={"slug": edition.slug}))]
