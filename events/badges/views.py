"""Staff documents page: badge jobs with progress, and links to the edition's other print documents (the
letters job's form posts to events.units.staff_views.start_letters)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import hooks, selectors
from ..access import flag_required, get_edition_or_404
from ..jobs.services import job_out
from ..models import Job
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
            "jobs": [job_out(job) for job in jobs],
            "letter_jobs": [
                job_out(job)
                for job in Job.objects.filter(edition=edition, kind=Job.Kind.INVITATIONS).order_by(
                    "-created_at"
                )[:5]
            ],
            "documents": hooks.documents_for(edition),  # each app lists its own (events.hooks)
        },
    )
