"""Sign-in through the organisation's identity provider (OpenID Connect, mozilla-django-oidc), on when the
deployment sets OIDC_RP_CLIENT_ID and either OIDC_ISSUER (endpoints read from its discovery document) or
the endpoints themselves (docs/deploy.md). A person is matched to a staff account by e-mail; one without an
account gets a new one that belongs to no team, so it reaches nothing until an admin adds it to a team."""

import time
from functools import lru_cache
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import twofactor

DISCOVERY_PATH = "/.well-known/openid-configuration"
SESSION_FLAG = "huiwu_signed_in_with"


def enabled() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID and (settings.OIDC_ISSUER or settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    )


@lru_cache(maxsize=4)
def _discovery(issuer: str) -> dict:
    response = requests.get(issuer.rstrip("/") + DISCOVERY_PATH, timeout=10)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise ImproperlyConfigured(f"OIDC_ISSUER {issuer!r} does not match its discovery document")
    return document


def endpoint(setting: str, key: str) -> str:
    """An endpoint from its own variable, else from the issuer's discovery document."""
    value = getattr(settings, setting, "")
    if value:
        return value
    if not settings.OIDC_ISSUER:
        raise ImproperlyConfigured(f"set {setting} or OIDC_ISSUER")
    return _discovery(settings.OIDC_ISSUER)[key]


class Backend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow with the endpoints resolved when a sign-in arrives (not at start-up,
    so a provider that is down does not stop huiwu), e-mails matched case-insensitively."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not enabled() or not request.GET.get("code"):
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = endpoint("OIDC_OP_TOKEN_ENDPOINT", "token_endpoint")
        self.OIDC_OP_USER_ENDPOINT = endpoint("OIDC_OP_USER_ENDPOINT", "userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = endpoint("OIDC_OP_JWKS_ENDPOINT", "jwks_uri")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims) -> bool:
        # An address the provider says it has not verified could name someone else's account.
        return super().verify_claims(claims) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)

    def create_user(self, claims):
        """A new account for a person the provider vouches for: no password, no team (it reaches nothing)."""
        email = claims["email"].strip()
        username = email[:150]
        if self.UserModel.objects.filter(username=username).exists():
            username = f"{email[:120]}-{claims.get('sub', '')}"[:150]
        user = self.UserModel.objects.create_user(username=username, email=email)
        user.first_name = (claims.get("name") or "")[:150]
        user.save(update_fields=["first_name"])
        return user


class AuthenticationRequestView(OIDCAuthenticationRequestView):
    """/staff/oidc/authenticate/: off (404) unless configured."""

    def __init__(self, *args, **kwargs):
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not enabled():
            raise Http404("OpenID Connect sign-in is not configured")
        self.OIDC_OP_AUTH_ENDPOINT = endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT", "authorization_endpoint")
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """/staff/oidc/callback/: an account with an authenticator still gives its code (the second step)."""

    def get(self, request):
        if not enabled():
            raise Http404("OpenID Connect sign-in is not configured")
        return super().get(request)

    def login_success(self):
        from .views import PENDING  # a circle: accounts.views imports this module

        if twofactor.has_device(self.user):
            self.request.session[PENDING] = {
                "user": self.user.pk,
                "backend": self.user.backend,
                "at": time.time(),
            }
            next_url = self.request.session.get("oidc_login_next") or reverse("staff")
            return redirect(f"{reverse('staff_login_code')}?{urlencode({'next': next_url})}")
        response = super().login_success()
        self.request.session[SESSION_FLAG] = "oidc"
        return response
