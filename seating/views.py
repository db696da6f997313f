"""Staff pages: plans and the protocol list (/staff/e/{slug}/seating), one plan (assign, pin, swap,
print) and the hall screen that fills in as people check in."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.access import flag_required, get_edition_or_404
from events.exceptions import DomainError
from organizers.permissions import allowed

from . import selectors
from .enums import Honour, Layout, OrderBy, PlanKind
from .forms import PlanForm
from .services import assignment, plans, protocol

# The lazy labels: each page shows them in its own language.
KINDS = {k.value: k.label for k in PlanKind}


def _flash_result(request, result: dict) -> None:
    changes = result.get("changes", [])
    messages.success(
        request,
        _("%(len)s seated, %(len2)s changed.") % {"len": len(result.get("seats", [])), "len2": len(changes)},
    )
    for c in changes[:30]:
        messages.info(request, f"{c.get('name') or c['code']}：{c['from'] or '—'} → {c['to'] or '—'}")
    for c in result.get("conflicts", []):
        messages.warning(request, c["message"])


@flag_required("seating", "view")
def plans_page(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    form = PlanForm(
        request.POST or None,
        initial={"honour": Honour.LEFT, "order_by": OrderBy.LIST, "layout": Layout.ACROSS},
        sessions=selectors.session_choices(edition),
    )
    status = 200
    if request.method == "POST":
        if not allowed(request.user, "seating", edition=edition):
            return HttpResponse(status=403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                data["session"] = plans.session_of(edition, data["session"]) if data["session"] else None
                plan = plans.create_plan(edition=edition, **data)
                messages.success(request, _("%(name)s created.") % {"name": plan.name})
                return redirect("staff_seating_plan", slug=slug, plan_id=plan.pk)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = exc.status_code
        else:
            status = 422
    context = {
        "edition": edition,
        "plans": selectors.plans(edition),
        "protocol": selectors.protocol_list(edition),
        "candidates": selectors.protocol_candidates(edition),
        "form": form,
        "kinds": KINDS,
    }
    return render(request, "seating/plans.html", context, status=status)


@require_POST
@flag_required("seating")
def protocol_action(request: HttpRequest, slug: str) -> HttpResponse:
    """Keyboard and no-JavaScript ordering (up, down, add, remove), the drag-and-drop order, or an XLSX."""
    edition = get_edition_or_404(slug)
    try:
        if "order" in request.POST:
            protocol.set_protocol_list(edition=edition, codes=request.POST["order"].split(","))
        elif "up" in request.POST or "down" in request.POST:
            code = request.POST.get("up") or request.POST.get("down")
            protocol.move_in_protocol_list(
                edition=edition, code=code, delta=-1 if "up" in request.POST else 1
            )
        elif "remove" in request.POST:
            codes = [c for c in protocol.protocol_codes(edition) if c != request.POST["remove"]]
            protocol.set_protocol_list(edition=edition, codes=codes)
        elif "add" in request.POST:
            added = protocol.codes_for(
                edition=edition, values=request.POST["add"].replace("，", ",").split(",")
            )
            codes = protocol.protocol_codes(edition)
            protocol.set_protocol_list(edition=edition, codes=codes + [c for c in added if c not in codes])
        elif "file" in request.FILES:
            protocol.import_protocol_xlsx(edition=edition, data=request.FILES["file"].read())
            messages.success(request, _("protocol list imported."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("staff_seating", kwargs={"slug": slug}) + "#protocol")


def _plan_with_grid(slug: str, plan_id: int) -> dict:
    """The edition, the plan and its rows of seats as seen from the floor (a rostrum's front row last)."""
    edition = get_edition_or_404(slug)
    plan = selectors.get_plan(edition, plan_id)
    grid = selectors.seat_grid(plan)
    return {
        "edition": edition,
        "plan": plan,
        "grid": list(reversed(grid)) if plan.kind == PlanKind.ROSTRUM else grid,
    }


@flag_required("seating", "view")
def plan_page(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    context = _plan_with_grid(slug, plan_id)
    plan = context["plan"]
    context |= {
        "kinds": KINDS,
        "seats": selectors.seat_rows(plan),
        "capacity": selectors.capacity(plan),
    }
    return render(request, "seating/plan.html", context)


@require_POST
@flag_required("seating")
def plan_action(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    edition = get_edition_or_404(slug)
    plan = selectors.get_plan(edition, plan_id)
    action = request.POST.get("action")
    try:
        if action == "assign":
            result = assignment.assign_seats(plan=plan, fresh=bool(request.POST.get("fresh")))
            _flash_result(request, result)
        elif action == "pin":
            result = assignment.assign_seats(
                plan=plan, pins={request.POST.get("code", "").strip(): request.POST.get("label", "").strip()}
            )
            _flash_result(request, result)
        elif action == "swap":
            result = assignment.swap_seats(
                plan=plan, a=request.POST.get("a", "").strip(), b=request.POST.get("b", "").strip()
            )
            _flash_result(request, result)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("staff_seating_plan", slug=slug, plan_id=plan.pk)


@flag_required("seating", "view")
def hall_page(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    context = _plan_with_grid(slug, plan_id)
    context |= {
        "state_url": reverse("api:seating_hall", kwargs={"slug": slug, "plan_id": plan_id}),
    }
    return render(request, "seating/hall.html", context)
