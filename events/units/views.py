"""Pages of units: the contact's page /u/{token} (delegation, add, upload, substitute, reply forms, letters),
the reply form through the manage link /r/{token}/reply, and the organiser's /staff/e/{slug}/units."""

import base64
import binascii

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import hooks
from ..access import is_en
from ..enums import ACTIVE_STATUSES
from ..enums import RegistrationStatus as S
from ..error_pages import ExplainedNotFound, too_many_requests
from ..exceptions import DomainError, NotFound
from ..language import localized
from ..registration import services as registration_services
from ..throttles import page_allowed
from . import people_import, reply_form, selectors, services, spreadsheet
from .links import LinkReplaced
from .models import REPLY_SECTIONS, ReplyForm


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # The link carries a secret: never send it to another site. `same-origin`, not `no-referrer`: under
    # `no-referrer` a browser sends `Origin: null` with the page's own form posts, which CSRF refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


PERSON_KEYS = ("category", "name", "name_en", "title", "phone", "email", "language")


def _unit_or_404(token: str):
    try:
        return services.get_unit_by_token(token)
    except LinkReplaced as e:
        edition = e.unit.edition
        name = edition.name_en or edition.name if is_en() else edition.name
        raise ExplainedNotFound(
            status=410,
            title=_("This link has been replaced"),
            message=_(
                "The organiser made a new link for %(unit)s on %(date)s; this one no longer opens the "
                "unit's page. Nothing the unit entered is lost."
            )
            % {"unit": e.unit.organization, "date": timezone.localtime(e.replaced_at).strftime("%Y-%m-%d")},
            hint=_(
                "Ask the organising committee of %(edition)s for the current link: it is sent to the "
                "unit's contact."
            )
            % {"edition": name},
        )
    except NotFound:
        raise ExplainedNotFound(
            title=_("No unit for this link"),
            message=_("This link does not open a unit's page: it may be mistyped or cut short."),
            hint=_("Open the link exactly as the organiser's e-mail gives it, or ask the organiser for it."),
        )


def _throttled(request) -> HttpResponse | None:
    if not page_allowed(request, "manage"):
        return _no_referrer(too_many_requests(request))
    return None


def _unit_context(unit, token: str, **extra) -> dict:
    people = selectors.unit_people(unit)
    confirmed = [p.code for p in people if p.status == S.CONFIRMED]
    return {
        "unit": unit,
        "edition": unit.edition,
        "token": token,
        "quotas": selectors.unit_quotas(unit),
        "people": [p for p in people if p.status in ACTIVE_STATUSES],
        "former": [p for p in people if p.status not in ACTIVE_STATUSES],
        "substitutions": selectors.substitutions(unit),
        "asks_reply": bool(reply_form.asked_fields(unit.edition)),
        # {code: {stay?, pickup?}}: rooms and cars reception arranged (events.hooks), one query for everyone.
        "arranged": hooks.reception_for(unit.edition_id, confirmed) if confirmed else {},
        "values": {"language": "en" if is_en() else "zh-hans"},
        "category_choices": [(c.code, localized(c)) for c, _q, _u in selectors.unit_quotas(unit)],
        "field_labels": _field_labels(),
        "errors": {},
        "S": S,
        **extra,
    }


def _field_labels() -> dict:
    en = is_en()
    return {
        key: header.split(" ", 1)[1] if en else header.split(" ", 1)[0]
        for key, header, _rule in spreadsheet.COLUMNS
    }


@require_http_methods(["GET", "POST"])
def unit_page(request: HttpRequest, token: str) -> HttpResponse:
    if (blocked := _throttled(request)) is not None:
        return blocked
    unit = _unit_or_404(token)
    status = 200
    extra = {}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in PERSON_KEYS}
        try:
            result = services.add_person(unit=unit, data=values, consent=request.POST.get("consent") == "on")
        except DomainError as exc:
            extra = {"values": values, "errors": {exc.field or "__all__": exc.message}, "open_add": True}
            status = exc.status_code
        else:
            messages.success(request, _added_text(result.registration.name))
            return _no_referrer(redirect(reverse("unit", kwargs={"token": token}) + "#people"))
    context = _unit_context(unit, token, **extra)
    context["flash"] = [str(m) for m in messages.get_messages(request)]
    return _no_referrer(render(request, "units/unit.html", context, status=status))


def _added_text(name: str) -> str:
    return f"{name} · " + _("added; their ticket is on its way by e-mail.")


@require_POST
def unit_upload(request: HttpRequest, token: str) -> HttpResponse:
    """Step 1 (`check`): the verdict per row, nothing written. Step 2 (`import`, the same file carried
    back in the form): import all rows, or none if a row has an error."""
    if (blocked := _throttled(request)) is not None:
        return blocked
    unit = _unit_or_404(token)
    upload = request.FILES.get("file")
    if upload is not None:
        content = upload.read(spreadsheet.MAX_BYTES + 1)
    else:
        try:
            content = base64.b64decode(request.POST.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            content = b""
    confirm = request.POST.get("step") == "import"
    try:
        result = people_import.import_people(unit=unit, content=content, dry_run=not confirm)
    except DomainError as exc:
        context = _unit_context(unit, token, upload_error=exc.message)
        return _no_referrer(render(request, "units/unit.html", context, status=exc.status_code))
    if confirm and not result.errors:
        messages.success(
            request,
            _("Imported: %(added)d added, %(updated)d updated.")
            % {"added": result.created, "updated": result.updated},
        )
        return _no_referrer(redirect(reverse("unit", kwargs={"token": token}) + "#people"))
    context = _unit_context(
        unit,
        token,
        verdict=result,
        content=base64.b64encode(content).decode() if not result.errors else "",
        filename=getattr(upload, "name", "") or request.POST.get("filename", ""),
    )
    return _no_referrer(render(request, "units/verdict.html", context, status=200))


@require_http_methods(["GET", "POST"])
def unit_substitute(request: HttpRequest, token: str, code: str) -> HttpResponse:
    if (blocked := _throttled(request)) is not None:
        return blocked
    unit = _unit_or_404(token)
    try:
        old = selectors.unit_person(unit, code)
    except NotFound:
        raise Http404("No such person")
    values = {"language": old.language}
    errors = {}
    status = 200
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in PERSON_KEYS if k != "category"}
        try:
            consent = request.POST.get("consent") == "on"
            result = services.substitute_person(unit=unit, code=code, data=values, consent=consent)
        except DomainError as exc:
            errors = {exc.field or "__all__": exc.message}
            status = exc.status_code
        else:
            new = result.registration
            messages.success(
                request,
                _("%(old)s → %(new)s: the old ticket no longer admits; %(new)s gets a new one by e-mail.")
                % {"old": old.name, "new": new.name},
            )
            return _no_referrer(redirect(reverse("unit", kwargs={"token": token}) + "#people"))
    context = {
        "unit": unit,
        "edition": unit.edition,
        "token": token,
        "old": old,
        "values": values,
        "errors": errors,
    }
    return _no_referrer(render(request, "units/substitute.html", context, status=status))


def _reply_page(request, *, reg, back: str, template_context: dict) -> HttpResponse:
    fields = reply_form.asked_fields(reg.edition)
    reply = selectors.reply_of(reg)
    errors: dict = {}
    status = 200
    saved = False
    values = {f: getattr(reply, f) if reply else None for f in fields}
    if request.method == "POST":
        data = {}
        for f in fields:
            kind = ReplyForm._meta.get_field(f).get_internal_type()
            raw = request.POST.get(f, "")
            data[f] = {"yes": True, "no": False}.get(raw) if kind == "BooleanField" else raw.strip()
        try:
            reply = reply_form.save_reply(registration_obj=reg, data=data)
        except DomainError as exc:
            errors = {exc.field or "__all__": exc.message}
            status = exc.status_code
            values = data
        else:
            saved = True
            values = {f: getattr(reply, f) for f in fields}
    context = {
        "reg": reg,
        "edition": reg.edition,
        "fields": fields,
        "sections": [s for s in REPLY_SECTIONS if s in (reg.edition.reply_sections or [])],
        "values": values,
        "errors": errors,
        "saved": saved,
        "back": back,
        "room_choices": [
            (value, label.split(" ", 1)[1] if is_en() else label.split(" ", 1)[0])
            for value, label in ReplyForm.RoomType.choices
        ],
        "gender_choices": [
            (value, label.split(" ", 1)[1] if is_en() else label.split(" ", 1)[0])
            for value, label in ReplyForm.Gender.choices
        ],
        "confirmed": reg.status == S.CONFIRMED,
        **template_context,
    }
    return _no_referrer(render(request, "units/reply.html", context, status=status))


@require_http_methods(["GET", "POST"])
def unit_reply(request: HttpRequest, token: str, code: str) -> HttpResponse:
    if (blocked := _throttled(request)) is not None:
        return blocked
    unit = _unit_or_404(token)
    try:
        reg = selectors.unit_person(unit, code)
    except NotFound:
        raise Http404("No such person")
    return _reply_page(
        request, reg=reg, back=reverse("unit", kwargs={"token": token}) + "#people", template_context={}
    )


@require_http_methods(["GET", "POST"])
def manage_reply(request: HttpRequest, token: str) -> HttpResponse:
    if (blocked := _throttled(request)) is not None:
        return blocked
    try:
        reg = registration_services.get_registration_by_token(token)
    except NotFound:
        raise Http404("No registration for this link")
    return _reply_page(request, reg=reg, back=reverse("manage", kwargs={"token": token}), template_context={})
