"""Dates named by the calendar, which need the anchor only for a missing year.

Reads: "2013-03-22", "2013-03-22T06:30", "2013-03", "6/15/2023", "15/06/2023" (`iso`);
"June 15, 2023", "15 June", "Sept. 1", "the 4th of July" (`month_day`); "March 2021",
"July", "the month of May", "June this year" (`month_year`); "2030", "fiscal 1999", "FY99",
"1990-91", "this year", "the year earlier", "that same year", "the following year", "this
month", "the same week" (`year`); "the 1990s", "the '80s", "the nineties", "the 21st
century", "this century" (`decade`); "spring", "the summer of 1999" (`season`).

A month or day named without a year takes the year that puts it nearest the anchor, turned by
the verb's tense (`values.closest`): "Dec. 20" said in June is last December's when the verb
is past.
"""

from __future__ import annotations

import re
from datetime import date

from ..context import Context
from ..values import Timex, closest, day_tx, month_tx, quarter_tx, week_tx, year_tx
from ..vocabulary import MONTH_RE, MONTHS, SEASON_START, SEASONS


def iso(t: str, ctx: Context) -> Timex | None:
    """Dates written as numbers: ISO days, months and times, and slashed days (US order first)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::\d{2})?)?", t)
    if not m:
        m2 = re.fullmatch(r"(\d{4})-(\d{2})", t)
        if m2 and 1 <= int(m2.group(2)) <= 12:
            return month_tx(int(m2.group(1)), int(m2.group(2)))
        m3 = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)  # 6/15/2023 (US), or 15/06/2023
        if m3:
            y = int(m3.group(3))
            y = y + (1900 if y >= 50 else 2000) if y < 100 else y
            a, b = int(m3.group(1)), int(m3.group(2))
            month, day = (b, a) if a > 12 else (a, b)
            try:
                return day_tx(date(y, month, day))
            except ValueError:
                return None
        return None
    y, mo, d = map(int, m.group(1, 2, 3))
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if m.group(4):
        return Timex("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m.group(4)}:{m.group(5)}", "time", day)
    return day_tx(day)


def season(t: str, ctx: Context) -> Timex | None:
    """A season of a named year, else of the anchor's: `2023-SU`."""
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter)(?: (?:of )?(\d{4}))?", t)
    if not m:
        return None
    y = int(m.group(2)) if m.group(2) else (ctx.anchor.year if ctx.anchor else None)
    if y is None:
        return Timex("DATE", f"XXXX-{SEASONS[m.group(1)]}", "season")
    return Timex("DATE", f"{y:04d}-{SEASONS[m.group(1)]}", "season", date(y, SEASON_START[SEASONS[m.group(1)]], 1))


def decade(t: str, ctx: Context) -> Timex | None:
    """Decades (`199`) and centuries (`20`); "the '80s" is the last such decade before the anchor."""
    m = re.fullmatch(r"(?:the )?(\d{3})0'?s", t)
    if m:
        return Timex("DATE", m.group(1), "decade", date(int(m.group(1)) * 10, 1, 1))
    m = re.fullmatch(r"(?:the )?'?([1-9])0'?s", t)
    if m and (t.startswith("the") or "'" in t):
        century = (ctx.anchor.year // 100) if ctx.anchor else 19
        decade_year = century * 100 + int(m.group(1)) * 10
        if ctx.anchor and decade_year > ctx.anchor.year:
            decade_year -= 100
        return Timex("DATE", f"{decade_year // 10:03d}", "decade", date(decade_year, 1, 1))
    m = re.fullmatch(r"(?:the )?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", t)
    if m:
        d = "twenties thirties forties fifties sixties seventies eighties nineties".split().index(m.group(1)) + 2
        return Timex("DATE", f"19{d}", "decade", date(1900 + 10 * d, 1, 1))
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        c = int(m.group(1)) - 1
        return Timex("DATE", f"{c:02d}", "century", date(max(c * 100, 1), 1, 1))
    if t in {"this century", "the century", "the current century"} and ctx.anchor:
        c = ctx.anchor.year // 100
        return Timex("DATE", f"{c:02d}", "century", date(c * 100, 1, 1))
    return None


def month_day(t: str, ctx: Context) -> Timex | None:
    """A day of a month, in either order, with its year or the nearest one to the anchor."""
    m = re.fullmatch(
        rf"(?:(?:the )?({MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?|(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE})\.?)"
        rf"(?:,? (\d{{4}}))?",
        t,
    )
    if not m:
        return None
    month = MONTHS[m.group(1) or m.group(4)]
    day = int(m.group(2) or m.group(3))
    if not 1 <= day <= 31:
        return None
    if m.group(5):
        try:
            return day_tx(date(int(m.group(5)), month, day))
        except ValueError:
            return None
    anchor = ctx.anchor
    if anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return day_tx(closest(candidates, anchor, ctx.tense))


def month_year(t: str, ctx: Context) -> Timex | None:
    """A month with its year ("March 2021", "June this year"), or the nearest one to the anchor."""
    m = re.fullmatch(rf"(?:the month of )?({MONTH_RE})\.?(?:,? (?:of )?(\d{{4}}|this year|last year|next year))?", t)
    if not m:
        return None
    month = MONTHS[m.group(1)]
    year_word = m.group(2)
    anchor = ctx.anchor
    if year_word and year_word[0].isdigit():
        return month_tx(int(year_word), month)
    if anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}", "month")
    if year_word:
        return month_tx(anchor.year + {"this year": 0, "last year": -1, "next year": 1}[year_word], month)
    candidates = [date(y, month, 15) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    best = closest(candidates, anchor.replace(day=15), ctx.tense)
    return month_tx(best.year, month)


def year(t: str, ctx: Context) -> Timex | None:
    """Years by number, and the year, month or week a phrase points at ("the year earlier").

    "the previous year" counts back from the year the discourse last named; "a year earlier"
    next to a recent quarter ("year ago" in a quarterly report) is that quarter a year before.
    """
    m = re.fullmatch(
        r"(?:the )?(?:(?:calendar |fiscal |model |school |financial )?year |fiscal |fy ?|calendar |the year of )?'?(1[0-9]\d\d|20\d\d)(?: fiscal year| calendar year)?",
        t,
    )
    if m:
        return year_tx(int(m.group(1)))
    m = re.fullmatch(r"(?:fiscal|fy) ?'?(\d\d)", t)
    if m:
        y = int(m.group(1))
        return year_tx(y + (1900 if y >= 50 else 2000))
    m = re.fullmatch(r"(\d{4}) ?(?:-|/) ?(\d{2})", t)  # "1990-91": the span's first year
    if m and 1000 < int(m.group(1)) < 2200:
        return year_tx(int(m.group(1)))
    anchor = ctx.anchor
    if t in {"this year", "the current year", "the current fiscal year", "the full year", "this fiscal year",
             "the year to date", "year to date", "this calendar year", "the year", "the calendar year", "the current calendar year", "year end",
             "year's end", "the year's end", "the end of the year", "the full fiscal year"}:  # fmt: skip
        return year_tx(anchor.year) if anchor else Timex("DATE", "XXXX", "year")
    if t in {"year earlier", "year ago", "the year earlier", "the year ago", "the year before", "the prior year",
             "the previous year", "the preceding year", "a year before", "the previous fiscal year", "the prior fiscal year"}:  # fmt: skip
        if ctx.ref.recent_quarter is not None and t in {"year earlier", "year ago", "the year earlier", "the year ago"}:
            y, q = ctx.ref.recent_quarter
            return quarter_tx(y - 1, q, anaphoric=True)
        base = (
            ctx.ref.year
            if (ctx.ref.year and "previous" in t or "prior" in t or "preceding" in t or "before" in t)
            else None
        )
        base = base or (anchor.year if anchor else None)
        return year_tx(base - 1) if base else Timex("DATE", "XXXX", "year")
    if t in {"that year", "the same year", "that same year", "later that year", "earlier that year"}:
        y = ctx.ref.year or (anchor.year if anchor else None)
        return year_tx(y) if y else Timex("DATE", "XXXX", "year")
    if t in {"the following year", "the next year"} and (ctx.ref.year or anchor):
        return year_tx((ctx.ref.year or anchor.year) + 1)
    if t in {"the month", "this month", "the current month", "the same month", "that month"}:
        if t in {"the same month", "that month"} and ctx.ref.day:
            return month_tx(ctx.ref.day.year, ctx.ref.day.month)
        return month_tx(anchor.year, anchor.month) if anchor else Timex("DATE", "XXXX-XX", "month")
    if t in {"the week", "this week", "the current week", "that week", "the same week"}:
        base = ctx.ref_day if t in {"that week", "the same week"} else anchor
        return week_tx(base) if base else Timex("DATE", "XXXX-WXX", "week")
    return None
