"""The organiser's units page (/staff/e/{slug}/units): add units one by one or from a list, edit their
quotas and contacts in place, make a unit's link or send the current one, choose the reply-form sections."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organizers.permissions import allowed

from ..access import flag_required, get_edition_or_404
from ..exceptions import DomainError
from ..privacy.access_log import log_staff_access
from . import invitations, links, reply_form, selectors, services, spreadsheet, units_import
from .models import REPLY_SECTIONS


def _quotas(request: HttpRequest, categories) -> dict:
    quotas = {}
    for c in categories:
        raw = request.POST.get(f"quota_{c.code}", "").strip()
        if raw:
            quotas[c.code] = int(raw) if raw.isdigit() else raw
    return quotas


def _contact(request: HttpRequest) -> dict:
    return {key: request.POST.get(key, "") for key in ("contact_name", "contact_email", "contact_phone")}


@flag_required("units", "view")
@require_http_methods(["GET", "POST"])
def staff_units(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    can_edit = allowed(request.user, "units", edition=edition)
    categories = list(edition.categories.all())
    new_links: list[tuple[str, str]] = []
    ask_new_link = None
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not can_edit:
            return HttpResponse("Organisers only.", status=403)
        action = request.POST.get("action")
        try:
            if action == "add":
                unit, token = services.create_unit(
                    edition=edition,
                    organization=request.POST.get("organization", ""),
                    quotas=_quotas(request, categories),
                    **_contact(request),
                )
                new_links.append(
                    (
                        unit.organization.name,
                        request.build_absolute_uri(reverse("unit", kwargs={"token": token})),
                    )
                )
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
                    new_links.append(
                        (
                            unit.organization.name,
                            request.build_absolute_uri(reverse("unit", kwargs={"token": token})),
                        )
                    )
                if result.created or result.updated:
                    messages.success(
                        request,
                        _("Imported: %(added)d units added, %(updated)d updated.")
                        % {"added": len(result.created), "updated": len(result.updated)},
                    )
            elif action in ("link", "send", "send_new", "edit"):
                unit = edition.units.select_related("organization", "edition").get(
                    pk=int(request.POST.get("unit", 0))
                )
                if action == "send":
                    try:
                        to = links.send_current_link(unit=unit)
                    except links.NoKeptLink:
                        ask_new_link = unit.pk  # the page asks before a new link replaces the old one
                        raise
                    messages.success(
                        request,
                        _("The current link of %(unit)s was sent to %(to)s; the link you copied still works.")
                        % {"unit": unit.organization.name, "to": to},
                    )
                elif action == "edit":
                    services.update_unit(unit=unit, quotas=_quotas(request, categories), **_contact(request))
                    messages.success(request, _("%(unit)s saved.") % {"unit": unit.organization.name})
                else:
                    token = services.new_unit_link(unit=unit, send=action == "send_new")
                    new_links.append(
                        (
                            unit.organization.name,
                            request.build_absolute_uri(reverse("unit", kwargs={"token": token})),
                        )
                    )
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
        "ask_new_link": ask_new_link,
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
    return redirect("staff_units", slug=slug)


@flag_required("documents")
@require_POST
def start_letters(request: HttpRequest, slug: str) -> HttpResponse:
    """Every invitation letter (邀请函) of the edition as one PDF, as a background job; its progress is on
    the documents page."""

    edition = get_edition_or_404(slug)
    try:
        invitations.start_letters_job(
            edition=edition, user=request.user, lang=request.POST.get("lang") or None
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("staff_documents", kwargs={"slug": slug}) + "#letters")
