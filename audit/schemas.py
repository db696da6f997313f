import datetime

from ninja import Schema


class AuditEntryOut(Schema):
    at: datetime.datetime
    user: str | None  # the username (kept when the user is deleted)
    token: int | None  # the API token's id, never its secret
    action: str
    object: str
    changes: dict  # {field: [before, after]}; a personal field: {field: null} (changed, value not kept)


def entry_out(entry) -> dict:
    return {
        "at": entry.at,
        "user": entry.username or None,
        "token": entry.token_id,
        "action": entry.action,
        "object": entry.object,
        "changes": entry.changes,
    }
