"""The report API: the figures as JSON, the printed report (PDF) and its data (XLSX)."""

from django.http import HttpRequest
from ninja import Router

from events import selectors as event_selectors
from events.auth import staff

from . import figures
from .schemas import ReportOut

router = Router(tags=["reports"])
READERS = staff("reports", "view")


@router.get("/events/{slug}/report", response=ReportOut, auth=READERS)
def edition_report(request: HttpRequest, slug: str, compare: str | None = None):
    """The edition in figures; `compare` names another edition of the series (default: the previous one)."""
    return figures.report(event_selectors.get_edition(slug), compare=compare)
