"""When an edition takes registrations: its window (opens, closes, purged) and the public endpoint's edition."""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import cache
from ..exceptions import (
    NotFound,
    RegistrationClosed,
)
from ..models import Edition


def check_window(edition: Edition, now) -> None:
    if not edition.published:
        raise RegistrationClosed(_("This edition is not published yet."))
    if edition.personal_data_purged_at:
        raise RegistrationClosed(_("Registration for this edition is closed."))
    if edition.registration_opens_at and now < edition.registration_opens_at:
        raise RegistrationClosed(_("Registration has not opened yet."))
    if now >= registration_closes(edition):
        raise RegistrationClosed(_("Registration is closed."))


def registration_open(edition: Edition) -> bool:
    """The same rule registration enforces (check_window), asked without raising: the pages and the API show it."""
    try:
        check_window(edition, timezone.now())
    except RegistrationClosed:
        return False
    return True


def edition_ends_at(edition: Edition) -> dt.datetime:
    """Midnight after the edition's last day, in its own time zone."""
    tz = zoneinfo.ZoneInfo(edition.timezone or "Asia/Shanghai")
    return dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def registration_closes(edition: Edition) -> dt.datetime:
    """Registration closes when set (registration_closes_at), else when the edition ends."""
    return edition.registration_closes_at or edition_ends_at(edition)


def check_window_fresh(edition_id: int, now) -> None:
    """The window as stored right now (the edition passed in may be a cached copy)."""
    fresh = Edition.objects.filter(pk=edition_id).only(*WINDOW_FIELDS).first()
    if fresh is None:
        cache.bump(cache.EDITIONS)
        raise NotFound(_("No such edition."))
    check_window(fresh, now)


WINDOW_FIELDS = (
    "published",
    "personal_data_purged_at",
    "registration_opens_at",
    "registration_closes_at",
    "ends_on",
    "timezone",
)


def registration_edition(slug: str, *, drafts: bool = False) -> Edition:
    """The public registration endpoint's edition, from the configuration cache (events/cache.py). Only its
    identity, signing key and names are used from it: the window, purge, category and consent notice are read
    with the category (`services.registration_category`, cached under the same version) and the seats from
    the database when the registration is decided. A draft (not published) is not found, unless `drafts`
    (staff, who prepare it)."""
    # (The queryset is built only when loading: building it costs as much as the cache lookup.)
    edition = cache.cached(
        cache.EDITIONS, f"registration:{slug}", lambda: Edition.objects.filter(slug=slug).first()
    )
    if edition is None or not (edition.published or drafts):
        raise NotFound(_("No edition '%(slug)s'.") % {"slug": slug})
    return edition
