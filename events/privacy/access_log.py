"""Who among the staff viewed or exported attendee personal data (PIPL): one row per access."""

from ..models import Edition, StaffAccessLog


def log_staff_access(
    *, user, action: str, edition: Edition | None = None, target: str = "", path: str = ""
) -> None:
    """Record that a staff member viewed or exported attendee personal data."""
    StaffAccessLog.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "",
        edition=edition,
        action=action,
        target=target[:200],
        path=path[:300],
    )
