"""Records every successful staff write (POST, PUT, PATCH, DELETE under /api/v1/, /staff/ and /admin/ by a
signed-in user or an API token) in the audit log, and a token's first use from a new address."""

from django.db import DatabaseError

from . import actions, services

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
AUDITED_PREFIXES = ("/api/v1/", "/staff/", "/admin/")
# Sign-ins and sign-outs are recorded by Django's signals (with the user, never the password).
NOT_WRITES = frozenset({"login", "logout", "admin_login", "staff_login_code", "oidc_callback"})
# The door's scans (one at a time or a device's queued batch) are already an append-only log of their own
# (events.Scan: point, device, user, time, verdict), written on the hot path: not copied here.
OWN_LOG = frozenset({"check_in", "sync"})
# Path parameters that are secrets (private links): never written into `object`.
SECRET_PARAMS = ("token",)


def _is_staff(request) -> bool:
    if request.path.startswith("/api/"):
        auth = getattr(request, "auth", None)
        # request.auth is set by the API's staff authentication (a user); public endpoints leave it unset.
        return auth is not None and getattr(auth, "is_authenticated", False)
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _action(request) -> str:
    match = request.resolver_match
    operation = actions.api_action(match.route, request.method) if match is not None else None
    if operation:
        return operation
    if match is not None and match.url_name:
        return match.url_name
    route = match.route if match is not None else request.path
    return f"{request.method} {route}"


def _object(request) -> str:
    kwargs = getattr(request.resolver_match, "kwargs", None) or {}
    parts = [
        f"{key}={value}"
        for key, value in kwargs.items()
        if key != "slug" and not any(word in key for word in SECRET_PARAMS)
    ]
    return " ".join(parts)


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before a write that names no edition runs: the organiser it acts on (a team it deletes included)."""
        if (
            request.method in WRITE_METHODS
            and "slug" not in view_kwargs
            and request.path.startswith(AUDITED_PREFIXES)
        ):
            request._huiwu_organizer_id = services.organizer_of(view_kwargs)
        return None

    def __call__(self, request):
        if request.method not in WRITE_METHODS or not request.path.startswith(AUDITED_PREFIXES):
            response = self.get_response(request)
            services.check_token_address(request)
            return response
        pending = services.begin_write()
        try:
            response = self.get_response(request)
        finally:
            notes = services.end_write(pending)
        match = request.resolver_match
        if (
            response.status_code < 400
            and match is not None
            and match.url_name not in NOT_WRITES
            and match.url_name not in OWN_LOG
            and not getattr(request, "_huiwu_audited", False)
            and _is_staff(request)
        ):
            try:
                services.record_write(request, action=_action(request), obj=_object(request), notes=notes)
            except DatabaseError:
                # The write itself has committed: answer it, and leave the failure in the server's log.
                services.log.exception("audit entry not written for %s %s", request.method, request.path)
        services.check_token_address(request)
        return response
