"""Staff pages under /staff/: login, editions, registrations dashboard with approvals."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from organizers.permissions import FLAGS, allowed, editions_for, is_staff_member

from . import selectors
from .access import flag_required, get_edition_or_404
from .enums import RegistrationStatus, status_label
from .exceptions import DomainError
from .privacy.access_log import log_staff_access
from .registration import services
from .throttles import page_allowed


class LoginView(auth_views.LoginView):
    """Staff login; attempts are limited per client address (settings.HUIWU_THROTTLE_RATES["login"])."""

    template_name = "staff/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not page_allowed(request, "login"):
            form = self.get_form()
            return render(request, self.template_name, {"form": form, "throttled": True}, status=429)
        return super().post(request, *args, **kwargs)


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Django admin's login, under the same limit as /staff/login (one allowance shared by both)."""
    from django.contrib import admin
    from django.contrib.auth.forms import AuthenticationForm

    if request.method == "POST" and not page_allowed(request, "login"):
        form = AuthenticationForm(request, data=request.POST)
        return render(request, LoginView.template_name, {"form": form, "throttled": True}, status=429)
    return admin.site.login(request, extra_context)


# What each flag may do on an edition, in the order a person holding it needs it: (flags that may, path
# under /staff/e/{slug}/, label). The first action a user may take is the big button.
STAFF_ACTIONS = [
    (("checkin",), "checkin", gettext_lazy("Check-in scanner")),
    (("registrations", "view"), "", pgettext_lazy("documents", "Registrations")),
    (("units", "view"), "units", gettext_lazy("Units")),
    (("checkin", "view"), "checkin/dashboard", gettext_lazy("Arrivals")),
    (("agenda",), "agenda", gettext_lazy("Agenda")),
    (("signing", "view"), "signing", gettext_lazy("Signings & awards")),
    (("seating", "view"), "seating", gettext_lazy("Seating")),
    (("documents",), "documents", gettext_lazy("Documents & badges")),
    (("admin", "settings"), "audit", gettext_lazy("Audit log")),
]


def staff_actions(user, edition) -> list[dict]:
    slug = edition.slug
    actions = [
        {"href": f"/staff/e/{slug}/{path}", "label": label}
        for need, path, label in STAFF_ACTIONS
        if allowed(user, need, edition=edition)
    ]
    if not allowed(user, ("registrations", "view"), edition=edition):
        return actions
    # Organisers and viewers start from the registrations, check-in staff from the scanner.
    return sorted(actions, key=lambda a: a["href"] != f"/staff/e/{slug}/")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff home: for each edition, what this user's roles let them do (the scanner first for
    check-in staff), so that nobody lands on a dead end after logging in."""
    if not is_staff_member(request.user):
        return HttpResponseForbidden(
            render(request, "staff/forbidden.html", {"role": None}, status=403).content
        )
    editions = [
        {"edition": e, "actions": staff_actions(request.user, e)}
        for e in editions_for(request.user).order_by("-starts_on")
    ]
    held = [f for f in FLAGS if allowed(request.user, f)]
    roles = ["admin"] if "admin" in held else held
    return render(
        request,
        "staff/dashboard.html",
        {"editions": editions, "roles": roles, "is_organiser": request.user.is_staff or "admin" in roles},
    )


@flag_required("registrations", "view")
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    category = request.GET.get("category") or None
    status = request.GET.get("status") or None
    q = (request.GET.get("q") or "").strip() or None
    qs = selectors.list_registrations(edition, category=category, status=status, q=q)
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


def _en(request) -> bool:
    from django.utils import translation

    return (translation.get_language() or "").startswith("en")


def _back(request, slug: str) -> str:
    back = request.POST.get("next") or f"/staff/e/{slug}/"
    return back if back.startswith("/staff/") else f"/staff/e/{slug}/"


@require_POST
@flag_required("registrations")
def decide(request: HttpRequest, slug: str, code: str, action: str) -> HttpResponse:
    """Approve or reject a pending (or waitlisted) registration; cancel a confirmed one (a confirmed
    registration is cancelled, not rejected). The page asks for confirmation before reject and cancel."""
    edition = get_edition_or_404(slug)
    try:
        reg = selectors.get_registration(edition, code)
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
            reg = services.cancel_registration(registration=reg)
        else:
            messages.error(request, _("Unknown action."))
            return redirect(f"/staff/e/{slug}/")
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
            reg = services.approve_registration(registration=selectors.get_registration(edition, code))
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
    from .registration.forms import StaffRegistrationForm, refused, registration_fields

    edition = get_edition_or_404(slug)
    categories = selectors.categories_with_counts(edition)
    form = StaffRegistrationForm(request.POST or None, categories=categories, en=_en(request))
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
                return redirect(f"/staff/e/{slug}/?q={reg.code}")
        else:
            status = 422
    return render(
        request, "staff/registration_form.html", _staff_form_context(request, edition, form), status=status
    )


@flag_required("registrations")
def registration_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Staff correct a registration's details (a changed name reissues the ticket, as for the attendee)."""
    from django.http import Http404

    from .registration.forms import submit_edit

    edition = get_edition_or_404(slug)
    try:
        reg = selectors.get_registration(edition, code)
    except DomainError:
        raise Http404("No such registration")
    form, reg, status, saved = submit_edit(request, reg, en=_en(request))
    if saved:
        messages.success(request, _("Saved %(code)s %(name)s") % {"code": reg.code, "name": reg.name})
        return redirect(f"/staff/e/{slug}/?q={reg.code}")
    log_staff_access(
        user=request.user, action="edit_registration", edition=edition, target=reg.code, path=request.path
    )
    return render(
        request,
        "staff/registration_form.html",
        _staff_form_context(request, edition, form, reg),
        status=status,
    )
