"""The Jinja2 environment for pages (templates/<app>/...). Print documents use documents.pipeline."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from jinja2 import Environment, StrictUndefined

from events.enums import STATUS_WORDS


def is_en() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).startswith("en")


def t(zh: str, en: str) -> str:
    """Pick the Chinese or English text for the active language (pages carry both inline)."""
    return en if is_en() else zh


def loc(obj, field: str = "name") -> str:
    """A model's localised field: `name_en` in English when it is filled in, else `name`."""
    if is_en():
        value = getattr(obj, f"{field}_en", "") or ""
        if value:
            return value
    return getattr(obj, field, "") or ""


STATUS_LABELS = STATUS_WORDS  # one wording: events/enums.py


def status_label(status: str) -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return t(zh, en)


ROLE_LABELS = {
    "organiser": ("组织者", "organiser"),
    "checkin": ("签到人员", "check-in staff"),
    "viewer": ("查看者", "viewer"),
}


def role_label(role: str) -> str:
    """A staff role (or several, "checkin / viewer") in the page's language."""
    parts = [ROLE_LABELS.get(r.strip(), (r.strip(), r.strip())) for r in str(role).split("/")]
    return t("、", " or ").join(t(zh, en) for zh, en in parts)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def isotime(value: str, fmt: str = "%H:%M") -> str:
    """An ISO 8601 time from the API (UTC), shown in local time."""
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(value or "")
    return timezone.localtime(moment).strftime(fmt) if moment else (value or "")


def localtime(value, fmt: str = "%Y-%m-%d %H:%M"):
    if value is None:
        return ""
    return timezone.localtime(value).strftime(fmt)


def environment(**options) -> Environment:
    options.setdefault("undefined", StrictUndefined)
    env = Environment(**options)
    env.globals.update(
        static=static,
        url=url,
        t=t,
        loc=loc,
        is_en=is_en,
        languages=settings.LANGUAGES,
        get_language=translation.get_language,
        get_messages=get_messages,
        status_label=status_label,
        role_label=role_label,
        STATUS_LABELS=STATUS_LABELS,
    )
    env.filters["localtime"] = localtime
    env.filters["isotime"] = isotime
    return env
