"""The report API: the figures as JSON, the printed report (PDF) and its data (XLSX)."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from documents.spreadsheets import XLSX_MEDIA_TYPE
from events import selectors as event_selectors
from events.auth import staff

from . import documents, figures
from .schemas import ReportLang, ReportOut

router = Router(tags=["reports"])
READERS = staff("reports", "view")


@router.get("/events/{slug}/report", response=ReportOut, auth=READERS)
def edition_report(request: HttpRequest, slug: str, compare: str | None = None):
    """The edition in figures; `compare` names another edition of the series (default: the previous one)."""
    return figures.report(event_selectors.get_edition(slug), compare=compare)


def _lang(request: HttpRequest, lang: str | None) -> str:
    if lang:
        return lang
    return "en" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en") else "zh-hans"


@router.get("/events/{slug}/report.pdf", auth=READERS)
def edition_report_pdf(
    request: HttpRequest, slug: str, lang: ReportLang | None = None, compare: str | None = None
):
    """The printed report for the leaders: A4, every chart with its data table; `lang` zh-hans or en
    (default: the request's language)."""
    edition = event_selectors.get_edition(slug)
    data = documents.report_pdf(figures.report(edition, compare=compare), _lang(request, lang))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-{edition.slug}.pdf"'
    return response


@router.get("/events/{slug}/report.xlsx", auth=READERS)
def edition_report_xlsx(request: HttpRequest, slug: str, compare: str | None = None):
    """The data of every chart, a sheet each, with bilingual headers."""
    edition = event_selectors.get_edition(slug)
    data = documents.report_xlsx(figures.report(edition, compare=compare))
    response = HttpResponse(data, content_type=XLSX_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="report-{edition.slug}.xlsx"'
    return response
