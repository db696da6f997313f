"""Staff check-in pages: the door scanner and the arrivals dashboard. Thin: data comes from services."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

from . import checkin_stats
from .auth import has_role
from .checkin import edition_config
from .enums import Role
from .staff_views import role_required
from .views import _edition_or_404


def any_role_required(*roles: str):
    """Like staff_views.role_required, for pages several roles may see (organisers imply the others)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not any(has_role(request.user, r) for r in roles):
                return HttpResponseForbidden(
                    render(request, "staff/forbidden.html", {"role": " / ".join(roles)}, status=403).content
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@never_cache
@ensure_csrf_cookie
@role_required(Role.CHECKIN)
def scanner(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition_or_404(slug)
    cfg = edition_config(slug)
    points = list(cfg.points.values())
    chosen = request.GET.get("point")
    current = cfg.points.get(chosen) if chosen else cfg.default_point
    return render(
        request,
        "staff/checkin.html",
        {"edition": edition, "points": points, "current": current},
    )


@never_cache
@any_role_required(Role.CHECKIN, Role.VIEWER)
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition_or_404(slug)
    return render(
        request,
        "staff/checkin_dashboard.html",
        {"edition": edition, "data": checkin_stats.dashboard(edition)},
    )
