"""Error pages in the site's layout and the request's language: Django's handlers (config/urls.py) and the
pages that know more than "not found" (an unknown certificate number, a replaced unit link) call
`error_page` with their own words."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .access import too_many_message


class ExplainedNotFound(Http404):
    """Raised by a page that knows why there is nothing to show: the 404 handler prints its words (and its
    status: 410 for a link that was withdrawn)."""

    def __init__(self, *, title: str, message: str, hint: str = "", status: int = 404):
        super().__init__(message)
        self.status, self.title, self.message, self.hint = status, str(title), str(message), str(hint)


def error_page(
    request: HttpRequest, status: int, *, title: str, message: str, hint: str = "", **context
) -> HttpResponse:
    """A page saying what happened and what to do next (`hint`), with the HTTP status it is."""
    page = {"status": status, "title": title, "message": message, "hint": hint, **context}
    response = render(request, "errors/error.html", page, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": _("No such edition or record.")}, status=404)
    if isinstance(exception, ExplainedNotFound):
        e = exception
        return error_page(request, e.status, title=e.title, message=e.message, hint=e.hint)
    return error_page(
        request,
        404,
        title=_("Page not found"),
        message=_("There is no page at this address."),
        hint=_("Check the address, or start again from the list of conferences."),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return JsonResponse({"detail": _("The user lacks the role.")}, status=403)
    return error_page(
        request,
        403,
        title=_("Not allowed"),
        message=_("Your account may not open this page."),
        hint=_("Ask the organiser of the conference for access."),
    )


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        429,
        title=_("Too many requests"),
        message=too_many_message(),
        hint=_("The page opens again by itself after a minute."),
    )
