"""Rate limits for public endpoints (django-ninja's throttle hook), read from settings at request time so a
deployment (or a test) can tune or switch them off: settings.HUIWU_THROTTLE_RATES[scope].

Who is "a client": the address that connected to us (REMOTE_ADDR). `X-Forwarded-For` is written by whoever
sends the request, so it counts only through the number of reverse proxies the deployment says it runs
(settings.HUIWU_TRUSTED_PROXIES, docs/deploy.md): each trusted proxy appends the address it saw, so the
client is the N-th entry from the right, and whatever a client put in front of that is ignored.

The count is a fixed window kept by events/counters.py: in Redis (`HUIWU_CACHE=redis://…`) or, in the
embedded default, in one file every worker on the host shares; either way every web server and worker
process counts against the same number."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from . import counters


def client_address(request) -> str:
    """The address a limit is kept for: the peer, or the client as seen by the outermost trusted proxy."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    trusted = int(getattr(settings, "HUIWU_TRUSTED_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    if not hops:
        return remote
    return hops[-min(trusted, len(hops))]


class ScopedThrottle(SimpleRateThrottle):
    """Per client address, per scope ("register", "manage", "verify", "login", ...)."""

    def __init__(self, scope: str):
        self.scope = scope
        self.rate = None
        self.num_requests = self.duration = None
        self.refused_key = None
        self.left = None

    def get_ident(self, request) -> str:
        return client_address(request)

    def get_cache_key(self, request) -> str:
        return f"throttle_{self.scope}_{self.get_ident(request)}"

    def allow_request(self, request) -> bool:
        rate = (getattr(settings, "HUIWU_THROTTLE_RATES", {}) or {}).get(self.scope)
        if not rate:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        key = self.get_cache_key(request)
        count, self.left = counters.store().hit(key, self.duration)
        self.refused_key = None if count <= self.num_requests else key
        return self.refused_key is None

    def wait(self) -> float | None:
        # ninja asks right after a refusal, for Retry-After.
        key = getattr(self, "refused_key", None)
        return None if key is None else self.left


def throttle(scope: str) -> list:
    return [ScopedThrottle(scope)]


def page_allowed(request, scope: str) -> bool:
    """The same limits for HTML pages (form posts)."""
    return ScopedThrottle(scope).allow_request(request)
