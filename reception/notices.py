"""Room and pickup notices through the notification channel of events (e-mail), and SMS by template.

SMS in China is sent by a pre-approved template id with parameters (Aliyun, Tencent Cloud), not free text:
the backend named by `HUIWU_SMS_TEMPLATE_BACKEND` has `send(phone, template, params)`; the template ids per
kind of notice come from `HUIWU_SMS_TEMPLATES`. The console backend is the default. Every notice sent is
recorded (reception.Notice) with a digest of what it told, so a re-send goes only to people whose details
changed since their last notice of that kind.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django_tasks import task

from events import notifications
from events.exceptions import InvalidInput
from events.models import Edition, Registration

from . import selectors
from .models import Notice, PickupSeat

KINDS = ("room", "pickup")
DEFAULT_TEMPLATES = {"room": "SMS_ROOM_NOTICE", "pickup": "SMS_PICKUP_NOTICE"}


class ConsoleTemplateSms:
    """The default: the template and its parameters on the console, the number masked; nothing is sent."""

    def send(self, phone: str, template: str, params: dict) -> None:
        print(
            f"SMS to {phone[:3]}****{phone[-4:]}: {template} {json.dumps(params, ensure_ascii=False)}",
            flush=True,
        )


def sms_backend():
    path = getattr(settings, "HUIWU_SMS_TEMPLATE_BACKEND", "reception.notices.ConsoleTemplateSms")
    return import_string(path)()


def template_id(kind: str) -> str:
    return {**DEFAULT_TEMPLATES, **getattr(settings, "HUIWU_SMS_TEMPLATES", {})}[kind]


def details(edition: Edition, kind: str, codes: list[str] | None = None) -> dict[str, dict]:
    """{code: what the notice tells} for everyone with a room (room) or a pickup run (pickup)."""
    out: dict[str, dict] = {}
    if kind == "room":
        rows = selectors.stay_rows(edition, codes)
        names = {r["code"]: r["name"] for r in rows}
        addresses = {h.pk: h.address for h in selectors.hotels(edition)}
        for r in rows:
            if r["room_id"]:
                out[r["code"]] = {
                    "hotel": r["hotel"],
                    "address": addresses.get(r["hotel_id"], ""),
                    "room": r["room"],
                    "nights": r["nights"],
                    "roommates": [names.get(c, c) for c in r["roommates"]],
                }
        return out
    seats = PickupSeat.objects.filter(run__edition=edition).select_related(
        "run__station", "run__vehicle", "registration"
    )
    if codes is not None:
        seats = seats.filter(registration__code__in=codes)
    for s in seats.order_by("run__date", "run__at"):
        run = s.run
        out.setdefault(s.registration.code, {"runs": []})["runs"].append(
            {
                "date": run.date.isoformat(),
                "at": run.at.strftime("%H:%M"),
                "direction": run.direction,
                "station": run.station.name,
                "vehicle": run.vehicle.plate if run.vehicle else "",
                "driver": run.vehicle.driver_name if run.vehicle else "",
                "driver_phone": run.vehicle.driver_phone if run.vehicle else "",
            }
        )
    return out


def _digest(value: dict) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def due(edition: Edition, kind: str, codes: list[str] | None = None) -> dict[str, dict]:
    """Those whose details differ from their last notice of this kind (or who never had one)."""
    if kind not in KINDS:
        raise InvalidInput(gettext("Choose one of the offered options."), field="kind")
    told = details(edition, kind, codes)
    last: dict[str, str] = {}
    for code, digest in (
        Notice.objects.filter(edition=edition, kind=kind, registration__code__in=list(told))
        .order_by("sent_at", "id")
        .values_list("registration__code", "digest")
    ):
        last[code] = digest
    return {code: d for code, d in told.items() if last.get(code) != _digest(d)}


def _message(reg: Registration, kind: str, d: dict) -> notifications.Message:
    with translation.override(reg.language):
        if kind == "room":
            lines = [
                gettext("Your hotel: %(hotel)s, %(address)s.") % d,
                gettext("Room %(room)s, nights %(first)s to %(last)s.")
                % {**d, "first": d["nights"][0], "last": d["nights"][-1]},
            ]
            if d["roommates"]:
                lines.append(gettext("Sharing with: %(names)s.") % {"names": ", ".join(d["roommates"])})
            subject = gettext("Your room at %(edition)s") % {"edition": reg.edition.name}
        else:
            lines = [
                gettext(
                    "%(date)s %(at)s at %(station)s: vehicle %(vehicle)s, driver %(driver)s, %(driver_phone)s."
                )
                % r
                for r in d["runs"]
            ]
            subject = gettext("Your pickup at %(edition)s") % {"edition": reg.edition.name}
    return notifications.Message(kind=f"reception_{kind}", subject=subject, lines=lines)


def send_due(*, edition: Edition, kind: str, codes: list[str] | None = None) -> int:
    """Send the notices that are due (see `due`): e-mail through events.notifications, SMS by template;
    each recorded. Returns how many people were told."""
    todo = due(edition, kind, codes)
    regs = Registration.objects.filter(edition=edition, code__in=list(todo)).select_related("edition")
    sms = sms_backend()
    sent = 0
    for reg in regs:
        d = todo[reg.code]
        channels = []
        message = _message(reg, kind, d)
        if notifications.EmailChannel().reaches(reg):
            notifications.EmailChannel().send(reg, message)
            channels.append("email")
        if reg.phone:
            params = {
                "name": reg.name,
                **{k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in d.items()},
            }
            sms.send(reg.phone, template_id(kind), params)
            channels.append("sms")
        Notice.objects.create(
            edition=edition, registration=reg, kind=kind, digest=_digest(d), details=d, channels=channels
        )
        sent += 1
    return sent


@task()
def send_notices_task(edition_id: int, kind: str, codes: list[str] | None = None) -> None:
    send_due(edition=Edition.objects.get(pk=edition_id), kind=kind, codes=codes)


def queue(*, edition: Edition, kind: str, codes: list[str] | None = None) -> int:
    """How many notices are due now; the task worker sends them after the request."""
    count = len(due(edition, kind, codes))
    if count:
        transaction.on_commit(
            lambda: send_notices_task.enqueue(edition_id=edition.pk, kind=kind, codes=codes)
        )
    return count
