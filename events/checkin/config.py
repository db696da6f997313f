"""The door's view of an edition: its check-in points and their rules, categories and signing key, loaded
once per process and cached (`edition_config`, dropped by `forget_config` when an organiser edits them);
the edition's public key for offline verifiers; and a ticket's signature checked against it, before any query
(`verify_token`). The scan itself (verdict, admission, the scan's row) is events/checkin/scanning.py.
"""

import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import cache, tickets
from ..enums import ScanVerdict as V
from ..exceptions import Conflict, InvalidInput, NotFound
from ..models import Category, CheckInPoint, Edition, HandoverItem


@dataclass(frozen=True)
class ItemRule:
    """A hand-over item of a point (资料袋, 午餐券): to these categories and these people; neither: to all."""

    id: int
    code: str
    name: str
    name_en: str
    category_ids: frozenset
    person_ids: frozenset

    def due_to(self, registration_id: int, category_id) -> bool:
        if not self.category_ids and not self.person_ids:
            return True
        return category_id in self.category_ids or registration_id in self.person_ids


@dataclass(frozen=True)
class PointRule:
    id: int
    code: str
    name: str
    name_en: str
    entry: str  # EntryRule: once, daily, many
    category_ids: frozenset
    items: tuple = ()  # ItemRule, in the order staff hand them over


@dataclass(frozen=True)
class CategoryInfo:
    code: str
    name: str
    name_en: str
    color: str


@dataclass
class EditionConfig:
    id: int
    slug: str
    signing_key: str
    points: dict[str, PointRule]
    default_point: PointRule | None
    categories: dict[int, CategoryInfo]
    timezone: str = "Asia/Shanghai"  # where a daily point's day begins and ends
    loaded_at: float = field(default_factory=time.monotonic)

    def point(self, code: str | None) -> PointRule:
        if not code:
            if self.default_point is None:
                raise Conflict(
                    _("This edition has no check-in point yet; an organiser adds one in the admin."),
                    field="point",
                )
            return self.default_point
        rule = self.points.get(code)
        if rule is None:
            raise InvalidInput(_("No check-in point '%(code)s'.") % {"code": code}, field="point")
        return rule


def _load_config(slug: str) -> EditionConfig | None:
    row = Edition.objects.filter(slug=slug).values_list("id", "signing_key", "timezone").first()
    if row is None:
        return None
    edition_id, key, tz = row
    cats = {
        c.id: CategoryInfo(c.code, c.name, c.name_en, c.badge_color)
        for c in Category.objects.filter(edition_id=edition_id)
    }
    points: dict[str, PointRule] = {}
    defaults = []
    items: dict[int, list[ItemRule]] = {}
    people: dict[int, set] = {}
    for item_id, reg_id in HandoverItem.people.through.objects.filter(
        handoveritem__point__edition_id=edition_id
    ).values_list("handoveritem_id", "registration_id"):
        people.setdefault(item_id, set()).add(reg_id)
    for item in HandoverItem.objects.filter(point__edition_id=edition_id).prefetch_related("categories"):
        items.setdefault(item.point_id, []).append(
            ItemRule(
                item.id,
                item.code,
                item.name,
                item.name_en,
                frozenset(c.id for c in item.categories.all()),
                frozenset(people.get(item.id, ())),
            )
        )
    for p in CheckInPoint.objects.filter(edition_id=edition_id).prefetch_related("categories").order_by("id"):
        rule = PointRule(
            p.id,
            p.code,
            p.name,
            p.name_en,
            p.entry,
            frozenset(c.id for c in p.categories.all()),
            tuple(items.get(p.id, ())),
        )
        points[p.code] = rule
        if p.is_default:
            defaults.append(rule)
    default = (defaults or list(points.values()) or [None])[0]
    return EditionConfig(edition_id, slug, key, points, default, cats, timezone=tz)


def edition_config(slug: str) -> EditionConfig:
    """The edition's signing key, points and categories, from the configuration cache (events/cache.py):
    an edit anywhere is seen by every worker at the next scan."""
    cfg = cache.cached(cache.EDITIONS, f"checkin:{slug}", lambda: _load_config(slug))
    if cfg is None:
        raise NotFound(_("No edition '%(slug)s'.") % {"slug": slug})
    return cfg


def forget_config() -> None:
    """Reload at the next scan in every process (for writes that send no signal)."""
    cache.bump(cache.EDITIONS)


def public_key(slug: str) -> dict:
    cfg = edition_config(slug)
    return {
        "edition": cfg.slug,
        "algorithm": "Ed25519",
        "public_key": tickets.public_key_b64(cfg.signing_key),
        "public_key_pem": tickets.public_key_pem(cfg.signing_key),
        "token_format": "<edition slug>.<registration code>.<version>.<signature>",
        "signed_part": "<edition slug>.<registration code>.<version>",
        "signature_encoding": "urlsafe base64 without padding, 64 bytes",
    }


@dataclass(frozen=True)
class TicketCheck:
    """What the signature alone says about a token (no database)."""

    verdict: str | None  # None: genuine ticket of this edition, the database decides the rest
    code: str = ""
    version: int = 0
    reason: str = ""
    ticket_edition: str = ""


def verify_token(cfg: EditionConfig, token) -> TicketCheck:
    """Parse and verify a token against this edition's key (and another edition's, for wrong_event)."""
    parsed = tickets.parse_ticket(token)
    if parsed is None:
        return TicketCheck(V.UNKNOWN, reason="malformed")
    claims, body, signature = parsed
    if claims.edition_slug != cfg.slug:
        try:
            other = edition_config(claims.edition_slug)
        except NotFound:
            return TicketCheck(V.UNKNOWN, reason="bad_signature")
        if tickets.verify_signature(signing_key=other.signing_key, body=body, signature=signature):
            return TicketCheck(V.WRONG_EVENT, claims.code, claims.version, ticket_edition=other.slug)
        return TicketCheck(V.UNKNOWN, reason="bad_signature")
    if not tickets.verify_signature(signing_key=cfg.signing_key, body=body, signature=signature):
        return TicketCheck(V.UNKNOWN, reason="bad_signature")
    return TicketCheck(None, claims.code, claims.version)
