"""The staff page /staff/e/{slug}/audit: the edition's audit log with filters (action, user, since)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from events.access import flag_required, get_edition_or_404
from events.exceptions import InvalidInput

from . import selectors
from .services import is_withheld


@flag_required("admin", "settings")
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    filters = {k: (request.GET.get(k) or "").strip() for k in ("action", "user", "since")}
    error = None
    try:
        since = selectors.parse_since(filters["since"])
    except InvalidInput as exc:
        since, error = None, exc.message
    entries = selectors.entries_for(edition, since=since, action=filters["action"], username=filters["user"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": e,
            "changes": [
                {"field": f, "withheld": pair is None or is_withheld(f), "pair": pair}
                for f, pair in (e.changes or {}).items()
            ],
        }
        for e in page
    ]
    return render(
        request,
        "audit/log.html",
        {
            "edition": edition,
            "page": page,
            "rows": rows,
            "filters": filters,
            "actions": selectors.actions_for(edition),
            "error": error,
        },
        status=422 if error else 200,
    )
