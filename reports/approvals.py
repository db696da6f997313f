"""Approval turnaround: hours from registering to the moment staff approved. The registration keeps no
approval timestamp, but the audit log records every staff approval (the page's approve and bulk approve, the
API's approve) as a status change from pending; that moment is the approval. `status_changed_at` is only the
last change of status: for someone approved onto the waiting list and given a seat days later it is the
later day. It stands in only where the audit log holds no approval (approvals made outside a staff request:
the demo, a script)."""

import datetime as dt
import re
import statistics

from audit.models import AuditEntry
from events.enums import RegistrationStatus as S
from events.models import Edition, Registration

BASIS = (
    "approved_at - created_at; approved_at: the audit log's staff approval (pending to confirmed or "
    "waitlisted), else status_changed_at; confirmed people of categories that require approval"
)
DECIDED = frozenset({S.CONFIRMED.value, S.WAITLISTED.value})
# Where an entry names the registration: its object ("code=R123 action=approve", "registration R123") for a
# `status` change, or the field itself for a bulk approval ("registration R123.status").
OBJECT_CODE = re.compile(r"(?:^|\s)code=(\S+)|^registration (\S+)$")
FIELD_CODE = re.compile(r"^registration (\S+)\.status$")


def _code(field: str, obj: str) -> str | None:
    if field == "status":
        found = OBJECT_CODE.search(obj or "")
        return (found[1] or found[2]) if found else None
    found = FIELD_CODE.match(field)
    return found[1] if found else None


def approval_moments(edition: Edition) -> dict[str, dt.datetime]:
    """Registration code -> the first moment staff moved it from pending to confirmed or waitlisted."""
    moments: dict[str, dt.datetime] = {}
    entries = AuditEntry.objects.filter(edition=edition, changes__icontains='"pending"').values_list(
        "at", "object", "changes"
    )
    for at, obj, changes in entries:
        for field, pair in (changes or {}).items():
            if not (
                isinstance(pair, list) and len(pair) == 2 and pair[0] == S.PENDING and pair[1] in DECIDED
            ):
                continue
            code = _code(field, obj)
            if code and (code not in moments or at < moments[code]):
                moments[code] = at
    return moments


def approval_median_hours(edition: Edition) -> float | None:
    """Median hours from registering to approval (BASIS); None when nobody waited for approval."""
    rows = Registration.objects.filter(
        edition=edition, status=S.CONFIRMED, category__requires_approval=True
    ).values_list("code", "created_at", "status_changed_at")
    moments = approval_moments(edition)
    hours = []
    for code, created, changed in rows:
        approved = moments.get(code) or changed
        if approved is not None:
            hours.append(max((approved - created).total_seconds(), 0) / 3600)
    return round(statistics.median(hours), 1) if hours else None
