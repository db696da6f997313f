"""The one-time set-password page a new staff user opens from the link an organiser's admin was given
(POST /api/v1/organizers/{org}/users). Django's password-reset token: valid until the password is set."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events.throttles import page_allowed


def _user(uidb64: str):
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    except (TypeError, ValueError, OverflowError):
        return None


@never_cache
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    if request.method == "POST" and not page_allowed(request, "login"):
        return HttpResponse(_("Too many requests; please wait a minute."), status=429)
    user = _user(uidb64)
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "organizers/set_password.html", {"invalid": True}, status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your password is set; log in with it."))
        return redirect("login")
    status = 422 if request.method == "POST" else 200
    return render(request, "organizers/set_password.html", {"form": form, "who": user}, status=status)
