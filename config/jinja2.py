"""The Jinja2 environment for pages (templates/<app>/...). Print documents use documents.pipeline."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from jinja2 import Environment, StrictUndefined

from events.console.nav import edition_nav as build
from events.enums import RegistrationStatus, status_label, verdict_label
from events.language import is_en, localized
from organizers.permissions import FLAG_LABELS


def loc(obj, field: str = "name") -> str:
    """A model's (or a row's) localised field: `name_en` in English when it is filled in, else `name`."""
    return localized(obj, field)


def role_label(role: str) -> str:
    """A permission flag (or several, "checkin / view") in the page's language."""

    parts = []
    for r in str(role).split("/"):
        parts.append(str(FLAG_LABELS.get(r.strip(), r.strip())))
    return translation.gettext(" or ").join(parts)


def edition_nav(request, edition) -> dict:
    """The staff edition navigation's sections (events/console/nav.py), for templates/staff/_edition_nav.html."""

    return build(request, edition)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def isotime(value: str, fmt: str = "%H:%M") -> str:
    """An ISO 8601 time from the API (UTC), shown in local time."""

    moment = parse_datetime(value or "")
    return timezone.localtime(moment).strftime(fmt) if moment else (value or "")


def localtime(value, fmt: str = "%Y-%m-%d %H:%M"):
    if value is None:
        return ""
    return timezone.localtime(value).strftime(fmt)


def environment(**options) -> Environment:
    options.setdefault("undefined", StrictUndefined)
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)
    # Django's own catalogs (locale/<lang>/LC_MESSAGES/django.po, compiled by set-up): {{ _('English') }} in a
    # page shows the active language's text. Old-style callables: `_('%d left') | format(n)` formats as written.
    env.install_gettext_callables(
        gettext=translation.gettext,
        ngettext=translation.ngettext,
        newstyle=False,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        static=static,
        url=url,
        loc=loc,
        is_en=is_en,
        languages=settings.LANGUAGES,
        get_language=translation.get_language,
        get_messages=get_messages,
        status_label=status_label,
        verdict_label=verdict_label,
        role_label=role_label,
        edition_nav=edition_nav,
        STATUSES=[s.value for s in RegistrationStatus],
    )
    env.filters["localtime"] = localtime
    env.filters["isotime"] = isotime
    return env
