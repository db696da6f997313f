"""The staff page /staff/e/{slug}/report: the same charts as the PDF, each with its data table."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from events.access import flag_required, get_edition_or_404
from events.exceptions import InvalidInput

from . import documents, figures


@flag_required("reports", "view")
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    compare = request.GET.get("compare") or None
    lang = "en" if (translation.get_language() or "").startswith("en") else "zh-hans"
    try:
        report = figures.report(edition, compare=compare)
        error = ""
    except InvalidInput as exc:
        report, error = figures.report(edition), exc.message
    context = documents.page_context(report, lang)
    others = figures.series_editions(edition)
    return render(
        request,
        "reports/report.html",
        {**context, "edition": edition, "error": error, "others": others, "compare": compare or ""},
    )
