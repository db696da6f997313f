"""Rate limits for public endpoints (django-ninja's throttle hook), read from settings at request time so a
deployment (or a test) can tune or switch them off: settings.HUIWU_THROTTLE_RATES[scope].

Who is "a client": the address that connected to us (REMOTE_ADDR). `X-Forwarded-For` is written by whoever
sends the request, so it counts only through the number of reverse proxies the deployment says it runs
(settings.HUIWU_TRUSTED_PROXIES, docs/deploy.md): each trusted proxy appends the address it saw, so the
client is the N-th entry from the right, and whatever a client put in front of that is ignored.

The count is a fixed window kept in the default cache with `add` + `incr`, which are atomic in Redis
(`HUIWU_CACHE=redis://…`): every web server and worker process counts against the same number."""

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from ninja.throttling import SimpleRateThrottle


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
        counters = caches["default"]
        key = self.get_cache_key(request)
        # The window opens at this client's first request and lasts `duration`: `add` sets the expiry once.
        if counters.add(key, 0, self.duration):
            counters.set(f"{key}_opened", time.time(), self.duration)
        try:
            count = counters.incr(key)
        except ValueError:  # expired between add and incr: this request opens a new window
            counters.set(key, 1, self.duration)
            count = 1
        if not isinstance(counters, RedisCache | LocMemCache):
            # Redis and the per-process cache increment in place (atomically) and keep the expiry; Django's
            # generic incr (the database cache) re-sets the key with the default timeout: restore it.
            counters.touch(key, max(1, int(self.window_left(key))))
        self.refused_key = None if count <= self.num_requests else key
        return self.refused_key is None

    def window_left(self, key: str) -> float:
        opened = caches["default"].get(f"{key}_opened")
        return self.duration if opened is None else max(opened + self.duration - time.time(), 0.0)

    def wait(self) -> float | None:
        # ninja asks right after a refusal, for Retry-After.
        key = getattr(self, "refused_key", None)
        return None if key is None else self.window_left(key)


def throttle(scope: str) -> list:
    return [ScopedThrottle(scope)]


def page_allowed(request, scope: str) -> bool:
    """The same limits for HTML pages (form posts)."""
    return ScopedThrottle(scope).allow_request(request)
