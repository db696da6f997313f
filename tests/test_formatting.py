"""The code is as `ruff format` writes it, and files are split by concept rather than packed.

- No `fmt:` skip or off comment in any project .py file (bench/ included): the formatter writes every line.
- No app or test .py file over 400 lines: what runs long is split by concept (a module per concept, a test
  file per behaviour). Two kinds of file are excepted: migrations (Django writes them) and bench/
  (benchmark scripts, never run in the suite, which may stay long)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
ESCAPE = re.compile(r"#\s*fmt:\s*(?:skip|off)\b")


def python_files() -> list[Path]:
    """The project's .py files as git knows them (tracked or new, not ignored): never .venv."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # no git (an unpacked archive): walk the tree instead
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if ".venv" not in p.parts]
    return [ROOT / name for name in sorted(listed) if (ROOT / name).is_file()]


def _counted(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "migrations" not in parts and parts[0] != "bench"


def test_files_are_listed():
    names = {p.relative_to(ROOT).as_posix() for p in python_files()}
    assert "manage.py" in names and "tests/test_formatting.py" in names
    assert not any(name.startswith(".venv/") for name in names)


def test_no_formatter_escapes():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ESCAPE.search(line)
    ]
    assert found == []


def test_no_app_or_test_file_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in python_files()
        if _counted(path) and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
