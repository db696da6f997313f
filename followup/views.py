"""Pages: the bureau's list and project pages, the evidence (staff only), the unit's returns page
(/p/{token}, phone-first) and the public summary of a series (numbers only)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from events.exceptions import DomainError, NotFound
from events.models import Organization
from events.throttles import page_allowed
from organizers.permissions import allowed

from . import indicators, periods, returns, selectors, services
from .enums import LIGHTS, Blocker, Stage
from .models import Evidence, FollowedProject
from .serialize import followed_out, read_body, update_out

READ = ("projects", "view")


def _forbidden(request, flag):
    return HttpResponseForbidden(render(request, "staff/forbidden.html", {"role": flag}, status=403).content)


def _series_or_404(slug: str):
    try:
        return selectors.get_series(slug)
    except NotFound:
        raise Http404("No such series") from None


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _filters(request) -> dict:
    keys = ("edition", "sector", "unit", "stage", "light")
    return {k: request.GET.get(k, "").strip() or None for k in keys}


@login_required
def staff_projects(request: HttpRequest, series: str) -> HttpResponse:
    found = _series_or_404(series)
    if not allowed(request.user, READ, series=found):
        return _forbidden(request, "projects")
    return _projects_page(request, found)


def _projects_page(request, found, *, opened=None, error=None, status=200) -> HttpResponse:
    filters = _filters(request)
    scope = {k: filters[k] for k in ("edition", "sector", "unit")}
    rows = selectors.project_list(found, **filters)
    figures = selectors.follow_up(found, **scope)
    context = {
        "series": found,
        "rows": [followed_out(r) | {"edition_name": r["followed"].project.edition.name} for r in rows],
        "figures": figures,
        "formulas": indicators.FORMULAS,
        "filters": filters,
        "editions": found.editions.order_by("starts_on"),
        "sectors": sorted({s["sector"] for s in figures["by_sector"] if s["sector"]}),
        "units": Organization.objects.filter(followed_projects__project__edition__series=found).distinct(),
        "stages": Stage.choices,
        "lights": LIGHTS,
        "overdue": selectors.overdue_units(found),
        "periods": found.return_periods.all()[:8],
        "can_write": allowed(request.user, "projects", series=found),
        "opened": opened,
        "error": error,
    }
    return _private(render(request, "followup/staff_projects.html", context, status=status))


@login_required
@require_POST
def staff_open_returns(request: HttpRequest, series: str) -> HttpResponse:
    found = _series_or_404(series)
    if not allowed(request.user, "projects", series=found):
        return _forbidden(request, "projects")
    try:
        opened, links = returns.open_period(
            series=found,
            period=request.POST.get("period"),
            due_on=request.POST.get("due_on"),
            user=request.user,
        )
    except DomainError as exc:
        return _projects_page(request, found, error=exc.message, status=exc.status_code)
    # The links are shown this once, in this answer: the secrets are kept only as hashes, never in a session.
    opened = {"period": opened.period, "due_on": str(opened.due_on), "links": links}
    return _projects_page(request, found, opened=opened)


@login_required
def staff_project(request: HttpRequest, series: str, project_id: int) -> HttpResponse:
    found = _series_or_404(series)
    if not allowed(request.user, READ, series=found):
        return _forbidden(request, "projects")
    return _project_page(request, found, project_id)


# The form's fields, as the 422 names them, in the words of the page.
FIELD_LABELS = {
    "period": lambda: pgettext("followup", "Period"),
    "stage": lambda: pgettext("followup", "Stage"),
    "funds_added": lambda: _("Funds added (10k yuan)"),
    "blockers": lambda: pgettext("followup", "Blockers"),
    "note": lambda: pgettext("followup", "Note"),
    "evidence": lambda: _("Evidence (photo or PDF, at most 10 MB)"),
    "corrects": lambda: _("Corrects"),
}


def _project_page(request, found, project_id: int, *, error=None, posted=None, status=200) -> HttpResponse:
    row = next((r for r in selectors.project_list(found) if r["followed"].pk == project_id), None)
    if row is None:
        raise Http404("No such project")
    followed = row["followed"]
    updates = followed.updates.select_related("recorded_by").prefetch_related("evidence", "corrected_by")
    today = timezone.localdate()
    context = {
        "series": found,
        "project": followed_out(row),
        "edition": followed.project.edition,
        "updates": [update_out(u) for u in updates.order_by("-recorded_at", "-id")],
        "stage_labels": dict(Stage.choices),
        "blocker_labels": dict(Blocker.choices),
        "period_label": periods.label,
        "can_write": allowed(request.user, "projects", series=found),
        "stages": Stage.choices,
        "blockers": Blocker.choices,
        "this_quarter": f"{today.year}-Q{(today.month - 1) // 3 + 1}",
        "error": error,
        "field_label": (FIELD_LABELS[error["field"]]() if error and error["field"] in FIELD_LABELS else None),
        "posted": posted,
        "recorded": request.GET.get("recorded"),
    }
    return _private(render(request, "followup/staff_project.html", context, status=status))


@login_required
@require_POST
def staff_add_update(request: HttpRequest, series: str, project_id: int) -> HttpResponse:
    """The bureau's own update from the project page: the API's checks (services.record_update); a 422
    shows the page again with the error beside the field it names and the form as sent."""
    found = _series_or_404(series)
    if not allowed(request.user, "projects", series=found):
        return _forbidden(request, "projects")
    followed = FollowedProject.objects.filter(pk=project_id, project__edition__series=found).first()
    if followed is None:
        raise Http404("No such project")
    data, files = read_body(request)
    try:
        update = services.record_update(followed, data, files, user=request.user)
    except DomainError as exc:
        error = {"field": exc.field, "message": exc.message}
        return _project_page(
            request, found, project_id, error=error, posted=request.POST, status=exc.status_code
        )
    page = reverse("followup_project", kwargs={"series": found.slug, "project_id": project_id})
    url = f"{page}?recorded={update.pk}#u-{update.pk}"
    return _private(redirect(url))


@login_required
def evidence_file(request: HttpRequest, project_id: int, evidence_id: int) -> HttpResponse:
    item = (
        Evidence.objects.select_related("update__project__project__edition__series")
        .filter(pk=evidence_id, update__project_id=project_id)
        .first()
    )
    if item is None:
        raise Http404("No such file")
    if not allowed(request.user, "projects", series=item.update.project.project.edition.series):
        return _forbidden(request, "projects")
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def unit_returns(request: HttpRequest, token: str) -> HttpResponse:
    if not page_allowed(request, "manage"):
        return HttpResponse(_("Too many requests; please wait a minute."), status=429)
    try:
        link = returns.get_link(token)
    except NotFound:
        raise Http404("No such link") from None
    errors, done = {}, None
    if request.method == "POST":
        data = {k: request.POST.get(k) for k in ("project", "stage", "funds_added", "note")}
        data["blockers"] = request.POST.getlist("blockers")
        try:
            returns.submit(link, data, request.FILES.getlist("evidence"))
        except DomainError as exc:
            errors = {"project": data["project"], "field": exc.field, "message": exc.message}
        else:
            return _private(
                redirect(
                    reverse("followup_returns", kwargs={"token": token})
                    + f"?done={data['project']}#p-{data['project']}"
                )
            )
    else:
        done = request.GET.get("done")
    context = {
        **returns.link_detail(link),
        "token": token,
        "errors": errors,
        "done": done,
        "posted": request.POST if errors else {},
        "stages": [(v, label) for v, label in Stage.choices],
        "blockers": Blocker.choices,
        "period_label": periods.label(link.return_period.period),
        "today": timezone.localdate(),
    }
    response = render(request, "followup/returns.html", context, status=422 if errors else 200)
    return _private(response)


def public_summary(request: HttpRequest, series: str) -> HttpResponse:
    found = _series_or_404(series)
    figures = selectors.follow_up(found)
    context = {"series": found, "figures": figures, "formulas": indicators.FORMULAS}
    return render(request, "followup/summary.html", context)
