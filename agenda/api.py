from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from ninja import Router
from ninja.responses import Status

from events.auth import staff
from events.selectors import get_edition, get_public_edition

from . import exports, selectors, services
from .schemas import (
    AgendaPersonIn,
    AgendaPersonOut,
    ConflictsOut,
    PublicAgendaOut,
    ReleaseIn,
    ReleaseOut,
    RoomIn,
    RoomOut,
    SessionIn,
    SessionOut,
    SessionPatch,
)
from .views_common import release_out, session_out

router = Router(tags=["agenda"])
AGENDA = staff("agenda")
# Caches may keep the agenda but must ask (If-None-Match) each time: it changes up to the last hour.
REVALIDATE = "public, no-cache"


def _matches(if_none_match: str, etag: str) -> bool:
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return f'"{etag}"' in tags or "*" in tags


@router.get(
    "/events/{slug}/agenda",
    response={200: PublicAgendaOut, 304: None},
    summary="The latest published release (JSON)",
)
def public_agenda(request: HttpRequest, slug: str):
    # Serialised once at publish time: the stored bytes are the response (with ETag for polling phones).
    payload, etag = selectors.public_agenda_bytes(slug)
    if _matches(request.headers.get("If-None-Match", ""), etag):
        return HttpResponseNotModified(headers={"ETag": f'"{etag}"', "Cache-Control": REVALIDATE})
    return HttpResponse(
        payload, content_type="application/json", headers={"ETag": f'"{etag}"', "Cache-Control": REVALIDATE}
    )


@router.get("/events/{slug}/agenda.ics", summary="The latest published release (iCalendar)")
def public_agenda_ics(request: HttpRequest, slug: str):
    edition = get_public_edition(slug)
    body = exports.agenda_ics(edition, selectors.get_published(edition))
    return HttpResponse(
        body,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{slug}-agenda.ics"'},
    )


@router.get("/events/{slug}/agenda.xlsx", auth=AGENDA, summary="The working copy for the printer (XLSX)")
def agenda_xlsx(request: HttpRequest, slug: str):
    body = exports.agenda_xlsx(get_edition(slug))
    ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return HttpResponse(
        body,
        content_type=ctype,
        headers={"Content-Disposition": f'attachment; filename="{slug}-programme.xlsx"'},
    )


@router.get("/events/{slug}/documents/programme.pdf", auth=AGENDA, summary="The printed programme (A4)")
def programme_pdf(request: HttpRequest, slug: str):
    body = exports.programme_pdf(get_edition(slug))
    return HttpResponse(
        body,
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{slug}-programme.pdf"'},
    )


@router.post("/events/{slug}/agenda/releases", response={201: ReleaseOut}, auth=AGENDA)
def publish(request: HttpRequest, slug: str, payload: ReleaseIn):
    edition = get_edition(slug)
    release = services.publish_release(edition=edition, comment=payload.comment, user=request.auth)
    return Status(201, release_out(release, edition))


@router.get("/events/{slug}/agenda/releases", response=list[ReleaseOut])
def list_releases(request: HttpRequest, slug: str):
    edition = get_public_edition(slug)
    return [release_out(r, edition) for r in selectors.releases(edition)]


@router.get("/events/{slug}/agenda/conflicts", response=ConflictsOut, auth=AGENDA)
def conflicts(request: HttpRequest, slug: str):
    found = selectors.working_conflicts(get_edition(slug))
    return {"count": len(found), "conflicts": found}


@router.get("/events/{slug}/sessions", response=list[SessionOut], auth=AGENDA)
def list_sessions(request: HttpRequest, slug: str):
    edition = get_edition(slug)
    return [session_out(s, edition) for s in selectors.sessions_qs(edition)]


@router.post("/events/{slug}/sessions", response={201: SessionOut}, auth=AGENDA)
def create_session(request: HttpRequest, slug: str, payload: SessionIn):
    edition = get_edition(slug)
    result = services.create_session(edition=edition, **payload.dict())
    return Status(201, session_out(result.session, edition, result.conflicts))


@router.get("/events/{slug}/sessions/{session_id}", response=SessionOut, auth=AGENDA)
def get_session(request: HttpRequest, slug: str, session_id: int):
    edition = get_edition(slug)
    return session_out(selectors.get_session(edition, session_id), edition)


@router.patch("/events/{slug}/sessions/{session_id}", response=SessionOut, auth=AGENDA)
def patch_session(request: HttpRequest, slug: str, session_id: int, payload: SessionPatch):
    edition = get_edition(slug)
    changes = payload.dict(exclude_unset=True)
    allow = changes.pop("allow_conflicts", False)
    result = services.update_session(
        session=selectors.get_session(edition, session_id), changes=changes, allow_conflicts=allow
    )
    return session_out(result.session, edition, result.conflicts)


@router.delete("/events/{slug}/sessions/{session_id}", response={204: None}, auth=AGENDA)
def cancel_session(request: HttpRequest, slug: str, session_id: int):
    services.cancel_session(session=selectors.get_session(get_edition(slug), session_id))
    return Status(204, None)


@router.get("/events/{slug}/rooms", response=list[RoomOut], auth=AGENDA)
def list_rooms(request: HttpRequest, slug: str):
    return selectors.rooms(get_edition(slug))


@router.post("/events/{slug}/rooms", response={201: RoomOut}, auth=AGENDA, url_name="agenda_create_room")
def create_room(request: HttpRequest, slug: str, payload: RoomIn):
    return Status(201, services.create_room(edition=get_edition(slug), **payload.dict()))


@router.post("/events/{slug}/people", response={201: AgendaPersonOut}, auth=AGENDA)
def create_person(request: HttpRequest, slug: str, payload: AgendaPersonIn):
    person = services.create_person(edition=get_edition(slug), **payload.dict())
    return Status(201, selectors.person_data(person))
