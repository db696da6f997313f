"""Staff pages under /staff/: login, editions, registrations dashboard with approvals."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services
from .auth import has_role, user_roles
from .enums import RegistrationStatus, Role
from .exceptions import DomainError
from .models import Edition
from .privacy import log_staff_access
from .throttles import page_allowed
from .views import _edition_or_404


def role_required(role: str):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, role):
                return HttpResponseForbidden(
                    render(request, "staff/forbidden.html", {"role": role}, status=403).content
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


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


# What each role may do on an edition, in the order a person with that role needs it: (roles that may,
# path under /staff/e/{slug}/, Chinese, English). The first action a user may take is the big button.
STAFF_ACTIONS = [
    ((Role.CHECKIN,), "checkin", "签到扫码", "Check-in scanner"),
    ((Role.VIEWER,), "", "报名管理", "Registrations"),
    ((Role.VIEWER,), "units", "参会单位", "Units"),
    ((Role.CHECKIN, Role.VIEWER), "checkin/dashboard", "签到统计", "Arrivals"),
    ((Role.ORGANISER,), "agenda", "议程", "Agenda"),
    ((Role.VIEWER,), "signing", "签约与授牌", "Signings & awards"),
    ((Role.VIEWER,), "seating", "座次", "Seating"),
    ((Role.ORGANISER,), "documents", "文档与胸卡", "Documents & badges"),
]


def staff_actions(user, slug: str) -> list[dict]:
    roles = user_roles(user)
    actions = [
        {"href": f"/staff/e/{slug}/{path}", "zh": zh, "en": en}
        for need, path, zh, en in STAFF_ACTIONS
        if roles & {r.value for r in need}
    ]
    if Role.VIEWER not in roles:
        return actions
    # Organisers and viewers start from the registrations, check-in staff from the scanner.
    return sorted(actions, key=lambda a: a["href"] != f"/staff/e/{slug}/")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff home: for each edition, what this user's roles let them do (the scanner first for
    check-in staff), so that nobody lands on a dead end after logging in."""
    roles = user_roles(request.user)
    if not roles:
        return HttpResponseForbidden(
            render(request, "staff/forbidden.html", {"role": None}, status=403).content
        )
    editions = [
        {"edition": e, "actions": staff_actions(request.user, e.slug)}
        for e in Edition.objects.order_by("-starts_on")
    ]
    return render(
        request,
        "staff/dashboard.html",
        {"editions": editions, "roles": sorted(roles), "is_organiser": Role.ORGANISER in roles},
    )


@role_required(Role.VIEWER)
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition_or_404(slug)
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
            "can_decide": has_role(request.user, Role.ORGANISER),
        },
    )


@require_POST
@role_required(Role.ORGANISER)
def decide(request: HttpRequest, slug: str, code: str, action: str) -> HttpResponse:
    edition = _edition_or_404(slug)
    try:
        reg = selectors.get_registration(edition, code)
        if action == "approve":
            reg = services.approve_registration(registration=reg)
        elif action == "reject":
            reg = services.reject_registration(registration=reg)
        else:
            messages.error(request, "Unknown action.")
            return redirect(f"/staff/e/{slug}/")
        messages.success(request, f"{reg.code} {reg.name}: {reg.status}")
    except DomainError as exc:
        messages.error(request, exc.message)
    back = request.POST.get("next") or f"/staff/e/{slug}/"
    if not back.startswith("/staff/"):
        back = f"/staff/e/{slug}/"
    return redirect(back)
