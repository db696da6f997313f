"""Sign-in through the organisation's identity provider (OpenID Connect, mozilla-django-oidc), on when the
deployment sets its variables (docs/deploy.md)."""

from django.conf import settings


def enabled() -> bool:
    return bool(getattr(settings, "HUIWU_OIDC_ENABLED", False))
