"""The organiser's registrations pages under /staff/e/{slug}/: the list with filters and approvals, a
decision on one registration, bulk approval, adding and editing a registration."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizers.permissions import allowed

from .. import selectors
from ..access import flag_required, get_edition_or_404
from ..enums import RegistrationStatus, status_label
from ..exceptions import DomainError
from ..language import is_en
from ..privacy.access_log import log_staff_access
from . import selectors as registration_selectors
from . import services
from .forms import StaffRegistrationForm, refused, registration_fields, submit_edit


@flag_required("registrations", "view")
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    category = request.GET.get("category") or None
    status = request.GET.get("status") or None
    q = (request.GET.get("q") or "").strip() or None
    qs = registration_selectors.list_registrations(edition, category=category, status=status, q=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    log_staff_access(
        user=request.user,
        action="view_registrations",
        edition=edition,
        target=request.GET.urlencode(),
        path=request.path,
    )
    return render(
        request,
        "staff/registrations.html",
        {
            "edition": edition,
            "categories": selectors.categories_with_counts(edition),
            "page": page,
            "filters": {"category": category or "", "status": status or "", "q": q or ""},
            "statuses": RegistrationStatus,
            "can_decide": allowed(request.user, "registrations", edition=edition),
        },
    )


def _back(request, slug: str) -> str:
    home = reverse("staff_registrations", kwargs={"slug": slug})
    back = request.POST.get("next") or home
    return back if back.startswith(reverse("staff")) else home


@require_POST
@flag_required("registrations")
def decide(request: HttpRequest, slug: str, code: str, action: str) -> HttpResponse:
    """Approve or reject a pending (or waitlisted) registration; cancel a confirmed one (a confirmed
    registration is cancelled, not rejected). The page asks for confirmation before reject and cancel."""
    edition = get_edition_or_404(slug)
    try:
        reg = registration_selectors.get_registration(edition, code)
        if action == "approve":
            reg = services.approve_registration(registration=reg)
        elif action == "reject":
            if reg.status == RegistrationStatus.CONFIRMED:
                messages.error(
                    request,
                    _("%(code)s %(name)s is confirmed: a confirmed registration is cancelled, not rejected.")
                    % {"code": reg.code, "name": reg.name},
                )
                return redirect(_back(request, slug))
            reg = services.reject_registration(registration=reg)
        elif action == "cancel":
            reg = services.cancel_registration(registration=reg, by_staff=True)
        else:
            messages.error(request, _("Unknown action."))
            return redirect("staff_registrations", slug=slug)
        messages.success(request, f"{reg.code} {reg.name}: {status_label(reg.status)}")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_back(request, slug))


@require_POST
@flag_required("registrations")
def bulk_approve(request: HttpRequest, slug: str) -> HttpResponse:
    """Approve the ticked pending registrations at once; each is decided by the registration rule."""
    edition = get_edition_or_404(slug)
    codes = request.POST.getlist("code")
    done, failed = [], []
    for code in codes:
        try:
            reg = services.approve_registration(
                registration=registration_selectors.get_registration(edition, code)
            )
            done.append(f"{reg.code} {status_label(reg.status)}")
        except DomainError as exc:
            failed.append(f"{code}: {exc.message}")
    if not codes:
        messages.error(request, _("Tick the registrations to approve first."))
    if done:
        messages.success(
            request,
            _("Approved %(count)d: ") % {"count": len(done)} + _(", ").join(done),
        )
    for line in failed:
        messages.error(request, line)
    return redirect(_back(request, slug))


def _staff_form_context(request, edition, form, reg=None) -> dict:
    return {
        "edition": edition,
        "form": form,
        "reg": reg,
        "categories": selectors.categories_with_counts(edition),
    }


@flag_required("registrations")
def registration_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff add a registration (any category, also non-public ones; no approval step: staff decide)."""

    edition = get_edition_or_404(slug)
    categories = selectors.categories_with_counts(edition)
    form = StaffRegistrationForm(request.POST or None, categories=categories, en=is_en())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.register_attendee(
                    edition=edition, **registration_fields(data, language="zh-hans"), staff_override=True
                )
            except DomainError as exc:
                status = refused(form, exc)
            else:
                reg = result.registration
                messages.success(
                    request,
                    _("Added %(code)s %(name)s: %(status)s")
                    % {"code": reg.code, "name": reg.name, "status": status_label(reg.status)},
                )
                return redirect(reverse("staff_registrations", kwargs={"slug": slug}) + f"?q={reg.code}")
        else:
            status = 422
    return render(
        request, "staff/registration_form.html", _staff_form_context(request, edition, form), status=status
    )


@flag_required("registrations")
def registration_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Staff correct a registration's details (a changed name reissues the ticket, as for the attendee)."""

    edition = get_edition_or_404(slug)
    try:
        reg = registration_selectors.get_registration(edition, code)
    except DomainError:
        raise Http404("No such registration")
    form, reg, status, saved = submit_edit(request, reg, en=is_en())
    if saved:
        messages.success(request, _("Saved %(code)s %(name)s") % {"code": reg.code, "name": reg.name})
        return redirect(reverse("staff_registrations", kwargs={"slug": slug}) + f"?q={reg.code}")
    log_staff_access(
        user=request.user, action="edit_registration", edition=edition, target=reg.code, path=request.path
    )
    return render(
        request,
        "staff/registration_form.html",
        _staff_form_context(request, edition, form, reg),
        status=status,
    )
