"""docs/architecture.md says who imports whom: its Arrows block is checked against every import of the code
(function-level ones included), so an arrow added in the code is added in the text, and a stale one goes."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"


def documented() -> dict[str, set[str]]:
    block = re.search(r"## Arrows.*?```\n(.*?)```", DOC.read_text(), re.S)[1]
    arrows = {}
    for line in block.strip().splitlines():
        left, right = (part.strip() for part in line.split("──>"))
        arrows[left] = {name.strip() for name in right.split(",")} - {"(nothing of ours)"}
    return arrows


def imported(apps: set[str]) -> dict[str, set[str]]:
    arrows = {app: set() for app in apps}
    for app in apps:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                arrows[app] |= {n.split(".")[0] for n in names} & (apps - {app})
    return arrows


def test_the_documented_arrows_are_the_imports():
    arrows = documented()
    assert imported(set(arrows)) == arrows


def test_events_imports_none_of_the_apps_that_plug_into_it():
    assert not imported({"events", "agenda", "signing", "seating"})["events"]


def package_imports(package: str) -> set[str]:
    """The packages and top-level modules of `events` that events/<package>/ imports."""
    found = set()
    for path in (ROOT / "events" / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level == 2 or (node.level == 0 and module.startswith("events.")):
                    found.add(module.removeprefix("events.").split(".")[0])
                    found |= {a.name for a in node.names} if node.level == 2 and not module else set()
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("events.")}
    return found


def test_units_uses_badges_and_badges_never_units():
    """Inside events: the units' letters render with the badges' renderer pool (units -> badges); the badges
    import nothing of the units (the documents page's letters form posts to a units page), so no circle."""
    assert "badges" in package_imports("units")
    assert "units" not in package_imports("badges")


def test_units_uses_registration_and_registration_never_units():
    """A unit registers its people through registration (units -> registration); what shows both (the
    attendee's pages, the registrations spreadsheet) sits above them, in `public` and `console`."""
    assert "registration" in package_imports("units")
    assert not package_imports("registration") & {"units", "public", "console"}
    assert not package_imports("units") & {"public", "console"}
