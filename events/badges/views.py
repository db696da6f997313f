"""Staff documents page: badge jobs with progress, and links to the edition's other print documents."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import hooks, selectors
from ..access import flag_required, get_edition_or_404
from ..exceptions import DomainError
from ..models import Job
from . import jobs as badge_jobs
from .render import SIZES


@flag_required("documents")
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    counts = {c.code: c.n_confirmed for c in selectors.categories_with_counts(edition)}
    jobs = Job.objects.filter(edition=edition, kind=Job.Kind.BADGES).order_by("-created_at")[:10]
    return render(
        request,
        "staff/documents.html",
        {
            "edition": edition,
            "categories": selectors.categories_with_counts(edition),
            "confirmed_total": sum(counts.values()),
            "sizes": SIZES,
            "jobs": [badge_jobs.job_out(job) for job in jobs],
            "letter_jobs": [
                badge_jobs.job_out(job)
                for job in Job.objects.filter(edition=edition, kind=Job.Kind.INVITATIONS).order_by(
                    "-created_at"
                )[:5]
            ],
            "documents": hooks.documents_for(edition),  # each app lists its own (events.hooks)
        },
    )


@flag_required("documents")
@require_POST
def start_letters(request: HttpRequest, slug: str) -> HttpResponse:
    """Every invitation letter (邀请函) of the edition as one PDF, as a background job; its progress is on
    the documents page."""

    edition = get_edition_or_404(slug)
    try:
        badge_jobs.start_letters_job(
            edition=edition, user=request.user, lang=request.POST.get("lang") or None
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("staff_documents", kwargs={"slug": slug}) + "#letters")
