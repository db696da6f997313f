"""Meal sessions (用餐): planned from the confirmed people invited and their reply forms, dietary needs from
the reply, served from the door's daily scans at the session's point (the meal voucher scan)."""

import datetime as dt
import zoneinfo

from django.db.models import Count
from django.utils.translation import gettext

from events.enums import EntryRule, RegistrationStatus, ScanVerdict
from events.exceptions import InvalidInput
from events.models import Category, CheckInPoint, Edition, Registration, Scan
from seating.models import SeatAssignment

from ..models import MealSession

DIET_WORDS = {
    "vegetarian": ("素", "vegetarian", "vegan"),
    "halal": ("清真", "halal", "回民"),
    "allergy": ("过敏", "allerg", "忌"),
}


def diet_of(text: str) -> str | None:
    """vegetarian, halal, allergy or other from the reply's free text; None when nothing is asked."""
    text = (text or "").strip().lower()
    if not text or text in ("无", "none", "no", "-", "—"):
        return None
    return next((kind for kind, words in DIET_WORDS.items() if any(w in text for w in words)), "other")


def create_meal(
    *,
    edition: Edition,
    date: dt.date,
    kind: str,
    style: str,
    venue: str = "",
    point: str | None = None,
    categories: list[str] | None = None,
    standard=None,
) -> MealSession:
    """A meal session; `point` is the code of a door point that admits once a day (the meal voucher scan)."""
    if kind not in MealSession.Kind.values:
        raise InvalidInput(gettext("Choose one of the offered options."), field="kind")
    if style not in MealSession.Style.values:
        raise InvalidInput(gettext("Choose one of the offered options."), field="style")
    door = None
    if point:
        door = CheckInPoint.objects.filter(edition=edition, code=point).first()
        if door is None or door.entry != EntryRule.DAILY:
            raise InvalidInput(gettext("Choose a door point that admits once a day."), field="point")
    cats = list(Category.objects.filter(edition=edition, code__in=categories or []))
    if len(cats) != len(set(categories or [])):
        raise InvalidInput(gettext("Unknown category."), field="categories")
    meal = MealSession.objects.create(
        edition=edition,
        date=date,
        kind=kind,
        style=style,
        venue=venue.strip()[:100],
        point=door,
        standard=standard,
    )
    meal.categories.set(cats)
    return meal


def _invited(meal: MealSession):
    regs = Registration.objects.filter(edition=meal.edition, status=RegistrationStatus.CONFIRMED)
    cats = [c.pk for c in meal.categories.all()]
    if cats:
        regs = regs.filter(category_id__in=cats)
    return regs.select_related("reply")


def _people(edition: Edition) -> list[tuple]:
    """(category, arrival, departure, dinner, diet, how many) over the confirmed people, read once for all
    the meals of an edition and grouped by the database (people with the same answers are one row); the
    reply's columns are None without a reply (which then excludes nobody)."""
    rows = (
        Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED)
        .values_list(
            "category_id", "reply__arrival_date", "reply__departure_date", "reply__dinner", "reply__dietary"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        (cat, arrival, departure, dinner, diet_of(text), n)
        for cat, arrival, departure, dinner, text, n in rows
    ]


def counts(meal: MealSession, people: list[tuple] | None = None) -> dict:
    """planned (invited, confirmed, there that day, not "dinner: no"), dietary counts among them, served
    (distinct people admitted at the meal's point that day, in the edition's time zone). `people`: the
    edition's `_people`, when the caller counts several meals."""
    if people is None:
        people = _people(meal.edition)
    cats = {c.pk for c in meal.categories.all()}
    dinner = meal.kind == MealSession.Kind.DINNER
    planned = 0
    dietary = {"vegetarian": 0, "halal": 0, "allergy": 0, "other": 0}
    for cat, arrival, departure, says_dinner, diet, n in people:
        if cats and cat not in cats:
            continue
        if arrival and meal.date < arrival:
            continue
        if departure and meal.date > departure:
            continue
        if dinner and says_dinner is False:
            continue
        planned += n
        if diet:
            dietary[diet] += n
    served = 0
    if meal.point_id:
        tz = zoneinfo.ZoneInfo(meal.edition.timezone or "Asia/Shanghai")
        start = dt.datetime.combine(meal.date, dt.time(), tzinfo=tz)
        served = (
            Scan.objects.filter(
                point_id=meal.point_id,
                verdict=ScanVerdict.OK,
                at__gte=start,
                at__lt=start + dt.timedelta(days=1),
                registration__isnull=False,
            )
            .values("registration_id")
            .distinct()
            .count()
        )
    return {"planned": planned, "dietary": dietary, "served": served}


def meals_out(edition: Edition) -> list[dict]:
    out = []
    sessions = list(
        MealSession.objects.filter(edition=edition)
        .select_related("point", "edition")
        .prefetch_related("categories")
    )
    people = _people(edition) if sessions else []
    for meal in sessions:
        out.append(
            {
                "id": meal.pk,
                "date": meal.date.isoformat(),
                "kind": meal.kind,
                "style": meal.style,
                "venue": meal.venue,
                "point": meal.point.code if meal.point else None,
                **counts(meal, people),
            }
        )
    return out


def caterer_context(meal: MealSession) -> dict:
    figures = counts(meal)
    needs = []
    for reg in _invited(meal):
        reply = getattr(reg, "reply", None)
        diet = diet_of(reply.dietary if reply else "")
        if diet:
            needs.append({"name": reg.name, "kind": diet, "text": reply.dietary})
    tables = []
    if meal.style == MealSession.Style.BANQUET:
        seated = SeatAssignment.objects.filter(plan__edition=meal.edition, plan__kind="banquet").order_by(
            "row", "seat"
        )
        for s in seated:
            if not tables or tables[-1]["number"] != s.row:
                tables.append({"number": s.row, "people": 0})
            tables[-1]["people"] += 1
    e = meal.edition
    return {
        "edition": {"name": e.name},
        "meal": {
            "date": meal.date.isoformat(),
            "kind": MealSession.Kind(meal.kind).label,
            "style": MealSession.Style(meal.style).label,
            "venue": meal.venue,
            "standard": meal.standard,
        },
        **figures,
        "needs": needs,
        "tables": tables,
    }
