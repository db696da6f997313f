"""The language, decided in one place: `is_en()` for this request (the page's switch, else Accept-Language,
else Chinese: Django's active language) or `is_en(person)` for a person (a registration's own `language`,
for what is sent or printed for them); `localized(obj)` for an object's name in that language."""

from collections.abc import Mapping

from django.utils import translation

from .enums import Language


def is_en(person=None) -> bool:
    """English for this person (their `language`) when one is given, else for this request."""
    if person is not None:
        return getattr(person, "language", None) == Language.EN
    return (translation.get_language() or "").startswith("en")


def localized(obj, field: str = "name", *, en: bool | None = None) -> str:
    """`obj`'s `field` in the language (`en`, else this request's): `<field>_en` in English when it is filled
    in, else `<field>`. A model, or a dict of them (the API's and the pages' plain rows)."""
    read = obj.get if isinstance(obj, Mapping) else lambda name, default: getattr(obj, name, default)
    if is_en() if en is None else en:
        value = read(f"{field}_en", "") or ""
        if value:
            return value
    return read(field, "") or ""
