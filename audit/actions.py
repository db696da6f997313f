"""Which API operation a write ran. Several operations share a path (GET lists, POST adds), and Django
resolves a path to its first URL pattern, named after the GET: the audit log names the operation of the
request's method instead. The API (config/api.py) registers its routers here at start-up. An operation's
action is its function's name, qualified by its app (`reception.assign`) when another app's write operation
has the same name."""

import re

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
API_PREFIX = "api/v1/"
_NINJA_PARAM = re.compile(r"\{[^}]*\}")
_DJANGO_PARAM = re.compile(r"<[^>]*>")

# (path with its parameters as {}, method) -> action; filled once by register_api.
operations: dict[tuple[str, str], str] = {}


def _key(path: str) -> str:
    return _NINJA_PARAM.sub("{}", path.strip("/"))


def register_api(routers) -> None:
    """Remember every write operation of these ninja routers (mounted at the API's root)."""
    found = [
        (_key(path), method, op.view_func)
        for router in routers
        for path, view in router.path_operations.items()
        for op in view.operations
        for method in op.methods
        if method in WRITE_METHODS
    ]
    funcs_by_name: dict[str, set] = {}
    for _path, _method, func in found:
        funcs_by_name.setdefault(func.__name__, set()).add(func)
    for path, method, func in found:
        name = func.__name__
        if len(funcs_by_name[name]) > 1:
            name = f"{func.__module__.split('.')[0]}.{name}"
        operations[(path, method)] = name


def api_action(route: str, method: str) -> str | None:
    """The action of a write to the API's `route` (Django's pattern, `api/v1/events/<slug>/units`)."""
    if not route.startswith(API_PREFIX):
        return None
    return operations.get((_DJANGO_PARAM.sub("{}", route[len(API_PREFIX) :].strip("/")), method))
