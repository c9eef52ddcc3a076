"""TIMEX3 values and the date arithmetic behind them, so every rule writes a value the same way.

A `Timex` is what the grammar returns: the TIMEX3 type (DATE, TIME, DURATION, SET), the value
as TempEval-3 writes it (`2023-06-15`, `2023-W24`, `2023-Q3`, `P3D`, `PAST_REF`), its
granularity and the first day it denotes. The constructors (`day_tx`, `month_tx`, `quarter_tx`
…) build the calendar values; `shifted` moves an anchor by a number of units ("two years ago")
and `closest` picks the year of a date named without one ("Dec. 20" said in June).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Timex:
    """One expression's TIMEX3 reading, and whether it leans on the discourse.

    `resolved` is the first day the value denotes (None when underspecified); `anaphoric` marks a
    value read against the discourse's reference time ("the following day"), not the anchor.
    """

    timex_type: str
    value: str
    granularity: str
    resolved: date | None = None
    anaphoric: bool = False  # read against the discourse's reference time, not the anchor


# --- calendar values -------------------------------------------------------------------------


def day_tx(d: date) -> Timex:
    """The day `d`: `2023-06-15`."""
    return Timex("DATE", d.isoformat(), "day", d)


def month_tx(y: int, m: int) -> Timex:
    """The month `m` of year `y`: `2023-06`."""
    return Timex("DATE", f"{y:04d}-{m:02d}", "month", date(y, m, 1))


def year_tx(y: int) -> Timex:
    """The year `y` (`2023`), or an unknown year when `y` is out of the calendar's range."""
    return Timex("DATE", f"{y:04d}", "year", date(y, 1, 1)) if 1 <= y <= 9999 else Timex("DATE", "XXXX", "year")


def quarter_tx(y: int, q: int, anaphoric: bool = False) -> Timex:
    """The quarter `q` of year `y`: `2023-Q3`."""
    return Timex("DATE", f"{y:04d}-Q{q}", "quarter", date(y, 3 * q - 2, 1), anaphoric)


def half_tx(y: int | None, h: int) -> Timex:
    """The half `h` of year `y`: `2024-H2`, or `XXXX-H2` without a year."""
    if y is None:
        return Timex("DATE", f"XXXX-H{h}", "half")
    return Timex("DATE", f"{y:04d}-H{h}", "half", date(y, 6 * h - 5, 1))


def week_tx(d: date) -> Timex:
    """The ISO week holding day `d`: `2023-W24`."""
    y, w, _ = d.isocalendar()
    return Timex("DATE", f"{y:04d}-W{w:02d}", "week", date.fromisocalendar(y, w, 1))


def weekend_tx(d: date) -> Timex:
    """The weekend of the week holding day `d` (ISO weeks end on Sunday): `2023-W24-WE`."""
    w = week_tx(d)
    return Timex("DATE", w.value + "-WE", "weekend", w.resolved + timedelta(days=5))


# --- date arithmetic -------------------------------------------------------------------------


def shifted(anchor: date, unit: str, n: int) -> Timex | None:
    """The unit `n` units away from the anchor's ("two years ago": the year 2021, not a day).

    A decade back is the year ten years before (TimeML's reading of "a decade ago"); hours,
    minutes and seconds give None, as the grammar writes no clock value for them.
    """
    if unit in {"day", "night"}:
        return day_tx(anchor + timedelta(days=n))
    if unit in {"week", "weekend"}:
        w = week_tx(anchor + timedelta(weeks=n))
        return w if unit == "week" else Timex("DATE", w.value + "-WE", "weekend", w.resolved + timedelta(days=5))
    if unit == "month":
        d = anchor + relativedelta(months=n)
        return month_tx(d.year, d.month)
    if unit == "year":
        return year_tx(anchor.year + n)
    if unit == "decade":
        if abs(n) == 1 and n < 0:
            return year_tx(anchor.year - 10)
        y = anchor.year + 10 * n
        return Timex("DATE", f"{y // 10:03d}", "decade", date(y // 10 * 10, 1, 1))
    if unit == "century":
        y = anchor.year + 100 * n
        return Timex("DATE", f"{y // 100:02d}", "century", date(max(y // 100 * 100, 1), 1, 1))
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + n
        return quarter_tx(anchor.year + q // 4, q % 4 + 1)
    if unit in {"hour", "minute", "second"}:
        return None
    return None


# How far from the anchor a month or day named without a year may fall before the verb's tense,
# or news's habit of speaking of the past, moves it to the other side.
PAST_VERB_AHEAD_DAYS = 90
FUTURE_VERB_BEHIND_DAYS = 90
FAR_AHEAD_DAYS = 150


def closest(candidates: list[date], anchor: date, tense: str | None) -> date:
    """The year's reading of a date named without one: the candidate nearest the anchor.

    A past-tense verb moves one far ahead back a year, a future one moves one far behind
    forward, and one very far ahead is taken to be past.
    """
    best = min(candidates, key=lambda d: abs((d - anchor).days))
    gap = (best - anchor).days
    if (tense == "past" and gap > PAST_VERB_AHEAD_DAYS) or (tense != "future" and gap > FAR_AHEAD_DAYS):
        earlier = [d for d in candidates if d <= anchor]
        if earlier:
            best = max(earlier)
    elif tense == "future" and gap < -FUTURE_VERB_BEHIND_DAYS:
        later = [d for d in candidates if d >= anchor]
        if later:
            best = min(later)
    return best
