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
