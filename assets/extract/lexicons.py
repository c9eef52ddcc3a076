"""Word lists and small tables kept as data under `data/lexicons/`, one list per file.

Like HeidelTime's resource files and spaCy's `SpanRuler` patterns, the vocabulary the rules
read lives apart from the code that applies it, so a list is edited (and reviewed) in one place.
A `.txt` file holds one entry per line (`#` starts a comment); a `.json` file holds a mapping.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LEXICONS = Path(__file__).parent / "data" / "lexicons"


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `data/lexicons/<name>.txt`, as written (case kept)."""
    return frozenset(entries(name))


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `data/lexicons/<name>.txt` in file order (for patterns where order matters)."""
    out = []
    for line in (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@cache
def table(name: str) -> dict:
    """The mapping in `data/lexicons/<name>.json`."""
    return json.loads((LEXICONS / f"{name}.json").read_text(encoding="utf-8"))
