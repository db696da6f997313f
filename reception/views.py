"""The reception page (/staff/e/{slug}/reception): cut-off warnings, the per-night view, hotels with their
blocks and rooms, assignment, moves, the printouts. Forms post to /reception/do (no JavaScript needed)."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.access import flag_required, get_edition_or_404, is_en
from events.exceptions import DomainError, InvalidInput

from . import selectors
from .models import MealSession
from .services import assignment, hotels, meals, replan, rooms_xlsx

REASONS = {
    "block_full": gettext_lazy("block full"),
    "no_room": gettext_lazy("no room of that type"),
    "gender": gettext_lazy("gender not given for a shared room"),
    "no_nights": gettext_lazy("no nights"),
}


@flag_required("reception", "view")
def reception_page(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    rows = selectors.stay_rows(edition)
    hotel_list = selectors.hotels(edition)
    context = {
        "edition": edition,
        "view": selectors.pickup_view(edition, rows),
        "hotels": hotel_list,
        "hotel_names": {h.pk: (h.name_en or h.name) if is_en() else h.name for h in hotel_list},
        "stays": rows,
        "unassigned": [r for r in rows if not r["room_id"]],
        "types": [("single", _("Single")), ("twin", _("Twin")), ("suite", _("Suite"))],
        "type_label": {"single": _("Single"), "twin": _("Twin"), "suite": _("Suite")},
        "reasons": REASONS,
        # Planned, dietary and served (the door's scans at the meal's point) per session, live.
        "meals": meals.meals_out(edition),
        "meal_label": {**dict(MealSession.Kind.choices), **dict(MealSession.Style.choices)},
    }
    return render(request, "reception/reception.html", context)


def _int(value, field):
    try:
        return int(value) if str(value).strip() else None
    except ValueError:
        raise InvalidInput(_("Give a whole number."), field=field)


def _block_nights(text: str) -> dict:
    """ "2023-06-27:20, 2023-06-28:20" or "2023-06-27..2023-06-28:20" -> {night: count}."""
    out = {}
    for part in text.replace("，", ",").split(","):
        if not part.strip():
            continue
        span, _sep, count = part.strip().rpartition(":")
        start, _dots, end = span.partition("..")
        try:
            a = dt.date.fromisoformat(start.strip())
            b = dt.date.fromisoformat(end.strip()) if end else a
            n = int(count)
        except ValueError:
            raise InvalidInput(_("Write nights like 2023-06-27..2023-06-28:20."), field="nights")
        for i in range((b - a).days + 1):
            out[(a + dt.timedelta(days=i)).isoformat()] = n
    return out


@require_POST
@flag_required("reception")
def reception_action(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    post = request.POST
    action = post.get("action")
    anchor = ""
    try:
        if action == "hotel":
            hotel = hotels.create_hotel(
                edition=edition,
                name=post.get("name", ""),
                name_en=post.get("name_en", ""),
                address=post.get("address", ""),
                phone=post.get("phone", ""),
                distance_minutes=_int(post.get("distance_minutes", ""), "distance_minutes"),
            )
            messages.success(request, _("%(name)s added.") % {"name": hotel.name})
            anchor = "#hotels"
        elif action == "block":
            hotel = selectors.get_hotel(edition, _int(post.get("hotel"), "hotel"))
            cutoff = post.get("cutoff_on") or None
            hotels.set_block(
                hotel=hotel,
                room_type=post.get("room_type", ""),
                nights=_block_nights(post.get("nights", "")),
                rate=post.get("rate") or None,
                cutoff_on=dt.date.fromisoformat(cutoff) if cutoff else None,
            )
            messages.success(request, _("Block saved."))
            anchor = "#hotels"
        elif action == "rooms":
            hotel = selectors.get_hotel(edition, _int(post.get("hotel"), "hotel"))
            made = hotels.add_rooms(
                hotel=hotel,
                numbers=hotels.parse_numbers(post.get("numbers", "")),
                room_type=post.get("room_type", ""),
                beds=_int(post.get("beds", ""), "beds"),
            )
            messages.success(request, _("%(n)s rooms added.") % {"n": made})
            anchor = "#hotels"
        elif action == "rooms_xlsx":
            hotel = selectors.get_hotel(edition, _int(post.get("hotel"), "hotel"))
            upload = request.FILES.get("file")
            try:
                done = rooms_xlsx.import_rooms(
                    hotel=hotel, content=upload.read(rooms_xlsx.MAX_BYTES + 1) if upload else b""
                )
            except InvalidInput as exc:
                for e in exc.extra.get("errors", [])[1:30]:  # the first is the message itself
                    messages.error(request, _("Row %(row)s, %(field)s: %(message)s") % e)
                raise
            messages.success(request, _("%(created)s rooms added, %(updated)s updated.") % done)
            anchor = "#hotels"
        elif action == "replan":
            data = {
                k: post.get(k, "").strip()
                for k in ("date", "time", "number", "place")
                if post.get(k, "").strip()
            }
            told = replan.change_leg(
                edition=edition, code=post.get("code", ""), direction=post.get("direction", ""), data=data
            )
            messages.success(
                request,
                _("Pickup re-planned; tell %(n)s people and %(d)s drivers.")
                % {"n": len(told["tell"]), "d": len(told["drivers"])},
            )
            for t in told["tell"]:
                when = (
                    f"{t['date']} {t['at']} {t['station']} {t['vehicle'] or ''}" if t["at"] else _("no run")
                )
                messages.info(request, f"{t['name']} {t['phone']}：{when}")
            for d in told["drivers"]:
                messages.info(request, f"{_('Driver')} {d['driver']} {d['driver_phone']} · {d['plate']}")
            anchor = "#pickups"
        elif action in ("assign", "move", "swap"):
            if action == "assign":
                result = assignment.assign_rooms(
                    edition=edition,
                    keep_spare=_int(post.get("keep_spare", "") or 0, "keep_spare"),
                    single_categories=[
                        c.strip() for c in post.get("single_categories", "").split(",") if c.strip()
                    ],
                )
            elif action == "move":
                hotel, _sep, number = post.get("room", "").partition("/")
                result = assignment.move(
                    edition=edition, code=post.get("code", "").strip(), hotel=hotel, number=number
                )
            else:
                result = assignment.swap(
                    edition=edition, a=post.get("a", "").strip(), b=post.get("b", "").strip()
                )
            messages.success(
                request,
                _("%(n)s placed, %(u)s not placed, %(c)s changed.")
                % {"n": len(result["assigned"]), "u": len(result["unassigned"]), "c": len(result["changes"])},
            )
            for c in result["changes"][:30]:
                messages.info(request, f"{c['code']}：{c['from'] or '—'} → {c['to'] or '—'}")
            for u in result["unassigned"][:30]:
                messages.warning(request, f"{u['code']}：{REASONS.get(u['reason'], u['reason'])}")
            anchor = "#stays"
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", None) or _("Use a date like 2023-06-27."))
    return redirect(reverse("staff_reception", kwargs={"slug": slug}) + anchor)
