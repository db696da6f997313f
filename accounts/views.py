"""Staff sign-in in two steps (password, then the authenticator's code or a recovery code) and the page where
a staff member enrols an authenticator app (/staff/me/security)."""

import time
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.exceptions import InvalidInput
from events.throttles import page_allowed

from . import oidc, twofactor

PENDING = "huiwu_2fa_pending"  # the user who gave the right password, waiting for the second step
PENDING_TTL = 300


def _safe_next(request, value: str | None, default: str = "") -> str:
    default = default or reverse("staff")
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return default


class LoginView(auth_views.LoginView):
    """The password step, its attempts limited per client address (settings.HUIWU_THROTTLE_RATES["login"]).
    An account with an authenticator goes on to the code step before it is signed in; an account whose
    organiser requires two factors and has none is sent to enrolment."""

    template_name = "staff/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not page_allowed(request, "login"):
            form = self.get_form()
            return render(request, self.template_name, {"form": form, "throttled": True}, status=429)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": oidc.enabled(),
            "oidc_label": settings.HUIWU_OIDC_LABEL,
        }

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.has_device(user):
            self.request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time()}
            query = urlencode({"next": self.get_success_url()})
            return redirect(f"{reverse('staff_login_code')}?{query}")
        response = super().form_valid(form)
        if twofactor.must_enrol(self.request):
            return redirect(f"{reverse('staff_security')}?{urlencode({'next': self.get_success_url()})}")
        return response


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Django admin's login, under the same limit as /staff/login (one allowance shared by both)."""
    # django.contrib.admin's site, imported when its login is asked for (it loads every app's admin)
    from django.contrib import admin

    if request.method == "POST" and not page_allowed(request, "login"):
        form = AuthenticationForm(request, data=request.POST)
        return render(request, LoginView.template_name, {"form": form, "throttled": True}, status=429)
    return admin.site.login(request, extra_context)


@never_cache
def login_code(request):
    """The second step: the code the authenticator app shows, or one recovery code (used up)."""
    pending = request.session.get(PENDING)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if not pending or time.time() - pending["at"] > PENDING_TTL:
        request.session.pop(PENDING, None)
        return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")
    context = {"next": next_url, "error": False, "throttled": False}
    if request.method != "POST":
        return render(request, "accounts/login_code.html", context)
    if not page_allowed(request, "login"):
        return render(request, "accounts/login_code.html", {**context, "throttled": True}, status=429)
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    device = twofactor.verify_code(user, request.POST.get("code", "")) if user else None
    if device is None:
        if user is not None:
            # Recorded like a wrong password (audit log: login_failed); the code itself is never kept.
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=request
            )
        return render(request, "accounts/login_code.html", {**context, "error": True})
    del request.session[PENDING]
    auth_login(request, user, backend=pending["backend"])
    django_otp.login(request, device)
    return redirect(next_url)


def qr_svg(data: str) -> str:
    """An SVG QR code for the otpauth:// URI (not cached: it holds a secret)."""
    qr = qrcode.QRCode(border=2, image_factory=qrcode.image.svg.SvgPathImage)
    qr.add_data(data)
    qr.make(fit=True)
    return qr.make_image().to_string(encoding="unicode")


@never_cache
@login_required
def security(request):
    """Enrol an authenticator (QR to scan, then a code to confirm), see how many recovery codes are left,
    and get new ones (shown once)."""
    user = request.user
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"), "")
    context = {"next": next_url, "error": None, "recovery_codes": None}
    status = 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "start":
        twofactor.start_enrolment(user=user)
    elif action == "confirm":
        try:
            context["recovery_codes"] = twofactor.confirm_enrolment(
                user=user, code=request.POST.get("code", "")
            )
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            django_otp.login(request, device)  # this session now has its second factor
        except InvalidInput as exc:
            context["error"], status = exc.message, 422
    elif action == "codes" and twofactor.has_device(user):
        context["recovery_codes"] = twofactor.new_recovery_codes(user=user)
    waiting = TOTPDevice.objects.filter(user=user, confirmed=False).last()
    context.update(
        enrolled=twofactor.has_device(user),
        required=twofactor.two_factor_required(user),
        codes_left=twofactor.recovery_codes_left(user),
        waiting=waiting is not None,
        qr=mark_safe(qr_svg(waiting.config_url)) if waiting else "",
        secret=twofactor.secret_of(waiting) if waiting else "",
    )
    return render(request, "accounts/security.html", context, status=status)
