"""Canonical keys: the stable description an actor's corpus-wide id is derived from."""

from __future__ import annotations

from .. import lexicons
from ..gazetteer import name_key
from ..knowledge import fold

NAME_SUFFIXES = lexicons.words("name_suffixes")


def actor_key(actor_type: str, name: str, code: str | None) -> str:
    """Key an actor so that the same party gets the same corpus-wide id.

    Countries by ISO code; people by a transliteration-tolerant form of the name ('Zelensky' =
    'Zelenskyy'); groups by name and country; others by normalised name.
    """
    if actor_type == "country":
        return f"country:{code}"
    if actor_type == "person":
        return f"person:{fold(name)}"
    bare = name_key(name).replace(".", "")  # 'D.C.' = 'DC', 'U.S. Senate' = 'US Senate'
    return f"{actor_type}:{bare}" + (f":{code}" if actor_type == "group" and code else "")


def surname(parts: list[str]) -> str:
    """Find the surname under a generational suffix ('Martin Luther King Jr.' → 'King')."""
    while len(parts) > 1 and parts[-1].lower().strip(",") in NAME_SUFFIXES:
        parts = parts[:-1]
    return parts[-1]
