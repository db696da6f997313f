"""Pages of units: the contact's page /u/{token} (delegation, add, upload, substitute, reply forms, letters),
the reply form through the manage link /r/{token}/reply, and the organiser's /staff/e/{slug}/units."""

import base64
import binascii

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organizers.permissions import allowed

from ..access import flag_required, get_edition_or_404, is_en, too_many_message
from ..enums import ACTIVE_STATUSES
from ..enums import RegistrationStatus as S
from ..exceptions import DomainError, NotFound
from ..privacy.access_log import log_staff_access
from ..registration import services as registration_services
from ..throttles import page_allowed
from . import people_import, reply_form, selectors, services, spreadsheet, units_import
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
    except NotFound:
        raise Http404("No unit for this link")


def _throttled(request) -> HttpResponse | None:
    if not page_allowed(request, "manage"):
        return _no_referrer(
            HttpResponse(too_many_message(), status=429, content_type="text/plain; charset=utf-8")
        )
    return None


def _unit_context(unit, token: str, **extra) -> dict:
    people = selectors.unit_people(unit)
    return {
        "unit": unit,
        "edition": unit.edition,
        "token": token,
        "quotas": selectors.unit_quotas(unit),
        "people": [p for p in people if p.status in ACTIVE_STATUSES],
        "former": [p for p in people if p.status not in ACTIVE_STATUSES],
        "substitutions": selectors.substitutions(unit),
        "asks_reply": bool(reply_form.asked_fields(unit.edition)),
        "values": {"language": "en" if is_en() else "zh-hans"},
        "category_choices": [
            (c.code, (c.name_en or c.name) if is_en() else c.name)
            for c, _q, _u in selectors.unit_quotas(unit)
        ],
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
            return _no_referrer(redirect(f"/u/{token}#people"))
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
        return _no_referrer(redirect(f"/u/{token}#people"))
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
            result = services.substitute_person(unit=unit, code=code, data=values)
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
            return _no_referrer(redirect(f"/u/{token}#people"))
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
    return _reply_page(request, reg=reg, back=f"/u/{token}#people", template_context={})


@require_http_methods(["GET", "POST"])
def manage_reply(request: HttpRequest, token: str) -> HttpResponse:
    if (blocked := _throttled(request)) is not None:
        return blocked
    try:
        reg = registration_services.get_registration_by_token(token)
    except NotFound:
        raise Http404("No registration for this link")
    return _reply_page(request, reg=reg, back=f"/r/{token}", template_context={})


# --- the organiser's view ----------------------------------------------------------------------------


@flag_required("units", "view")
@require_http_methods(["GET", "POST"])
def staff_units(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    can_edit = allowed(request.user, "units", edition=edition)
    categories = list(edition.categories.all())
    new_links: list[tuple[str, str]] = []
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not can_edit:
            return HttpResponse("Organisers only.", status=403)
        action = request.POST.get("action")
        try:
            if action == "add":
                quotas = {}
                for c in categories:
                    raw = request.POST.get(f"quota_{c.code}", "").strip()
                    if raw:
                        quotas[c.code] = int(raw) if raw.isdigit() else raw
                unit, token = services.create_unit(
                    edition=edition,
                    organization=request.POST.get("organization", ""),
                    quotas=quotas,
                    contact_name=request.POST.get("contact_name", ""),
                    contact_email=request.POST.get("contact_email", ""),
                    contact_phone=request.POST.get("contact_phone", ""),
                )
                new_links.append((unit.organization.name, request.build_absolute_uri(f"/u/{token}")))
            elif action == "import":
                upload = request.FILES.get("file")
                result = units_import.import_units(
                    edition=edition, content=upload.read(spreadsheet.MAX_BYTES + 1) if upload else b""
                )
                for e in result.errors:
                    row = _("Row %(row)s") % {"row": e["row"]}
                    errors.append(f"{row}: {e['message']}")
                if result.errors:
                    errors.insert(
                        0,
                        _("Nothing was imported: correct these rows and upload the file again."),
                    )
                    status = 422
                for unit, token in result.created:
                    new_links.append((unit.organization.name, request.build_absolute_uri(f"/u/{token}")))
                if result.created or result.updated:
                    messages.success(
                        request,
                        _("Imported: %(added)d units added, %(updated)d updated.")
                        % {"added": len(result.created), "updated": len(result.updated)},
                    )
            elif action in ("link", "send"):
                unit = edition.units.select_related("organization", "edition").get(
                    pk=int(request.POST.get("unit", 0))
                )
                token = services.new_unit_link(unit=unit, send=action == "send")
                new_links.append((unit.organization.name, request.build_absolute_uri(f"/u/{token}")))
        except DomainError as exc:
            errors.append(exc.message)
            status = exc.status_code
        except (ValueError, edition.units.model.DoesNotExist):
            errors.append(_("No such unit."))
            status = 404
    log_staff_access(user=request.user, action="view_units", edition=edition, path=request.path)
    rows = selectors.unit_rows(edition)
    context = {
        "edition": edition,
        "rows": rows,
        "not_replied": [r for r in rows if not r["replied"]],
        "categories": categories,
        "can_edit": can_edit,
        "new_links": new_links,
        "errors": errors,
        "sections": REPLY_SECTIONS,
    }
    response = render(request, "units/staff_units.html", context, status=status)
    if new_links:
        response["Cache-Control"] = "private, no-store"
    return response


@flag_required("units", "settings")
@require_POST
def staff_reply_sections(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    reply_form.set_reply_sections(edition=edition, sections=request.POST.getlist("sections"))
    messages.success(request, _("Saved."))
    return redirect(f"/staff/e/{slug}/units")
