"""The staff pages /staff/e/{slug}/audit (an edition's audit log: admin or settings) and /staff/o/{org}/audit
(the organiser's: admin), with filters (action, user, since) and each action in words."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render

from events.access import flag_required, get_edition_or_404
from events.exceptions import InvalidInput
from organizers.models import Organizer
from organizers.permissions import allowed

from . import selectors
from .labels import label
from .services import is_withheld


def _log(request, *, entries_of, actions, context) -> HttpResponse:
    filters = {k: (request.GET.get(k) or "").strip() for k in ("action", "user", "since")}
    error = None
    try:
        since = selectors.parse_since(filters["since"])
    except InvalidInput as exc:
        since, error = None, exc.message
    entries = entries_of(since=since, action=filters["action"], username=filters["user"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": e,
            "label": label(e.action),
            "changes": [
                {"field": f, "withheld": pair is None or is_withheld(f), "pair": pair}
                for f, pair in (e.changes or {}).items()
            ],
        }
        for e in page
    ]
    choices = sorted(((a, label(a)) for a in actions), key=lambda pair: pair[1])
    return render(
        request,
        "audit/log.html",
        {**context, "page": page, "rows": rows, "filters": filters, "actions": choices, "error": error},
        status=422 if error else 200,
    )


@flag_required("admin", "settings")
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    return _log(
        request,
        entries_of=lambda **filters: selectors.entries_for(edition, **filters),
        actions=selectors.actions_for(edition),
        context={"edition": edition, "organizer": None},
    )


@login_required
def organizer_audit_log(request: HttpRequest, org: str) -> HttpResponse:
    organizer = Organizer.objects.filter(slug=org).first()
    if organizer is None:
        raise Http404("No such organiser")
    if not allowed(request.user, "admin", organizer=organizer):
        return HttpResponseForbidden(
            render(request, "staff/forbidden.html", {"role": "admin"}, status=403).content
        )
    return _log(
        request,
        entries_of=lambda **filters: selectors.organizer_entries(organizer, **filters),
        actions=selectors.organizer_actions(organizer),
        context={"edition": None, "organizer": organizer},
    )
