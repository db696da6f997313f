"""What every page of every app may import: the edition from the URL (or 404), the staff flag check, and
the page's language. Views import these from here, never from another app's view module."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import render
from django.utils import translation

from organizers.permissions import FLAGS, allowed

from . import selectors
from .auth import edition_ref
from .exceptions import InvalidInput, NotFound
from .language import is_en  # noqa: F401  (pages import the language from here, as they always have)
from .models import Edition


def too_many_message() -> str:
    if is_en():
        return "Too many attempts from your network; please wait a minute and try again."
    return "操作过于频繁，请稍候再试。"


def get_edition_or_404(slug: str) -> Edition:
    try:
        return selectors.get_edition(slug)
    except NotFound:
        raise Http404("No such edition")


def get_public_edition_or_404(request, slug: str) -> Edition:
    """A public page's edition: a draft is a 404, except for staff who reach it (they preview it)."""

    edition = get_edition_or_404(slug)
    if not edition.published and not (
        request.user.is_authenticated and allowed(request.user, FLAGS, edition=edition)
    ):
        raise Http404("No such edition")
    return edition


def flag_required(*flags: str):
    """A staff page needing any of `flags` (organizers.permissions) for the edition of the URL's `slug` when
    it has one: the login page for a stranger, 403 for a signed-in user without the flag there."""
    # organizers' models import events' models: loaded once both apps are (the decision lives there)
    from organizers.permissions import allowed

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            edition = None
            if "slug" in kwargs:
                try:
                    edition = edition_ref(kwargs["slug"])
                except NotFound:
                    raise Http404("No such edition")
            if not allowed(request.user, flags, edition=edition):
                return HttpResponseForbidden(
                    render(request, "staff/forbidden.html", {"role": " / ".join(flags)}, status=403).content
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def uploaded_bytes(file, limit: int | None = None) -> bytes:
    """The bytes of an uploaded file (multipart field `file`), at most `limit` (+1, so the reader can tell a
    file too large). No file, or one the multipart parser dropped (an empty or unnamed part), is a 422 naming
    the field, in the request's language, rather than the schema validator's bare "required"."""
    if file is None:
        raise InvalidInput(translation.gettext("Choose a file to upload."), field="file")
    return file.read(limit + 1) if limit is not None else file.read()
