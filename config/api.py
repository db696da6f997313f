"""The one NinjaAPI (v1). Domain errors from every app are mapped to HTTP here, once."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from agenda.api import router as agenda_router
from events.api import router as events_router
from events.badges_api import router as badges_router
from events.checkin_api import router as checkin_router
from events.exceptions import DomainError
from signing.api import router as signing_router

api = NinjaAPI(
    title="huiwu API",
    version="1",
    description="会务 huiwu: registration, check-in, agenda, signing ceremonies and award titles.",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    body: dict = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    body.update(exc.extra)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("payload",)]
        errors.append({"loc": loc, "field": loc[-1] if loc else None, "msg": err.get("msg", "invalid")})
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(
        request,
        {"detail": "Authentication required: send 'Authorization: Bearer <token>' or log in."},
        status=401,
    )


@api.exception_handler(Http404)
def on_404(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_router("", events_router)
api.add_router("", checkin_router)
api.add_router("", badges_router)
api.add_router("", agenda_router)
api.add_router("", signing_router)
