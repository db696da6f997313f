"""pydantic's validation errors said in the client's language (Accept-Language, or the page's language).

ninja answers a body that does not fit a schema with pydantic's English ("String should have at most 100
characters"). Each error has a stable `type` and its limits in `ctx`; the message is taken from here, through
Django's catalogs, with the same words the services use for the same mistake. A type not listed keeps
pydantic's own message.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "missing": _("This field is required."),
    "string_too_short": _("At least %(min_length)s characters."),
    "string_too_long": _("At most %(max_length)s characters."),
    "string_type": _("Must be text."),
    "string_pattern_mismatch": _("Not in the expected form."),
    "int_parsing": _("Must be a whole number."),
    "int_type": _("Must be a whole number."),
    "int_from_float": _("Must be a whole number."),
    "float_parsing": _("Must be a number."),
    "float_type": _("Must be a number."),
    "bool_parsing": _("Must be true or false."),
    "bool_type": _("Must be true or false."),
    "greater_than": _("Must be greater than %(gt)s."),
    "greater_than_equal": _("Must be at least %(ge)s."),
    "less_than": _("Must be less than %(lt)s."),
    "less_than_equal": _("Must be at most %(le)s."),
    "literal_error": _("Must be one of %(expected)s."),
    "enum": _("Must be one of %(expected)s."),
    "date_parsing": _("Must be a date (YYYY-MM-DD)."),
    "date_from_datetime_parsing": _("Must be a date (YYYY-MM-DD)."),
    "date_type": _("Must be a date (YYYY-MM-DD)."),
    "datetime_parsing": _("Must be a date and time (ISO 8601, e.g. 2023-06-28T09:30)."),
    "datetime_from_date_parsing": _("Must be a date and time (ISO 8601, e.g. 2023-06-28T09:30)."),
    "datetime_type": _("Must be a date and time (ISO 8601, e.g. 2023-06-28T09:30)."),
    "list_type": _("Must be a list."),
    "too_short": _("At least %(min_length)s items."),
    "too_long": _("At most %(max_length)s items."),
    "dict_type": _("Must be an object."),
    "model_type": _("Must be an object."),
    "model_attributes_type": _("Must be an object."),
    "extra_forbidden": _("Not a field of this request."),
    "uuid_parsing": _("Must be a UUID."),
    "json_invalid": _("The body is not valid JSON."),
}


def message(error: dict) -> str:
    """The message for one pydantic error, in the active language."""
    template = MESSAGES.get(error.get("type", ""))
    if template is None:
        msg = str(error.get("msg", "invalid"))
        return msg.removeprefix("Value error, ")
    try:
        return str(template) % (error.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return str(template)
