import datetime

from ninja import Schema

from .labels import label


class AuditEntryOut(Schema):
    at: datetime.datetime
    user: str | None  # the username (kept when the user is deleted)
    token: int | None  # the API token's id, never its secret
    action: str  # the machine name: a page's URL name, an API operation, a sign-in event
    label: str  # the action in words, in the client's language
    edition: str | None  # the edition's slug; None for what belongs to no edition (sign-ins, teams, tokens)
    object: str
    changes: dict  # {field: [before, after]}; a personal field: {field: null} (changed, value not kept)


def entry_out(entry) -> dict:
    return {
        "at": entry.at,
        "user": entry.username or None,
        "token": entry.token_id,
        "action": entry.action,
        "label": label(entry.action),
        "edition": entry.edition.slug if entry.edition_id and entry.edition else None,
        "object": entry.object,
        "changes": entry.changes,
    }
