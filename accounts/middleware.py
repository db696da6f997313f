"""Staff pages for someone whose organiser requires two factors and whose session has none: the enrolment
page first (the API answers 403 instead, through events.hooks.check_session)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import twofactor

OPEN_PATHS = ("/staff/login", "/staff/logout", "/staff/me/security", "/staff/oidc/")


class TwoFactorPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            path.startswith("/staff/")
            and not path.startswith(OPEN_PATHS)
            and request.user.is_authenticated
            and twofactor.must_enrol(request)
        ):
            return redirect(f"{reverse('staff_security')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
