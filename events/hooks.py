"""Extension points that apps built on events fill in at start-up (AppConfig.ready), so events never
imports them: imports flow one way (DESIGN.md section 1)."""

from collections.abc import Callable, Iterable

# A seat provider maps registration codes of one edition to their seats:
# provider(edition_id, codes) -> {code: [{"plan": plan name, "label": "主席台 第1排 3号"}]}; codes None: every
# seated registration of the edition (the offline door's snapshot: 10,000 codes as query parameters cost more
# than the rest of the snapshot).
SeatProvider = Callable[[int, Iterable[str] | None], dict[str, list[dict]]]
_seat_providers: list[SeatProvider] = []


def register_seat_provider(provider: SeatProvider) -> None:
    if provider not in _seat_providers:
        _seat_providers.append(provider)


def seats_for(edition_id: int, codes: Iterable[str] | None) -> dict[str, list[dict]]:
    """The seats of these registrations (None: of everyone in the edition) in every seating plan; empty
    when no app provides seats."""
    codes = None if codes is None else list(codes)
    seats: dict[str, list[dict]] = {}
    for provider in _seat_providers:
        for code, items in provider(edition_id, codes).items():
            seats.setdefault(code, []).extend(items)
    return seats


# A reception provider (reception) maps codes to what was arranged for a person:
# provider(edition_id, codes) -> {code: {"stay": {"hotel", "room", "nights" [ISO dates]}, "pickup": {"at" HH:MM,
# "date", "direction", "station", "vehicle", "driver_phone"}}}, either key only where it exists; codes None:
# everyone with a room or a pickup. One query at most (none for an edition without hotels and stations).
ReceptionProvider = Callable[[int, Iterable[str] | None], dict[str, dict]]
_reception_providers: list[ReceptionProvider] = []
RECEPTION_KEYS = ("stay", "pickup")


def register_reception_provider(provider: ReceptionProvider) -> None:
    if provider not in _reception_providers:
        _reception_providers.append(provider)


def reception_for(edition_id: int, codes: Iterable[str] | None) -> dict[str, dict]:
    """{code: {stay?, pickup?}} of these registrations (None: of everyone with either); empty when no app
    provides them."""
    codes = None if codes is None else list(codes)
    out: dict[str, dict] = {}
    for provider in _reception_providers:
        for code, items in provider(edition_id, codes).items():
            out.setdefault(code, {}).update(items)
    return out


def with_seats(edition_id: int, body: dict) -> dict:
    """A check-in verdict with `registration.seats` filled in (when the verdict names a registration), and
    `registration.stay` / `registration.pickup` when the person has a room / a car (the 报到 desk hands over
    the room card)."""
    registration = body.get("registration")
    if registration and "seats" not in registration:
        registration = dict(registration)
        registration["seats"] = seats_for(edition_id, [registration["code"]]).get(registration["code"], [])
        registration.update(reception_for(edition_id, [registration["code"]]).get(registration["code"], {}))
        body = {**body, "registration": registration}
    return body


# A reply listener hears that a person's reply form (回执) was saved with these fields changed:
# listener(registration, {field names}), inside the saving transaction (reception re-plans a changed leg's run).
ReplyListener = Callable[[object, set], None]
_reply_listeners: list[ReplyListener] = []


def register_reply_listener(listener: ReplyListener) -> None:
    if listener not in _reply_listeners:
        _reply_listeners.append(listener)


def reply_saved(registration, changed: set) -> None:
    for listener in _reply_listeners:
        listener(registration, changed)


# A documents provider lists an app's print documents for the staff documents page:
# provider(edition) -> [(label, url)], the label in the page's language (a lazy gettext).
DocumentsProvider = Callable[[object], list[tuple[str, str]]]
_documents_providers: list[DocumentsProvider] = []


def register_documents(provider: DocumentsProvider) -> None:
    if provider not in _documents_providers:
        _documents_providers.append(provider)


def documents_for(edition) -> list[tuple[str, str]]:
    """Every app's print documents of the edition, (label, url), in the order the apps registered."""
    return [item for provider in _documents_providers for item in provider(edition)]


# An opening provider (agenda) gives the moment an edition opens, its opening session's start:
# provider(edition) -> an aware datetime, or None when it knows none. Invitation letters print it.
OpeningProvider = Callable[[object], object]
_opening_providers: list[OpeningProvider] = []


def register_opening_provider(provider: OpeningProvider) -> None:
    if provider not in _opening_providers:
        _opening_providers.append(provider)


def opening_of(edition):
    """When the edition opens (an aware datetime) from the first provider that knows; None when none does
    (no agenda): the letters then give the edition's dates only."""
    for provider in _opening_providers:
        moment = provider(edition)
        if moment is not None:
            return moment
    return None


# A change listener hears which fields a service changed: listener(obj, {field: (before, after)}). The audit
# log (audit/) listens; events only reports.
ChangeListener = Callable[[object, dict], None]
_change_listeners: list[ChangeListener] = []


def register_change_listener(listener: ChangeListener) -> None:
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def note_changes(obj, changes: dict) -> None:
    """Tell the listeners (the audit log) which fields of `obj` a service changed: {field: (before, after)}.
    Only fields whose value changed are kept."""
    changed = {field: pair for field, pair in changes.items() if pair[0] != pair[1]}
    if changed:
        for listener in _change_listeners:
            listener(obj, changed)


# A session check may refuse a staff API call made with a signed-in session: check(request, user) raises
# events.exceptions.Forbidden (accounts/: two factors required and missing). Tokens are not sessions.
SessionCheck = Callable[[object, object], None]
_session_checks: list[SessionCheck] = []


def register_session_check(check: SessionCheck) -> None:
    if check not in _session_checks:
        _session_checks.append(check)


def check_session(request, user) -> None:
    for check in _session_checks:
        check(request, user)
