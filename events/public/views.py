"""The attendee's pages (wired in config/urls.py): thin translations of HTTP into service calls."""

import re

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from documents.qr import qr_svg

from .. import hooks, selectors
from ..access import get_public_edition_or_404, is_en, too_many_message
from ..enums import RegistrationStatus
from ..error_pages import ExplainedNotFound, too_many_requests
from ..exceptions import DomainError, NotFound
from ..models import Edition, Series
from ..registration import links as registration_links
from ..registration import services
from ..registration import window as registration_window
from ..registration.forms import RegistrationForm, refused, registration_fields, submit_edit
from ..registration.link_resend import register_by_mail
from ..registration.selectors import export_personal_data
from ..service_worker import offline_worker
from ..throttles import page_allowed
from ..units import services as unit_services


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # The manage link carries a secret in its URL: never leak it to other sites. "same-origin", not
    # "no-referrer": with no-referrer Chromium posts `Origin: null` and Django's CSRF check refuses every
    # form on the page (Save, Cancel, the language switch).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _open_after_end(edition: Edition):
    """The date registration stays open until, when that is after the edition has ended (the demo)."""
    closes = edition.registration_closes_at
    if closes and closes > registration_window.edition_ends_at(edition):
        return closes.astimezone(registration_window.edition_ends_at(edition).tzinfo).date()
    return None


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "events/home.html", {"editions": selectors.public_editions()})


def series_home(request: HttpRequest, slug: str) -> HttpResponse:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise Http404("No such series")
    editions = series.editions.filter(published=True).order_by("-starts_on")
    return render(request, "events/series.html", {"series": series, "editions": editions})


def edition_home(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_public_edition_or_404(request, slug)
    categories = [c for c in selectors.categories_with_counts(edition) if c.public]
    return render(
        request,
        "events/edition.html",
        {
            "edition": edition,
            "categories": categories,
            "registration_open": registration_window.registration_open(edition),
            "open_after_end": _open_after_end(edition),
        },
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_public_edition_or_404(request, slug)
    categories = [c for c in selectors.categories_with_counts(edition) if c.public]
    notice = services.current_consent_notice(edition)
    en = is_en()
    # Preselect what a newcomer may simply register for: the first category that needs no approval.
    open_to_all = next((c.code for c in categories if not c.requires_approval), "")
    initial = {"language": "en" if en else "zh-hans", "category": request.GET.get("category") or open_to_all}
    form = RegistrationForm(request.POST or None, categories=categories, en=en, initial=initial)
    status = 200
    if request.method == "POST" and not page_allowed(request, "register"):
        form.is_valid()
        form.add_error(None, too_many_message())
        status = 429
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                # The same answer for a new address and for one already registered (events/registration/link_resend.py):
                # the private link goes by e-mail only.
                register_by_mail(
                    edition=edition, **registration_fields(data, language="en" if en else "zh-hans")
                )
            except DomainError as exc:
                status = refused(form, exc)
            else:
                return render(
                    request, "events/check_email.html", {"edition": edition, "email": data["email"].strip()}
                )
        else:
            status = 422
    return render(
        request,
        "events/register.html",
        {
            "edition": edition,
            "form": form,
            "categories": categories,
            "notice": notice,
            "registration_open": registration_window.registration_open(edition),
            "open_after_end": _open_after_end(edition),
        },
        status=status,
    )


def _registration_or_404(token: str):
    try:
        return services.get_registration_by_token(token)
    except NotFound:
        raise ExplainedNotFound(
            title=_("No registration for this link"),
            message=_("This link does not open a registration: it may be mistyped, cut short or replaced."),
            hint=_(
                "If you registered again with the same e-mail address, the newest e-mail holds your current "
                "link; the organiser can also send it again."
            ),
        )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    if not page_allowed(request, "manage"):
        return _throttled_link(request)
    reg = _registration_or_404(token)
    form, reg, status, saved = submit_edit(request, reg, en=is_en())
    token_value = registration_links.ticket_token_for(reg)
    context = {
        "reg": reg,
        "edition": reg.edition,
        "form": form,
        "token": token,
        "ticket_token": token_value,
        "qr": qr_svg(token_value) if token_value else None,
        "is_new": request.GET.get("new") == "1",
        "saved": saved,
        "S": RegistrationStatus,
        "can_change": reg.status not in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED),
        "seats": hooks.seats_for(reg.edition_id, [reg.code]).get(reg.code, [])
        if reg.status == RegistrationStatus.CONFIRMED
        else [],
        # {stay?, pickup?}: the room and the car reception arranged (events.hooks), shown on the ticket page.
        "arranged": hooks.reception_for(reg.edition_id, [reg.code]).get(reg.code, {})
        if reg.status == RegistrationStatus.CONFIRMED
        else {},
        # Registered by their unit, whose contact attested their consent: the notice on the first visit.
        "first_notice": unit_services.notice_on_first_visit(reg) if request.method == "GET" else None,
    }
    return _no_referrer(render(request, "events/manage.html", context, status=status))


TICKET_ASSETS = ("css/huiwu.css", "favicon.svg", "js/confirm.js", "js/forms.js", "js/ticket-offline.js")
_LINK_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,100}$")


def manage_worker(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket page's service worker (it keeps the page, QR included, on the attendee's phone for when the
    hall has no network). The same script for every link and no lookup: it reveals nothing about a token."""
    if not _LINK_TOKEN.match(token):
        raise Http404
    # Registered with the page itself as its scope ("/r/<token>", one level above this script). A cancelled
    # or changed registration shows at once with a network; a page gone (404, 410) leaves no copy behind.
    response = offline_worker(
        prefix="huiwu-ticket-",
        assets=[static(name) for name in TICKET_ASSETS],
        allowed=reverse("manage", kwargs={"token": token}),
        timeout_ms=4000,
        forget_gone=True,
    )
    response["Referrer-Policy"] = "same-origin"
    return response


def _throttled_link(request: HttpRequest) -> HttpResponse:
    return _no_referrer(too_many_requests(request))


@require_POST
def manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    if not page_allowed(request, "manage"):
        return _throttled_link(request)
    reg = _registration_or_404(token)
    try:
        services.cancel_registration(registration=reg)
    except DomainError:
        pass
    return _no_referrer(redirect("manage", token=token))


def manage_export(request: HttpRequest, token: str) -> HttpResponse:

    if not page_allowed(request, "manage"):
        return _throttled_link(request)
    reg = _registration_or_404(token)
    response = JsonResponse(export_personal_data(reg), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="huiwu-{reg.code}.json"'
    return _no_referrer(response)


def manage_ticket_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The holder's printable ticket: ?size=a4 (default) or phone."""
    # WeasyPrint loads only when a PDF is made: a heavy import kept off every other request
    from ..registration import ticket_pdf

    if not page_allowed(request, "manage"):
        return _throttled_link(request)
    reg = _registration_or_404(token)
    try:
        pdf = ticket_pdf.ticket_pdf(reg, request.GET.get("size") or "a4")
    except DomainError as exc:
        return _no_referrer(
            HttpResponse(exc.message, status=exc.status_code, content_type="text/plain; charset=utf-8")
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{reg.code}.pdf"'
    return _no_referrer(response)
