from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy

from events import hooks

DOCUMENTS = (
    ("run-of-show", gettext_lazy("Run of show")),
    ("signing-list", gettext_lazy("Signing list")),
    ("placards", gettext_lazy("Table placards")),
    ("certificates", gettext_lazy("Award certificates")),
)


def documents(edition) -> list[tuple[str, str]]:
    """The ceremony's print documents, for the staff documents page (events.hooks)."""
    return [
        (label, reverse(f"api:{kind.replace('-', '_')}_pdf", kwargs={"slug": edition.slug}))
        for kind, label in DOCUMENTS
    ]


class SigningConfig(AppConfig):
    name = "signing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        hooks.register_documents(documents)
