"""Pages: the public agenda (/e/{slug}/agenda) and the organisers' planning board (/staff/e/{slug}/agenda)."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from events.access import flag_required, get_edition_or_404, get_public_edition_or_404
from events.exceptions import DomainError
from events.models import Category

from . import selectors, services
from .board import planning_board, stale_sessions
from .enums import ChangeType, ConflictKind, SessionKind
from .forms import PublishForm, SessionForm
from .services import AgendaConflict

# value -> label, said in the page's language when the page is drawn (the choices' labels are translated).
KINDS = {k.value: k.label for k in SessionKind}
CHANGES = {c.value: c.label for c in ChangeType}
CONFLICTS = {c.value: c.label for c in ConflictKind}


def _at(request: HttpRequest, tz) -> dt.datetime:
    """Now, or the `?at=` instant (ISO, local time) so organisers can preview the day before it comes."""
    raw = request.GET.get("at")
    if raw:
        try:
            value = dt.datetime.fromisoformat(raw)
            return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(tz)
        except (ValueError, OverflowError):  # not a time, or one with no instant (year 1 at +14:00): ignored
            pass
    return timezone.now().astimezone(tz)


def agenda_page(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_public_edition_or_404(request, slug)
    tz = selectors.edition_tz(edition)
    release = selectors.latest_release(edition)
    days, now_ids, next_ids, today = [], [], [], None
    if release is not None:
        days = selectors.programme_days(release.snapshot, [r.name for r in selectors.rooms(edition)], tz)
        at = _at(request, tz).astimezone(tz)
        today = next((d for d in days if d["date"] == at.date()), None)
        if today is not None:
            now_ids, next_ids = selectors.now_and_next(today["sessions"], at)
    context = {
        "edition": edition,
        "release": release,
        "days": days,
        "today": today,
        "now_ids": now_ids,
        "next_ids": next_ids,
        "changelog": selectors.changelog(edition) if release else [],
        "kinds": KINDS,
        "changes": CHANGES,
        "hm": lambda iso: selectors.local(iso, tz).strftime("%H:%M"),
        "md": lambda iso: selectors.local(iso, tz).strftime("%m-%d"),
    }
    return render(request, "agenda/agenda.html", context)


# --- staff ---------------------------------------------------------------------------------------------


def _session_form(edition, data=None, session=None):
    initial = {"day": edition.starts_on, "kind": SessionKind.TALK}
    if session is not None:
        tz = selectors.edition_tz(edition)
        initial = {
            "title": session.title,
            "title_en": session.title_en,
            "kind": session.kind,
            "day": session.starts_at.astimezone(tz).date(),
            "start": session.starts_at.astimezone(tz).strftime("%H:%M"),
            "end": session.ends_at.astimezone(tz).strftime("%H:%M"),
            "room": session.room.name,
            "speakers": ", ".join(link.person.name for link in session.speaker_links.all()),
            "host": session.host.name if session.host else "",
            "description": session.description,
            "description_en": session.description_en,
            "expected_categories": [c.code for c in session.expected_categories.all()],
        }
    categories = Category.objects.filter(edition=edition).order_by("order", "id")
    return SessionForm(data, rooms=selectors.rooms(edition), categories=categories, initial=initial)


def _render_board(request, edition, form=None, clash=None, status=200):
    sessions = list(selectors.sessions_qs(edition))
    conflicts = selectors.working_conflicts(edition, sessions)
    latest = selectors.latest_release(edition)
    pending = services.diff_snapshots(latest.snapshot if latest else [], selectors.working_copy(edition))
    context = {
        "edition": edition,
        "board": planning_board(sessions, selectors.rooms(edition), conflicts, selectors.edition_tz(edition)),
        "conflicts": conflicts,
        "stale": stale_sessions(sessions, edition.starts_on.year),
        "form": form or _session_form(edition),
        "clash": clash or [],
        "publish_form": PublishForm(),
        "latest": latest,
        "pending": pending,
        "kinds": KINDS,
        "changes": CHANGES,
        "conflict_kinds": CONFLICTS,
        "titles": {s.pk: s.title for s in sessions},
    }
    return render(request, "agenda/staff_agenda.html", context, status=status)


def _save(request, edition, form, session=None):
    """Runs the service for a valid form; on a domain error puts it on the form and returns the status."""
    data = form.service_data()
    allow = form.cleaned_data["allow_conflicts"]
    try:
        if session is None:
            result = services.create_session(edition=edition, allow_conflicts=allow, **data)
        else:
            result = services.update_session(session=session, changes=data, allow_conflicts=allow)
    except AgendaConflict as exc:
        form.add_error(
            None,
            gettext("Conflicts below: tick “Save even if it clashes” to keep it anyway."),
        )
        return exc.status_code, exc.extra["conflicts"]
    except DomainError as exc:
        field = {"starts_at": "start", "ends_at": "end"}.get(exc.field, exc.field)
        form.add_error(field if field in form.fields else None, exc.message)
        return exc.status_code, []
    messages.success(
        request,
        f"{result.session.title}: {result.session.starts_at.astimezone(selectors.edition_tz(edition)):%H:%M} ✓",
    )
    return 0, result.conflicts


@require_http_methods(["GET", "POST"])
@flag_required("agenda")
def staff_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    if request.method == "POST":
        form = _session_form(edition, request.POST)
        if not form.is_valid():
            return _render_board(request, edition, form, status=422)
        status, clash = _save(request, edition, form)
        if status:
            return _render_board(request, edition, form, clash, status=status)
        return redirect("staff_agenda", slug=slug)
    return _render_board(request, edition)


@require_http_methods(["GET", "POST"])
@flag_required("agenda")
def staff_session(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    edition = get_edition_or_404(slug)
    try:
        session = selectors.get_session(edition, session_id)
    except DomainError:
        return redirect("staff_agenda", slug=slug)
    form = _session_form(edition, request.POST or None, session)
    clash, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            status, clash = _save(request, edition, form, session)
            if not status:
                return redirect("staff_agenda", slug=slug)
        else:
            status = 422
    context = {
        "edition": edition,
        "session": session,
        "form": form,
        "clash": clash,
        "kinds": KINDS,
        "conflict_kinds": CONFLICTS,
    }
    return render(request, "agenda/staff_session.html", context, status=status or 200)


@require_POST
@flag_required("agenda")
def staff_cancel_session(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    edition = get_edition_or_404(slug)
    try:
        session = selectors.get_session(edition, session_id)
        services.cancel_session(session=session)
        messages.success(request, f"{session.title}: {gettext('Cancelled')}")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("staff_agenda", slug=slug)


@require_POST
@flag_required("agenda")
def staff_publish(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_edition_or_404(slug)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        release = services.publish_release(
            edition=edition, comment=form.cleaned_data.get("comment", ""), user=request.user
        )
        messages.success(request, f"v{release.version} ✓ ({len(release.changes)})")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("staff_agenda", slug=slug)
