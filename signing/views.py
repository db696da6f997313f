"""Pages: the public verification page (from a certificate's QR) and the staff pages."""

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.access import flag_required, get_edition_or_404
from events.error_pages import ExplainedNotFound, too_many_requests
from events.exceptions import NotFound
from events.models import Organization
from events.privacy.access_log import log_staff_access
from events.throttles import page_allowed
from organizers.permissions import allowed, editions_for, grants_of

from . import documents, selectors


def verify(request: HttpRequest, serial: str) -> HttpResponse:
    if not page_allowed(request, "verify"):
        return too_many_requests(request)
    try:
        award = selectors.get_award(serial)
    except NotFound:
        # Says only what the visitor typed: nothing about which numbers exist.
        raise ExplainedNotFound(
            title=_("No such certificate"),
            message=_("No certificate with the number %(serial)s was issued here.") % {"serial": serial[:60]},
            hint=_(
                "Check the number printed under the certificate's QR code. A certificate whose number is "
                "not found here was not issued by this organiser: ask the body named on it as issuer."
            ),
        )
    context = {"award": selectors.award_out(award), "today": timezone.localdate()}
    response = render(request, "signing/verify.html", context)
    response["Cache-Control"] = "no-cache"  # a revocation must show at once
    return response


@flag_required("signing", "view")
def staff_signing(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    return render(request, "signing/staff_signing.html", signing_context(request, edition))


def signing_context(request: HttpRequest, edition, **extra) -> dict:
    """The staff signing page's data; the award forms (signing/award_pages.py) render it again with the
    refused form's values and message."""
    projects = selectors.project_list(edition)
    return {
        "edition": edition,
        "projects": projects,
        "summary": selectors.press_summary(edition, projects),
        "awards": [selectors.award_out(a) for a in selectors.edition_awards(edition)],
        "kinds": documents.KINDS,
        "can_print": allowed(request.user, "signing", edition=edition),
        "can_award": allowed(request.user, "signing", edition=edition),
        "titles": selectors.award_titles(),
        "organizations": Organization.objects.order_by("name").values_list("name", flat=True),
        "form": {},
        "errors": {},
        **extra,
    }


def _reached(request):
    """The editions whose organisations the user may see (None: every edition, a site administrator). The
    registry is shared by name across organisers; each sees the organisations of its own editions only."""
    if grants_of(request.user).everything:
        return None
    return list(editions_for(request.user, ("registrations", "signing", "view")).values_list("pk", flat=True))


@flag_required("registrations", "signing", "view")
def staff_organizations(request: HttpRequest) -> HttpResponse:
    editions = _reached(request)
    if editions is None:
        orgs = Organization.objects.annotate(
            n_registrations=Count("registrations", distinct=True),
            n_signings=Count("signing_parties", distinct=True),
            n_awards=Count("awards", distinct=True),
        )
    else:
        reg = Q(registrations__edition__in=editions)
        party = Q(signing_parties__project__edition__in=editions)
        award = Q(awards__edition__in=editions)
        known = Organization.objects.filter(reg | party | award).values("pk")
        orgs = Organization.objects.filter(pk__in=known).annotate(
            n_registrations=Count("registrations", filter=reg, distinct=True),
            n_signings=Count("signing_parties", filter=party, distinct=True),
            n_awards=Count("awards", filter=award, distinct=True),
        )
    orgs = orgs.order_by("name")
    return render(request, "signing/staff_organizations.html", {"organizations": orgs})


@flag_required("registrations", "signing", "view")
def staff_organization(request: HttpRequest, org_id: int) -> HttpResponse:
    editions = _reached(request)
    try:
        record = selectors.organization_record(selectors.get_organization(org_id), editions=editions)
    except NotFound:
        raise Http404("No such organisation")
    if editions is not None and not (record["registrations"] or record["parties"] or record["awards"]):
        raise Http404("No such organisation")  # none of the user's editions knows it
    today = timezone.localdate()
    record["award_rows"] = [selectors.award_out(a, today) for a in record["awards"]]
    # Attendees' names across editions are personal data: organisers see them, and the access is logged;
    # a viewer sees which editions the organisation came to and in which category, without names.
    # (holding `registrations` on each edition listed)
    record["show_people"] = all(
        allowed(request.user, "registrations", edition=r.edition) for r in record["registrations"]
    )
    if record["show_people"] and record["registrations"]:
        log_staff_access(
            user=request.user,
            action="view_organization",
            target=f"organization {record['organization'].pk}",
            path=request.path,
        )
    return render(request, "signing/staff_organization.html", record)
