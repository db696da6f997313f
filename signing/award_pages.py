"""The staff signing page's award forms: issue an award, revoke one with a reason, add or edit a title. Each
calls one service of signing/; a refused form comes back with its values and the reason (4xx)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.access import flag_required, get_edition_or_404
from events.exceptions import DomainError, NotFound

from . import award_titles, selectors, services
from .views import signing_context


def _back(slug: str, anchor: str) -> HttpResponse:
    return redirect(reverse("staff_signing", kwargs={"slug": slug}) + f"#{anchor}")


def _refused(request: HttpRequest, edition, form: str, error: DomainError) -> HttpResponse:
    context = signing_context(
        request,
        edition,
        form={**request.POST.dict(), "_form": form},
        errors={form: error.message, "field": error.field},
    )
    return render(request, "signing/staff_signing.html", context, status=error.status_code)


@require_POST
@flag_required("signing")
def issue(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    data = request.POST
    try:
        award = services.issue_award(
            title=data.get("title", ""),
            recipient=data.get("recipient", "").strip(),
            edition=edition,
            issued_on=data.get("issued_on") or None,
            valid_until=data.get("valid_until") or None,
            document_number=data.get("document_number", ""),
            batch=data.get("batch", "").strip() or None,
        )
    except DomainError as e:
        return _refused(request, edition, "issue", e)
    messages.success(
        request,
        _("Awarded %(title)s to %(recipient)s: certificate %(serial)s.")
        % {"title": award.title.name, "recipient": award.recipient.name, "serial": award.serial},
    )
    return _back(slug, f"award-{award.serial}")


@require_POST
@flag_required("signing")
def revoke(request: HttpRequest, slug: str, serial: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    try:
        award = selectors.get_award(serial)
    except NotFound:
        raise Http404("No such award")
    if award.edition_id != edition.pk:
        raise Http404("No such award in this edition")
    try:
        services.revoke_award(award=award, reason=request.POST.get("reason", ""))
    except DomainError as e:
        return _refused(request, edition, f"revoke-{serial}", e)
    messages.success(request, _("Certificate %(serial)s is revoked.") % {"serial": serial})
    return _back(slug, f"award-{serial}")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@require_POST
@flag_required("signing")
def save_title(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    data = request.POST
    form = f"title-{data.get('editing')}" if data.get("editing") else "title-new"
    if data.get("editing") and data.get("code") != data.get("editing"):
        return _refused(
            request, edition, form, DomainError(_("The code of a title does not change."), field="code")
        )
    try:
        title = award_titles.define_award_title(
            code=data.get("code", ""),
            name=data.get("name", ""),
            name_en=data.get("name_en", ""),
            issuers=_lines(data.get("issuers", "")),
            issuers_en=_lines(data.get("issuers_en", "")),
            validity_years=data.get("validity_years", "").strip() or None,
            batch=data.get("batch", ""),
        )
    except DomainError as e:
        return _refused(request, edition, form, e)
    messages.success(request, _("Award title %(name)s saved.") % {"name": title.name})
    return _back(slug, "titles")
