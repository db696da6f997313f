"""Preparing an edition: its categories, door points with their hand-out items, and
consent notice versions (and confirming the one a clone carried over). Each write checks its input and runs in one transaction; the configuration cache
(events/cache.py) is bumped by the model signals, so registration and the door read the change at once."""

import re

from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import EntryRule
from .exceptions import Conflict, InvalidInput, NotFound
from .hooks import note_changes
from .limits import max_len
from .models import Category, CheckInPoint, ConsentNotice, Edition, HandoverItem
from .registration import services as registration_services

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _code(value: str, field: str = "code") -> str:
    value = (value or "").strip()
    try:
        validate_slug(value)
    except Exception:
        raise InvalidInput(_("Use lowercase letters, digits and hyphens only, e.g. guest."), field=field)
    return value


def _text(model, field: str, value: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(_("This field is required."), field=field)
    limit = max_len(model, field)
    if limit and len(value) > limit:
        raise InvalidInput(_("At most %(limit)d characters.") % {"limit": limit}, field=field)
    return value


@transaction.atomic
def save_category(*, edition: Edition, category: Category | None = None, **values) -> Category:
    """Add a category to `edition` (category None) or change one: code (new only), name, name_en, capacity
    (None: no limit; never below the confirmed registrations), requires_approval, waitlist, public,
    badge_color (#rrggbb), order. A raised capacity promotes the waiting list."""
    clean = {
        "name": _text(Category, "name", values.get("name"), required=True),
        "name_en": _text(Category, "name_en", values.get("name_en")),
        "public": bool(values.get("public", True)),
        "order": int(values.get("order") or 0),
    }
    colour = values.get("badge_color") or "#9b1c1c"
    if not COLOUR.match(colour):
        raise InvalidInput(_("A colour is written #rrggbb, e.g. #9b1c1c."), field="badge_color")
    clean["badge_color"] = colour.lower()
    seats = {k: values[k] for k in ("capacity", "requires_approval", "waitlist") if k in values}
    if category is None:
        code = _code(values.get("code"))
        if Category.objects.filter(edition=edition, code=code).exists():
            raise Conflict(_("A category '%(code)s' exists already.") % {"code": code}, field="code")
        capacity = seats.get("capacity")
        if capacity is not None and capacity < 0:
            raise InvalidInput(_("Ensure this value is greater than or equal to 0."), field="capacity")
        return Category.objects.create(
            edition=edition,
            code=code,
            capacity=capacity,
            requires_approval=bool(seats.get("requires_approval")),
            waitlist=bool(seats.get("waitlist")),
            **clean,
        )
    # The seats' rules (capacity not below the confirmed, the waiting list promoted) are the registration's.
    registration_services.update_category(category=category, changes=seats)
    for key, value in clean.items():
        setattr(category, key, value)
    category.save(update_fields=list(clean))
    category.refresh_from_db()
    return category


def _own(edition: Edition, categories) -> list[Category]:
    chosen = list(categories or [])
    if any(c.edition_id != edition.pk for c in chosen):
        raise InvalidInput(_("No such attendee category."), field="categories")
    return chosen


@transaction.atomic
def save_point(*, edition: Edition, point: CheckInPoint | None = None, **values) -> CheckInPoint:
    """Add a door point (point None) or change one: code (new only), name, name_en, entry (once, daily,
    many), categories it admits, is_default (the scanner's point when none is chosen; only one)."""
    entry = values.get("entry") or EntryRule.ONCE
    if entry not in EntryRule.values:
        raise InvalidInput(_("Choose once, once a day or many times."), field="entry")
    clean = {
        "name": _text(CheckInPoint, "name", values.get("name"), required=True),
        "name_en": _text(CheckInPoint, "name_en", values.get("name_en")),
        "entry": entry,
        "is_default": bool(values.get("is_default")),
    }
    categories = _own(edition, values.get("categories"))
    if point is None:
        code = _code(values.get("code"))
        if CheckInPoint.objects.filter(edition=edition, code=code).exists():
            raise Conflict(_("A door point '%(code)s' exists already.") % {"code": code}, field="code")
        point = CheckInPoint.objects.create(edition=edition, code=code, **clean)
    else:
        for key, value in clean.items():
            setattr(point, key, value)
        point.save(update_fields=list(clean))
    point.categories.set(categories)
    if point.is_default:
        for other in edition.checkin_points.filter(is_default=True).exclude(pk=point.pk):
            other.is_default = False
            other.save(update_fields=["is_default"])
    return point


@transaction.atomic
def add_handover_item(*, point: CheckInPoint, code: str, name: str, name_en: str = "", categories=()):
    """Something the door point hands over (资料袋, 午餐券) to the categories given (none: everyone it admits)."""
    code = _code(code)
    if point.handover_items.filter(code=code).exists():
        raise Conflict(_("A hand-out item '%(code)s' exists already.") % {"code": code}, field="code")
    last = point.handover_items.order_by("-order").values_list("order", flat=True).first() or 0
    item = HandoverItem.objects.create(
        point=point,
        code=code,
        name=_text(HandoverItem, "name", name, required=True),
        name_en=_text(HandoverItem, "name_en", name_en),
        order=last + 1,
    )
    item.categories.set(_own(point.edition, categories))
    return item


@transaction.atomic
def remove_handover_item(*, item: HandoverItem) -> None:
    """Remove an item nobody has received yet (what was handed over stays on record)."""
    if item.handovers.exists():
        raise Conflict(
            _("'%(name)s' has been handed out already; it cannot be removed.") % {"name": item.name},
            field="item",
        )
    item.delete()


@transaction.atomic
def new_consent_notice(*, edition: Edition, version: str, text: str, text_en: str = "") -> ConsentNotice:
    """A new version of the privacy notice: registrations from now on accept it (earlier ones keep theirs)."""
    version = _text(ConsentNotice, "version", version, required=True)
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("This field is required."), field="text")
    if edition.consent_notices.filter(version=version).exists():
        raise Conflict(
            _("Version %(version)s exists already; give the new text a new version.") % {"version": version},
            field="version",
        )
    return ConsentNotice.objects.create(
        edition=edition,
        version=version,
        text=text,
        text_en=(text_en or "").strip(),
        confirmed_at=timezone.now(),
    )


def unconfirmed_notice(edition: Edition) -> ConsentNotice | None:
    """The edition's current privacy notice when it still waits to be confirmed (a clone's), else None."""
    notice = edition.consent_notices.order_by("-created_at", "-id").first()
    return notice if notice is not None and notice.confirmed_at is None else None


@transaction.atomic
def confirm_consent_notice(*, edition: Edition, version: str | None = None) -> ConsentNotice:
    """Confirm the current privacy notice (a clone carries last year's as a new version to be confirmed);
    `version`, when given, must be the current one (the text the person read). Confirming twice keeps the
    first confirmation."""
    notice = edition.consent_notices.select_for_update().order_by("-created_at", "-id").first()
    if notice is None:
        raise NotFound(_("This edition has no privacy notice yet: write one first."), field="version")
    if version not in (None, "") and version != notice.version:
        raise Conflict(
            _(
                "Version %(version)s is not the current privacy notice (%(current)s): reload and read it again."
            )
            % {"version": version, "current": notice.version},
            field="version",
        )
    if notice.confirmed_at is None:
        notice.confirmed_at = timezone.now()
        notice.save(update_fields=["confirmed_at"])
        note_changes(notice, {"confirmed_at": (None, notice.confirmed_at.isoformat())})
    return notice
