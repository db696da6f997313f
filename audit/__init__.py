"""The append-only audit log of staff writes, sign-ins and token use (issue 21, part 4)."""


def record(request, action: str, obj=None, changes: dict | None = None, *, edition=None):
    """Record one staff write now (see audit.services.record); the request's own entry is then not written
    again by the middleware."""
    # the app registry: the package loads before its models are ready
    from .services import record as _record

    return _record(request, action, obj, changes, edition=edition)
