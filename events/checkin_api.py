"""Check-in API: scans, the tickets' public key, search for people without their QR, live counts."""

from django.http import HttpRequest
from ninja import Router

from . import checkin, checkin_stats
from .auth import staff
from .checkin_schemas import CheckInIn, CheckInOut, LiveCountsOut, SearchHit, TicketKeyOut
from .enums import Role

router = Router(tags=["check-in"])


@router.post("/events/{slug}/checkin", response=CheckInOut, auth=staff(Role.CHECKIN))
def check_in(request: HttpRequest, slug: str, payload: CheckInIn):
    return checkin.check_in(
        slug=slug,
        token=payload.token,
        point=payload.point,
        nonce=payload.nonce,
        user=request.auth,
        device=payload.device or "",
    )


@router.get("/events/{slug}/ticket-key", response=TicketKeyOut)
def ticket_key(request: HttpRequest, slug: str):
    """The Ed25519 public key that verifies this edition's ticket QR codes offline."""
    return checkin.public_key(slug)


@router.get("/events/{slug}/checkin/search", response=list[SearchHit], auth=staff(Role.CHECKIN))
def search(request: HttpRequest, slug: str, q: str = ""):
    return checkin.search(slug=slug, q=q)


@router.get("/events/{slug}/checkin/counts", response=LiveCountsOut, auth=staff(Role.CHECKIN))
def counts(request: HttpRequest, slug: str, point: str | None = None):
    return checkin_stats.live_counts(slug=slug, point=point)
