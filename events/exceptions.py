"""Domain errors. Each carries a message a person understands; config/api.py maps them to HTTP once.

agenda/ and signing/ subclass these so every app's errors reach the client the same way.
"""


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        # A lazy translation is said now, in the language of the request that raised it.
        message = str(message)
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


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
