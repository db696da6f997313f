from django.http import HttpRequest, HttpResponse
from ninja import File, Router, UploadedFile
from ninja.responses import Status

from events.access import uploaded_bytes
from events.auth import staff
from events.selectors import get_edition

from . import documents, selectors
from .schemas import (
    AssignIn,
    AssignOut,
    PlanCreatedOut,
    PlanIn,
    PlanOut,
    ProtocolEntryOut,
    ProtocolIn,
    SeatingHallOut,
    SwapIn,
    SwapOut,
)
from .services import assignment, plans, protocol

router = Router(tags=["seating"])
SEATING = staff("seating")
READ = staff("seating", "view")


def _pdf(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        data,
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@router.get("/events/{slug}/seating-plans", response=list[PlanCreatedOut], auth=READ)
def list_plans(request: HttpRequest, slug: str):
    return [{"id": p.pk, "name": p.name, "kind": p.kind} for p in selectors.plans(get_edition(slug))]


@router.post("/events/{slug}/seating-plans", response={201: PlanCreatedOut}, auth=SEATING)
def create_plan(request: HttpRequest, slug: str, payload: PlanIn):
    edition = get_edition(slug)
    data = payload.dict()
    data["session"] = plans.session_of(edition, data["session"])
    plan = plans.create_plan(edition=edition, **data)
    return Status(201, {"id": plan.pk, "name": plan.name, "kind": plan.kind})


@router.get("/events/{slug}/seating-plans/{plan_id}", response=PlanOut, auth=READ)
def get_plan(request: HttpRequest, slug: str, plan_id: int):
    return selectors.plan_out(selectors.get_plan(get_edition(slug), plan_id))


@router.post(
    "/events/{slug}/seating-plans/{plan_id}/assign",
    response=AssignOut,
    auth=SEATING,
    by_alias=True,
    url_name="seating_assign",
)
def assign(request: HttpRequest, slug: str, plan_id: int, payload: AssignIn):
    plan = selectors.get_plan(get_edition(slug), plan_id)
    return assignment.assign_seats(plan=plan, people=payload.people, pins=payload.pins, fresh=payload.fresh)


@router.post("/events/{slug}/seating-plans/{plan_id}/swap", response=SwapOut, auth=SEATING, by_alias=True)
def swap(request: HttpRequest, slug: str, plan_id: int, payload: SwapIn):
    plan = selectors.get_plan(get_edition(slug), plan_id)
    return assignment.swap_seats(plan=plan, a=payload.a, b=payload.b)


@router.get("/events/{slug}/seating-plans/{plan_id}/seat-map.pdf", auth=SEATING)
def seat_map(request: HttpRequest, slug: str, plan_id: int, paper: str = "A4"):
    plan = selectors.get_plan(get_edition(slug), plan_id)
    return _pdf(documents.seat_map_pdf(plan, paper), f"{slug}-seat-map-{plan.pk}.pdf")


@router.get("/events/{slug}/seating-plans/{plan_id}/seat-cards.pdf", auth=SEATING)
def seat_cards(request: HttpRequest, slug: str, plan_id: int, codes: str = ""):
    plan = selectors.get_plan(get_edition(slug), plan_id)
    only = [c for c in codes.split(",") if c] or None
    return _pdf(documents.seat_cards_pdf(plan, only), f"{slug}-seat-cards-{plan.pk}.pdf")


@router.get("/events/{slug}/seating-plans/{plan_id}/seat-list.pdf", auth=SEATING)
def seat_list(request: HttpRequest, slug: str, plan_id: int):
    plan = selectors.get_plan(get_edition(slug), plan_id)
    return _pdf(documents.seat_list_pdf(plan), f"{slug}-seat-list-{plan.pk}.pdf")


@router.get(
    "/events/{slug}/seating-plans/{plan_id}/hall", auth=READ, response=SeatingHallOut, url_name="seating_hall"
)
def hall(request: HttpRequest, slug: str, plan_id: int):
    return selectors.hall_state(selectors.get_plan(get_edition(slug), plan_id))


@router.get("/events/{slug}/protocol-list", response=list[ProtocolEntryOut], auth=READ)
def protocol_list(request: HttpRequest, slug: str):
    return selectors.protocol_list(get_edition(slug))


@router.put("/events/{slug}/protocol-list", response=list[ProtocolEntryOut], auth=SEATING)
def set_protocol_list(request: HttpRequest, slug: str, payload: ProtocolIn):
    edition = get_edition(slug)
    protocol.set_protocol_list(edition=edition, codes=payload.codes)
    return selectors.protocol_list(edition)


@router.post("/events/{slug}/protocol-list.xlsx", response=list[ProtocolEntryOut], auth=SEATING)
def import_protocol_list(request: HttpRequest, slug: str, file: File[UploadedFile | None] = None):
    edition = get_edition(slug)
    protocol.import_protocol_xlsx(edition=edition, data=uploaded_bytes(file))
    return selectors.protocol_list(edition)
