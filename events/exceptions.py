"""Domain errors. Each carries a message a person understands; config/api.py maps them to HTTP once.

agenda/ and signing/ subclass these so every app's errors reach the client the same way.
"""

import re

# "English sentence(s). 中文。": the API answers both; a page shows the half in its own language.
_BILINGUAL = re.compile(r"^(?P<en>[^\u3400-\u9fff]*?[.!?)])\s+(?P<zh>[^A-Za-z]*[\u3400-\u9fff].*)$", re.S)


def in_language(message: str, en: bool) -> str:
    """One language of a bilingual message ("Registration is closed. 报名已截止。"), else the message."""
    m = _BILINGUAL.match(message.strip())
    if not m:
        return message
    return m.group("en") if en else m.group("zh")


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        message = str(
            message
        )  # a lazy translation is said now, in the language of the request that raised it
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}

    def for_page(self, en: bool) -> str:
        return in_language(self.message, en)


class InvalidInput(DomainError):
    status_code = 422


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class CategoryFull(Conflict):
    pass


class RegistrationClosed(Conflict):
    pass


class AlreadyRegistered(Conflict):
    pass


class Forbidden(DomainError):
    status_code = 403
