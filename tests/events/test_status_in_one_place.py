"""A registration's status changes in one place, events/registration/seats.set_status (it releases the seat
and moves the waiting list up): no other module assigns `.status` or updates registrations' `status=` in bulk."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "events", "agenda", "signing", "seating", "documents", "organizers")
THE_PLACE = ("events/registration/seats.py", "set_status")


def _registrations(queryset: str) -> bool:
    """A queryset of registrations (Registration.objects..., edition.registrations..., unit.people...)."""
    return any(word in queryset for word in ("Registration.", "registrations", ".people"))


def status_writes() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            rel = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(), rel)
            for func in [None, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
                nodes = ast.walk(func) if func else []
                for node in nodes:
                    if (rel, func.name) == THE_PLACE:
                        break
                    targets = node.targets if isinstance(node, ast.Assign) else []
                    if isinstance(node, ast.AugAssign | ast.AnnAssign):
                        targets = [node.target]
                    if any(isinstance(t, ast.Attribute) and t.attr == "status" for t in targets):
                        found.append(f"{rel}:{node.lineno} {func.name}: .status =")
                    if (
                        isinstance(node, ast.Call)
                        and isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("update", "bulk_update")
                        and any(k.arg == "status" for k in node.keywords)
                        and _registrations(ast.unparse(node.func.value))
                    ):
                        found.append(f"{rel}:{node.lineno} {func.name}: .update(status=...)")
    return sorted(set(found))


def test_a_status_is_written_only_by_seats_set_status():
    assert status_writes() == []
