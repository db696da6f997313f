"""Extension points that apps built on events fill in at start-up (AppConfig.ready), so events never
imports them: imports flow one way (DESIGN.md section 1)."""

from collections.abc import Callable, Iterable

# Each provider maps registration ids to their seats: {registration_id: [{"plan": name, "label": label}]}.
_seat_providers: list[Callable[[Iterable[int]], dict[int, list[dict]]]] = []


def register_seat_provider(provider: Callable[[Iterable[int]], dict[int, list[dict]]]) -> None:
    if provider not in _seat_providers:
        _seat_providers.append(provider)


def seats_for(registration_ids: Iterable[int]) -> dict[int, list[dict]]:
    """The seats of these registrations in every seating plan; empty when no app provides seats."""
    ids = list(registration_ids)
    seats: dict[int, list[dict]] = {}
    for provider in _seat_providers:
        for rid, items in provider(ids).items():
            seats.setdefault(rid, []).extend(items)
    return seats
