"""GET /events/{slug}/audit: the edition's audit log (admin or settings); GET /organizers/{org}/audit: the
organiser's (admin). Read-only: no endpoint changes or deletes an entry."""

from django.http import HttpRequest
from ninja import Router

from events.auth import staff
from events.selectors import get_edition
from organizers.services import get_organizer

from . import selectors
from .schemas import AuditEntryOut, entry_out

router = Router(tags=["audit"])

LIMIT = 1000


@router.get("/events/{slug}/audit", response=list[AuditEntryOut], auth=staff("admin", "settings"))
def list_audit(request: HttpRequest, slug: str, since: str | None = None, action: str | None = None):
    """The edition's entries, newest first (at most 1000): `since` an ISO date or time, `action` exact."""
    entries = selectors.entries_for(get_edition(slug), since=selectors.parse_since(since), action=action)
    return [entry_out(e) for e in entries.select_related("edition")[:LIMIT]]


@router.get("/organizers/{org}/audit", response=list[AuditEntryOut], auth=staff("admin"))
def list_organizer_audit(request: HttpRequest, org: str, since: str | None = None, action: str | None = None):
    """The organiser's entries, newest first (at most 1000): its editions', its teams', members', tokens' and
    series' (no edition), its members' sign-ins; `since` an ISO date or time, `action` exact."""
    entries = selectors.organizer_entries(
        get_organizer(org), since=selectors.parse_since(since), action=action
    )
    return [entry_out(e) for e in entries[:LIMIT]]
