"""Recurring times (TIMEX3 SET), so "every Monday" is not read as one Monday.

Reads: "daily", "weekly", "annually" (`sets.json`); "twice a year", "several times a week";
"every week", "every other week", "every 3 days", "every decade", "every weekend"; "every
Monday", "each July", "every morning", "every spring"; "Mondays", "Tuesday nights",
"Sunday mornings".
"""

from __future__ import annotations

import re

from ..context import Context
from ..text import unit_of
from ..values import Timex
from ..vocabulary import MONTHS, SEASONS, SETS, TIME_OF_DAY, UNITS, WEEKDAY_RE, WEEKDAYS


def recurring(t: str, ctx: Context) -> Timex | None:
    """A SET value: a period (`P1W`) or a calendar pattern (`XXXX-WXX-1` for every Monday)."""
    if t in SETS:
        return Timex("SET", SETS[t], "set")
    m = re.fullmatch(r"(?:once|twice|\d+ times|several times|a few times) (?:a|an|per|each|every) (\w+)", t)
    if m and unit_of(m.group(1)) and unit_of(m.group(1)) not in {"weekend"}:
        code, is_time = UNITS[unit_of(m.group(1))]
        return Timex("SET", f"P{'T' if is_time else ''}1{code}", "set")
    m = re.fullmatch(r"(?:every|each|per|a|an) (?:(other|\d+) )?(\w+)", t)
    if m and (m.group(0).split()[0] in {"every", "each", "per"}):
        n = 2 if m.group(1) == "other" else int(m.group(1)) if m.group(1) else 1
        word = m.group(2)
        if unit_of(word):
            code, is_time = UNITS[unit_of(word)]
            if code == "WE":
                return Timex("SET", "XXXX-WXX-WE", "set")
            if code == "DE":
                return Timex("SET", f"P{10 * n}Y", "set")
            return Timex("SET", f"P{'T' if is_time else ''}{n}{code}", "set")
        if word in WEEKDAYS:
            return Timex("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", "set")
        if word in MONTHS:
            return Timex("SET", f"XXXX-{MONTHS[word]:02d}", "set")
        if word in TIME_OF_DAY:
            return Timex("SET", f"XXXX-XX-XXT{TIME_OF_DAY[word]}", "set")
        if word in SEASONS:
            return Timex("SET", f"XXXX-{SEASONS[word]}", "set")
    m = re.fullmatch(
        rf"({WEEKDAY_RE})s(?: (morning|afternoon|evening|night)s?)?|({WEEKDAY_RE}) (morning|afternoon|evening|night)s",
        t,
    )
    if m:
        wd = WEEKDAYS[m.group(1) or m.group(3)]
        part = TIME_OF_DAY.get(m.group(2) or m.group(4) or "")
        return Timex("SET", f"XXXX-WXX-{wd + 1}{'T' + part if part else ''}", "set")
    return None
