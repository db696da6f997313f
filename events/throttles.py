"""Rate limits for public endpoints (django-ninja's throttle machinery), read from settings at request time
so a deployment (or a test) can tune or switch them off: settings.HUIWU_THROTTLE_RATES[scope]."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class ScopedThrottle(SimpleRateThrottle):
    """Per client address, per scope ("register", "manage", "verify", "login", ...)."""

    def __init__(self, scope: str):
        self.scope = scope
        self.rate = None
        self.num_requests = self.duration = None

    def allow_request(self, request) -> bool:
        rate = (getattr(settings, "HUIWU_THROTTLE_RATES", {}) or {}).get(self.scope)
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        return f"throttle_{self.scope}_{self.get_ident(request)}"


def throttle(scope: str) -> list:
    return [ScopedThrottle(scope)]


def page_allowed(request, scope: str) -> bool:
    """The same limits for HTML pages (form posts)."""
    return ScopedThrottle(scope).allow_request(request)
