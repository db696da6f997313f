"""A person's fields as every way in takes them (the registration form and API, a unit's page, its XLSX, a
substitution, the reply form): spaces tidied, limits read from the model, a 422 naming the field. The public
home of these rules: other packages import them from here."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext

from ..enums import Language
from ..exceptions import InvalidInput
from ..limits import max_len
from ..models import Registration

LANGUAGE_CODES = frozenset(Language.values)  # (`.values` builds a new list at every call)
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{4,22}[0-9]$")


def clean_text(
    value: str | None, *, field: str, required: bool = False, max_length: int | None = None
) -> str:
    """The text with its spaces tidied; refused when required and empty, or longer than the model allows
    (`max_length`, by default the limit of the Registration field of this name)."""
    if max_length is None:
        max_length = max_len(Registration, field)
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(gettext("This field is required."), field=field)
    if len(text) > max_length:
        raise InvalidInput(
            gettext("At most %(max_length)s characters.") % {"max_length": max_length}, field=field
        )
    if "\x00" in text:  # PostgreSQL text cannot hold it: refuse it here rather than fail in the database
        raise InvalidInput(gettext("Contains a character that is not allowed."), field=field)
    return text


def clean_email(value: str | None) -> str:
    email = (value or "").strip().lower()
    if not email:
        raise InvalidInput(gettext("An e-mail address is required."), field="email")
    limit = max_len(Registration, "email")
    if len(email) > limit:
        raise InvalidInput(gettext("At most %(limit)s characters.") % {"limit": limit}, field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(gettext("This is not a valid e-mail address."), field="email")
    return email


def clean_phone(value: str | None) -> str:
    phone = (value or "").strip()
    if phone and not PHONE_RE.match(phone):
        raise InvalidInput(gettext("This is not a valid phone number."), field="phone")
    return phone


def clean_language(value: str | None) -> str:
    language = value or Language.ZH
    if language not in LANGUAGE_CODES:
        raise InvalidInput(gettext("Language must be zh-hans or en."), field="language")
    return language


def clean_person(data: dict) -> dict:
    """A person's name (required), name in Latin letters, title and e-mail (required), cleaned; the caller
    adds its own rule for the phone and the language (a unit asks for a mobile, and reads 中文 / English)."""
    return {
        "name": clean_text(data.get("name"), field="name", required=True),
        "name_en": clean_text(data.get("name_en"), field="name_en"),
        "title": clean_text(data.get("title"), field="title"),
        "email": clean_email(data.get("email")),
    }
