"""The house rules the code keeps: imports go one way, modules stay small, lists live once."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from assets.core.settings import PROJECT_ROOT
from assets.extract.lexicons import LEXICONS, words

PACKAGES = ("assets", "pipelines")
MAX_MODULE_LINES = 500


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (PROJECT_ROOT / package).rglob("*.py"))


def test_imports_follow_the_layers():
    """import-linter's contracts in pyproject.toml: pipelines → assets; inside assets
    core → ingest → extract → tables → warehouse → publish → automation; no loops."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_project_imports_inside_functions_say_why():
    """Only to keep a heavy library (spaCy, dagster-dask) from loading until it is needed, and
    then with a `# lazy:` comment on the line or the one above."""
    unexplained = []
    for path in _modules():
        lines = path.read_text().splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom):
                    project = sub.level > 0 or (sub.module or "").split(".")[0] in PACKAGES
                elif isinstance(sub, ast.Import):
                    project = any(a.name.split(".")[0] in PACKAGES for a in sub.names)
                else:
                    continue
                said = "# lazy:" in lines[sub.lineno - 1] or lines[sub.lineno - 2].strip().startswith("# lazy:")
                if project and not said:
                    unexplained.append(f"{path.relative_to(PROJECT_ROOT)}:{sub.lineno}")
    assert not unexplained


def test_no_module_is_too_long_to_read():
    long = {
        str(p.relative_to(PROJECT_ROOT)): n
        for p in _modules()
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_each_word_list_is_kept_once():
    lists = {p.relative_to(LEXICONS).with_suffix("").as_posix(): p for p in LEXICONS.rglob("*.txt")}
    seen: dict[frozenset, str] = {}
    for name in sorted(lists):
        entries = frozenset(w.lower() for w in words(name))
        assert entries not in seen, f"{name} repeats {seen.get(entries)}"
        seen[entries] = name
