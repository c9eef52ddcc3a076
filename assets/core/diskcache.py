"""Lookups built from installed data, kept on disk between runs.

Building the gazetteer and reading the Factbook take a second or two in every process that
parses; their inputs only change with a package upgrade or an edit of the project's code or
word lists. So the result is pickled under `~/.cache/newsclaims/lookups/`, keyed by a hash of
those inputs (package versions, the bytes of the source and data files), written by atomic
rename, and rebuilt whenever the key differs. A cache that cannot be read or written is
ignored: the lookup is then built as before.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

from .storage import atomic_write_bytes

CACHE_DIR = Path.home() / ".cache" / "newsclaims" / "lookups"

T = TypeVar("T")


def inputs_key(packages: Iterable[str] = (), files: Iterable[Path] = ()) -> str:
    """A hash of the packages' versions and the files' bytes (and of Python's version)."""
    h = hashlib.sha256(sys.version.encode())
    for package in packages:
        try:
            h.update(f"\n{package}=={version(package)}".encode())
        except PackageNotFoundError:
            h.update(f"\n{package} missing".encode())
    for path in sorted(Path(f) for f in files):
        h.update(f"\n{path.name} ".encode())
        h.update(path.read_bytes() if path.is_file() else b"missing")
    return h.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], T], folder: Path | None = None) -> T:
    """`build()`, or what an earlier call with the same `name` and `key` stored."""
    folder = CACHE_DIR if folder is None else folder
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # none yet, or a truncated or foreign file: build it (again)
        pass
    value = build()
    try:
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.glob(f"{name}-*.pickle"):  # what older inputs gave
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
