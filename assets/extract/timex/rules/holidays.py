"""Holidays, so a name like "Thanksgiving" gets the day it falls on that year.

Reads: "Christmas", "Christmas Eve", "New Year's Day", "the Fourth of July", "Halloween"
(fixed days, `holidays.json`); "Thanksgiving Day", "Memorial Day", "Election Day", "Easter",
"Easter Monday", "Mother's Day" (movable, `movable_holidays.txt`, computed here; Easter with
python-dateutil); "Easter 2024"; "Christmas week"; and, through `this_next_last`, "last
Christmas", "next Labor Day".

Without a year, the holiday nearest the anchor is taken, turned by the verb's tense.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.easter import easter

from ..context import Context
from ..values import Timex, closest, day_tx, week_tx
from ..vocabulary import HOLIDAYS, MOVABLE


def holiday(t: str, ctx: Context) -> Timex | None:
    """A holiday's day (in the year written, else near the anchor), or the week around one."""
    m = re.fullmatch(r"(.+?)(?: (\d{4}))?", t)
    name, year = m.group(1), m.group(2)
    if name in HOLIDAYS or name in MOVABLE:
        if year:
            y = int(year)
            if name in HOLIDAYS:
                return day_tx(date(y, *HOLIDAYS[name]))
            return day_tx(_movable(name, y))
        return holiday_on(name, ctx)
    m = re.fullmatch(r"(easter|christmas|thanksgiving) week", t)
    if m:
        tx = holiday_on(m.group(1), ctx)
        return week_tx(tx.resolved) if tx and tx.resolved else None
    return None


def holiday_on(name: str, ctx: Context, step: int | None = None) -> Timex | None:
    """The day of a named holiday near the anchor, or `step` holidays before or after it.

    `step` 0 or None: the nearest one (turned by the tense); -1: the last one before the anchor;
    1: the next one after it. Without an anchor a fixed holiday is `XXXX-12-25`.
    """
    name = name.strip()
    if name not in HOLIDAYS and name not in MOVABLE:
        return None
    anchor = ctx.anchor

    def on(y: int) -> date:
        if name in HOLIDAYS:
            mo, d = HOLIDAYS[name]
            return date(y, mo, d)
        return _movable(name, y)

    if anchor is None:
        if name in HOLIDAYS:
            mo, d = HOLIDAYS[name]
            return Timex("DATE", f"XXXX-{mo:02d}-{d:02d}", "day")
        return Timex("DATE", "XXXX-XX-XX", "day")
    if step is None or step == 0:
        candidates = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        best = closest(candidates, anchor, ctx.tense)
    elif step < 0:
        best = max(d for d in (on(anchor.year - 1), on(anchor.year)) if d < anchor)
    else:
        best = min(d for d in (on(anchor.year), on(anchor.year + 1)) if d > anchor)
    return day_tx(best)


def _movable(name: str, y: int) -> date:
    """The day a movable holiday falls on in year `y` (the US ones by weekday rule, else Easter's)."""

    def nth_weekday(month: int, wd: int, n: int) -> date:
        first = date(y, month, 1)
        d = first + timedelta(days=(wd - first.weekday()) % 7)
        if n > 0:
            return d + timedelta(weeks=n - 1)
        last = date(y, month, calendar.monthrange(y, month)[1])
        return last - timedelta(days=(last.weekday() - wd) % 7)

    if name.startswith("thanksgiving"):
        return nth_weekday(11, 3, 4)
    if name == "election day":
        return nth_weekday(11, 0, 1) + timedelta(days=1)
    if name == "memorial day":
        return nth_weekday(5, 0, -1)
    if name == "labor day":
        return nth_weekday(9, 0, 1)
    if name == "martin luther king day":
        return nth_weekday(1, 0, 3)
    if name.startswith("presidents"):
        return nth_weekday(2, 0, 3)
    if name == "columbus day":
        return nth_weekday(10, 0, 2)
    if name == "mother's day":
        return nth_weekday(5, 6, 2)
    if name == "father's day":
        return nth_weekday(6, 6, 3)
    e = easter(y)
    return {"good friday": e - timedelta(days=2), "easter monday": e + timedelta(days=1)}.get(name, e)
