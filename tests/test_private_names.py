"""Packages meet at public names: no module imports another package's underscore names (`from x import _y`,
or `module._y` on a module of another package). A helper two packages need gets a public home, as the
person's fields did (events/registration/fields.py)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ("config", "events", "agenda", "signing", "seating", "documents", "organizers", "bench")


def _module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    base = parts[: len(parts) - node.level]
    return ".".join(base + ([node.module] if node.module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def reach_ins() -> list[str]:
    found = []
    for package in CODE:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            here = path.parent
            tree = ast.parse(path.read_text())
            modules: dict[str, Path] = {}  # a local name bound to one of our modules -> its file
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.asname and (target := _module_file(alias.name)):
                            modules[alias.asname] = target
                elif isinstance(node, ast.ImportFrom):
                    source = _absolute(path, node)
                    for alias in node.names:
                        target = _module_file(f"{source}.{alias.name}")
                        if target is not None:
                            modules[alias.asname or alias.name] = target
                        elif (
                            _private(alias.name)
                            and (origin := _module_file(source))
                            and origin.parent != here
                        ):
                            found.append(
                                f"{path.relative_to(ROOT)}:{node.lineno} from {source} import {alias.name}"
                            )
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and _private(node.attr)
                    and (target := modules.get(node.value.id)) is not None
                    and target.parent != here
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_module_reaches_into_another_packages_private_names():
    assert reach_ins() == []
