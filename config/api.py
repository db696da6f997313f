"""The one NinjaAPI (v1). Domain errors from every app are mapped to HTTP here, once."""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from accounts.api import router as accounts_router
from agenda.api import router as agenda_router
from audit.actions import register_api
from audit.api import router as audit_router
from events.badges.api import router as badges_router
from events.checkin.api import router as checkin_router
from events.checkin.offline_api import router as checkin_offline_router
from events.console.api import router as console_router
from events.exceptions import DomainError
from events.jobs.api import router as jobs_router
from events.registration.api import router as registration_router
from events.units.api import router as units_router
from events.units.link_api import router as unit_link_router
from followup.api import router as followup_router
from followup.returns_api import router as followup_returns_router
from organizers.api import router as organizers_router
from reception.api import router as reception_router
from reports.api import router as reports_router
from seating.api import router as seating_router
from signing.api import router as signing_router

from .validation_messages import message as validation_message

# The error contract (DESIGN.md): every error answer is {"detail": a message, or a list of field errors for
# 422, "field": the offending field, if one}. Written into the OpenAPI document for every operation, so a
# client generator, the docs page and schemathesis (tests/reliability) all know what an error looks like.
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string", "description": "what went wrong, for a person"},
                {
                    "type": "array",
                    "description": "422: one entry per invalid field",
                    "items": {
                        "type": "object",
                        "properties": {
                            "loc": {"type": "array", "items": {"type": "string"}},
                            "field": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                            "msg": {"type": "string"},
                        },
                    },
                },
            ]
        },
        "field": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "the field at fault"},
    },
}
PUBLIC_ERRORS = {
    "400": "The body is not valid JSON.",
    "404": "No such edition or record.",
    "409": "Conflicts with the current state (full, already done, duplicate).",
    "422": "Invalid input; `field` names it.",
    "429": "Too many requests; retry later.",
}
BODY_ERRORS = {
    "413": "The body is larger than the server takes.",
    "415": "The body is not JSON (send Content-Type: application/json).",
}
STAFF_ERRORS = {"401": "No valid token or session.", "403": "The user lacks the role."}


# Answers that are files: the 200 says which media type comes back (a client generator then knows to read
# bytes, and schemathesis checks the Content-Type).
FILE_TYPES = {
    ".pdf": "application/pdf",
    ".ics": "text/calendar",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}
BINARY = {"type": "string", "format": "binary"}


def _document_files(path: str, operation: dict) -> None:
    ok = operation["responses"].get(200)
    if ok is None or ok.get("content"):
        return
    for suffix, media_type in FILE_TYPES.items():
        if path.endswith(suffix):
            ok["content"] = {media_type: {"schema": BINARY}}
            return


def _file_required(operation: dict) -> None:
    """An upload's `file` is required, whatever the signature: the views take it as optional only to answer a
    missing (or unparsable) file with a message naming the field (events.access.uploaded_bytes)."""
    form = (operation.get("requestBody") or {}).get("content", {}).get("multipart/form-data")
    if not form or "file" not in form["schema"].get("properties", {}):
        return
    form["schema"]["properties"]["file"] = {"format": "binary", "title": "File", "type": "string"}
    form["schema"]["required"] = ["file"]


class UTF8JSONRenderer(JSONRenderer):
    """UTF-8 JSON as written ("李明"), not \\u escapes: the response is declared charset=utf-8."""

    json_dumps_params = {"ensure_ascii": False}

    def render(self, request, data, *, response_status):
        text = super().render(request, data, response_status=response_status)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate echoed from input has no UTF-8 form: escape it as JSON may (\ud800).
            return json.dumps(data, cls=self.encoder_class)
        return text


# An operation's id is its module and function (ninja's default). These modules' operations keep the ids the
# document gave them when they were events/api.py, so a client generated from it keeps its method names.
OPERATION_ID_MODULES = {"events.registration.api": "events.api", "events.console.api": "events.api"}


class HuiwuAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        module = operation.view_func.__module__
        module = OPERATION_ID_MODULES.get(module, module)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, item in schema["paths"].items():
            for operation in item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                _document_files(path, operation)
                _file_required(operation)
                security = operation.get("security") or []
                # Credentials optional ({} listed): a bad token is answered as none was sent; only 403.
                staff = {"403": STAFF_ERRORS["403"]} if {} in security else STAFF_ERRORS if security else {}
                errors = {
                    **PUBLIC_ERRORS,
                    **staff,
                    **(BODY_ERRORS if "requestBody" in operation else {}),
                }
                for status, description in errors.items():
                    _declare_error(schema, operation["responses"], status, description, ref)
        return schema


def _declare_error(schema: dict, responses: dict, status: str, description: str, ref: dict) -> None:
    """One declaration per status: ninja keys an operation's own answers by int (409), the contract's errors
    are added by text ("409"); both would print as the same key of openapi.json, which the docs page refuses
    ("duplicated mapping key"). An answer the operation declares itself keeps its key; when its body does not
    already carry the error contract's `detail`, the contract's Error becomes a second shape (oneOf)."""
    declared = responses.get(int(status))
    if declared is None:
        responses.setdefault(status, {"description": description, "content": ref})
        return
    body = declared.get("content", {}).get("application/json", {}).get("schema")
    if body is None:
        declared["content"] = ref
        return
    target = body
    if "$ref" in body:
        target = schema["components"]["schemas"].get(body["$ref"].rsplit("/", 1)[-1], {})
    if "detail" in target.get("properties", {}):
        return
    declared["content"]["application/json"]["schema"] = {"oneOf": [body, ref["application/json"]["schema"]]}
    declared["description"] = f"{declared.get('description') or 'OK'}; or: {description}"


NOT_JSON = gettext_lazy("Send the body as JSON (Content-Type: application/json).")
TOO_LARGE = gettext_lazy("The request body is too large.")


class NotJson(Exception):
    pass


class JsonBodyParser(Parser):
    """A JSON body is read only when it says it is JSON: anything else is 415, not a guess."""

    def parse_body(self, request):
        media_type = (request.content_type or "").split(";")[0].strip().lower()
        if media_type != "application/json" and not media_type.endswith("+json"):
            raise NotJson(request.content_type)
        return super().parse_body(request)


api = HuiwuAPI(
    title="huiwu API",
    version="1",
    parser=JsonBodyParser(),
    description="会务 huiwu: registration, check-in, agenda, signing ceremonies and award titles.",
    urls_namespace="api",
    renderer=UTF8JSONRenderer(),
)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    body: dict = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    body.update(exc.extra)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # ninja wraps a body parser's failure in a 400 ("Cannot parse request body"): a body that is not JSON
    # at all is a 415, one that says it is JSON but is not is the 400 the document lists.
    if isinstance(exc.__cause__, NotJson):
        return api.create_response(request, {"detail": str(NOT_JSON)}, status=415)
    if exc.status_code == 400:
        return api.create_response(request, {"detail": _("The body is not valid JSON.")}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def on_too_large(request, exc):
    return api.create_response(request, {"detail": str(TOO_LARGE)}, status=413)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("payload",)]
        # The field a person fixes: the innermost name (not a list index, not a type tag).
        names = [p for p in loc if not p.isdigit() and p not in ("body", "query", "path")]
        errors.append({"loc": loc, "field": names[-1] if names else None, "msg": validation_message(err)})
    body: dict = {"detail": errors}
    if errors and errors[0]["field"]:
        body["field"] = errors[0]["field"]
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(
        request,
        {"detail": _("Authentication required: send 'Authorization: Bearer <token>' or log in.")},
        status=401,
    )


@api.exception_handler(Http404)
def on_404(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


ROUTERS = (
    registration_router,
    console_router,
    checkin_router,
    checkin_offline_router,
    badges_router,
    jobs_router,
    agenda_router,
    signing_router,
    seating_router,
    units_router,
    unit_link_router,
    reports_router,
    organizers_router,
    followup_router,
    followup_returns_router,
    reception_router,
    audit_router,
    accounts_router,
)
for router in ROUTERS:
    api.add_router("", router)
# The audit log names a write by the operation its method ran (several share a path).
register_api(ROUTERS)
