"""Lengths of time (TIMEX3 DURATION), so "two years" is P2Y and not a date two years away.

Reads: "two years", "for two years", "18 months", "three-day", "48 hours", "several years"
(PXY), "recent years", "the coming weeks", "the past year", "the next month", "the first nine
months", "two to three weeks" (the first number), "a week long", "the 12 months", "two and a
half years" (P2Y6M), "5 1/2 hours" (PT5H30M), "half an hour", "two decades" (P20Y).
"""

from __future__ import annotations

import re

from ..context import Context
from ..text import number_of, unit_of
from ..values import Timex
from ..vocabulary import UNITS


def duration(t: str, ctx: Context) -> Timex | None:
    """A quantity of a unit, or a unit after "the past", "the next", "the first" (one of it)."""
    if t in {"the 12 months", "the twelve months"}:
        return Timex("DURATION", "P1Y", "duration")
    m = re.fullmatch(r"(?:a |one )?(\w+) long", t)
    if m and unit_of(m.group(1)) and not m.group(1).endswith("s"):
        value = _duration_value(1, unit_of(m.group(1)))
        return Timex("DURATION", value, "duration") if value else None
    m = re.fullmatch(
        r"(?:the )?(?:(?:past|last|previous|next|coming|first|following|final|initial|latest|recent|year earlier|"
        r"year ago|same|remaining|full|entire|whole|better part of the|better part of a) )*"
        r"(?:(\S+?)(?: to (\S+?))?[ -])?(\w+?)(?: long| old)?",
        t,
    )
    if not m:
        return None
    unit = unit_of(m.group(3))
    if unit is None:
        return None
    qty = m.group(1)
    words = t.split()
    if qty is None:
        head = words[:-1]
        if m.group(3).endswith("s") and all(
            w in {"the", "recent", "coming", "next", "past", "last", "following", "first", "ensuing"} for w in head
        ):
            qty = "X"  # "years", "the years", "recent months", "the coming weeks"
        elif (
            head
            and head[0] == "the"
            and len(head) >= 2
            and head[-1] in {"past", "last", "next", "coming", "first", "final"}
            and unit not in {"weekend"}
        ):
            qty = "1"  # "the past year", "the next month"
        else:
            return None
    if qty in {
        "past",
        "last",
        "next",
        "this",
        "coming",
        "previous",
        "following",
        "the",
        "that",
        "same",
        "recent",
        "current",
        "latest",
    }:
        return None
    n = number_of(qty)
    if n is None or (unit == "second" and qty in {"a", "an"}):
        return None
    value = _duration_value(n, unit)
    if value is None:
        return None
    return Timex("DURATION", value, "duration")


def _duration_value(n: int | float | str, unit: str) -> str | None:
    """The TIMEX3 duration of `n` units: `P3D`, `PT48H`, `P20Y` for decades, `P2Y6M` for 2.5 years."""
    code, is_time = UNITS[unit]
    if code == "WE":
        return None
    if code == "DE":
        code, n = "Y", ("X" if n == "X" else n * 10)
    if code == "CE":
        code, n = "Y", ("X" if n == "X" else n * 100)
    if code == "Q":
        code, n = ("Q", n) if n == "X" else ("M", n * 3)
    if isinstance(n, float):
        whole, frac = int(n), n - int(n)
        smaller = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24), "W": ("D", 7), "M": ("D", 30)}.get(code)
        if smaller and frac and (frac * smaller[1]).is_integer():
            lead = f"{whole}{code}" if whole else ""
            part = f"{int(frac * smaller[1])}{smaller[0]}"
            if code == "D":
                return f"P{lead}T{part}"
            return f"P{'T' if is_time else ''}{lead}{part}"
        n = f"{n:g}"
    return f"P{'T' if is_time else ''}{n}{code}"
