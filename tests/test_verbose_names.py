"""Every model and field of huiwu's apps has a verbose name that the Chinese catalog translates, so the admin
reads in one language ("Protocol entries", 礼宾名单条目; never "Protocol entrys")."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

OUR_APPS = {
    "events",
    "agenda",
    "signing",
    "seating",
    "organizers",
    "audit",
    "accounts",
    "reception",
    "followup",
    "reports",
}
CATALOG = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _names():
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in OUR_APPS:
            continue
        yield f"{meta.label} (model)", meta.verbose_name
        yield f"{meta.label} (plural)", meta.verbose_name_plural
        for field in meta.get_fields():
            if field.concrete and not field.auto_created:
                yield f"{meta.label}.{field.name}", field.verbose_name


def test_every_model_and_field_has_a_translated_verbose_name():
    with CATALOG.open("rb") as f:
        translated = {m.id for m in read_po(f) if m.id and m.string}
    with translation.override(None):  # the msgid itself
        untranslated = [
            where for where, name in _names() if not isinstance(name, Promise) or str(name) not in translated
        ]
    assert untranslated == []


def test_plurals_are_english_words():
    from seating.models import ProtocolEntry

    with translation.override("en"):
        assert str(ProtocolEntry._meta.verbose_name_plural) == "protocol entries"
    with translation.override("zh-hans"):
        assert str(ProtocolEntry._meta.verbose_name_plural) == "礼宾名单条目"
