"""Reception's part of a stay: gender, whom one accompanies, nights edited by staff, a wished hotel."""

import datetime as dt

from django.utils.translation import gettext

from events.exceptions import InvalidInput, NotFound
from events.models import Edition, Registration

from ..models import Hotel, Stay


def stay_of(edition: Edition, code: str, *, lock: bool = False) -> Stay:
    reg = Registration.objects.filter(edition=edition, code=code).first()
    if reg is None:
        raise NotFound(gettext("No registration with that code."), field="code")
    stays = Stay.objects.select_for_update() if lock else Stay.objects
    stay = stays.filter(registration=reg).first()
    return stay or Stay.objects.create(edition=edition, registration=reg)


def update_stay(*, edition: Edition, code: str, data: dict) -> Stay:
    """Change what staff (or a unit contact through them) know: `gender` (f, m or blank), `accompanies` (a
    leader's code), `nights` (ISO dates; null: from the reply form again), `hotel` (an id; null: any)."""
    stay = stay_of(edition, code)
    if "gender" in data:
        if data["gender"] not in ("", "f", "m", None):
            raise InvalidInput(gettext("Choose one of the offered options."), field="gender")
        stay.gender = data["gender"] or ""
    if "accompanies" in data:
        leader = (data["accompanies"] or "").strip()
        if leader and not Registration.objects.filter(edition=edition, code=leader).exists():
            raise InvalidInput(gettext("No registration with that code."), field="accompanies")
        stay.accompanies = leader
    if "nights" in data:
        nights = data["nights"]
        if nights is not None:
            try:
                nights = sorted({dt.date.fromisoformat(str(n)).isoformat() for n in nights})
            except (TypeError, ValueError):
                raise InvalidInput(gettext("Use a date like 2023-06-27."), field="nights")
        stay.nights = nights
    if "hotel" in data:
        hotel = data["hotel"]
        if hotel is not None and not Hotel.objects.filter(edition=edition, pk=hotel).exists():
            raise InvalidInput(gettext("No such hotel."), field="hotel")
        stay.hotel_id = hotel
    stay.save()
    return stay
