"""Check-in API: scans, the tickets' public key, search for people without their QR, live counts."""

import json

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from .. import selectors
from ..auth import staff
from ..privacy.access_log import log_staff_access
from . import config, scanning, stats
from .handover import HANDED, hand_over
from .schemas import (
    CheckInIn,
    CheckInOut,
    HandoverIn,
    HandoverOut,
    LiveCountsOut,
    SearchHit,
    TicketKeyOut,
)

router = Router(tags=["check-in"])


@router.post("/events/{slug}/checkin", response=CheckInOut, auth=staff("checkin"))
def check_in(request: HttpRequest, slug: str, payload: CheckInIn):
    reason = None if payload.manual_reason is None else scanning.manual_reason(payload.manual_reason)
    body = scanning.check_in(
        slug=slug,
        token=payload.token,
        point=payload.point,
        nonce=payload.nonce,
        user=request.auth,
        device=payload.device or "",
        scanned_at=payload.scanned_at,
        manual_reason=reason,
    )
    # The body is built to CheckInOut's shape by the service (and stored as the scan's answer); skipping
    # ninja's re-validation of it is a tenth of a scan. tests/events/test_checkin_api.py holds it to the schema.
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8")


@router.post(
    "/events/{slug}/checkin/handover", response={200: HandoverOut, 409: HandoverOut}, auth=staff("checkin")
)
def handover(request: HttpRequest, slug: str, payload: HandoverIn):
    """Staff confirm an item was handed over (物资/餐券发放). 409 with `message` when refused: handed over
    already (with the first `handed_at`), not for this person, or the ticket does not pass here."""
    body = hand_over(
        slug=slug,
        token=payload.token,
        item=payload.item,
        point=payload.point,
        nonce=payload.nonce,
        user=request.auth,
        device=payload.device or "",
        handed_at=payload.handed_at,
    )
    if body["result"] != HANDED:
        body["detail"] = body["message"]
        return Status(409, body)
    return body


@router.get("/events/{slug}/ticket-key", response=TicketKeyOut)
def ticket_key(request: HttpRequest, slug: str):
    """The Ed25519 public key that verifies this edition's ticket QR codes offline (a draft's: 404)."""
    selectors.get_public_edition(slug)
    return config.public_key(slug)


@router.get("/events/{slug}/checkin/search", response=list[SearchHit], auth=staff("checkin"))
def search(request: HttpRequest, slug: str, q: str = ""):
    hits = scanning.search(slug=slug, q=q)
    log_staff_access(user=request.auth, action="checkin_search", target=q, path=request.path)
    return hits


@router.get("/events/{slug}/checkin/sign-in-sheets.pdf", auth=staff("checkin"))
def sign_in_sheets(request: HttpRequest, slug: str, category: str | None = None):
    """Printed sign-in sheets (签到表): one section per unit, a box to sign for each confirmed person."""
    # WeasyPrint loads only when a PDF is made: a heavy import kept off every other request
    from . import signin_sheets

    edition = selectors.get_edition(slug)
    pdf = signin_sheets.sign_in_sheets_pdf(edition, category)
    log_staff_access(user=request.auth, action="sign_in_sheets", edition=edition, path=request.path)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sign-in-sheets-{edition.slug}.pdf"'
    return response


@router.get("/events/{slug}/checkin/counts", response=LiveCountsOut, auth=staff("checkin"))
def counts(request: HttpRequest, slug: str, point: str | None = None):
    return stats.live_counts(slug=slug, point=point)
