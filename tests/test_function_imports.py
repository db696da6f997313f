"""A function-level import says why it is not at the top (a circle it breaks, a heavy or optional import
loaded only when used, the app registry not ready yet): a `# ` comment on its line or the line before.
Any other import goes to the top of the module."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = (
    "config",
    "events",
    "agenda",
    "signing",
    "seating",
    "documents",
    "organizers",
    "audit",
    "accounts",
    "reception",
    "followup",
    "reports",
)


def _explained(lines: list[str], index: int) -> bool:
    """A `# ` reason on the import's line, or on the line before it or before the run of imports it is in."""
    if "# " in lines[index]:
        return True
    index -= 1
    while index >= 0 and (not lines[index].strip() or lines[index].lstrip().startswith(("from ", "import "))):
        index -= 1
    return index >= 0 and lines[index].strip().startswith("# ")


def unexplained() -> list[str]:
    found = []
    for package in CODE:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text().splitlines()
            for func in ast.walk(ast.parse("\n".join(lines))):
                if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(func):
                    if not isinstance(node, ast.Import | ast.ImportFrom):
                        continue
                    if not _explained(lines, node.lineno - 1):
                        found.append(
                            f"{path.relative_to(ROOT)}:{node.lineno} {lines[node.lineno - 1].strip()}"
                        )
    return sorted(set(found))


def test_every_function_level_import_gives_its_reason():
    assert unexplained() == []
