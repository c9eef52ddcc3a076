"""Dates counted from the anchor or from the discourse, which is how news mostly names time.

Reads: "the week of June 5" (`week_of`); "today", "yesterday", "tomorrow", "tonight", "last
night", "this afternoon", "overnight", "the following day", "that same day", "the next
morning", "the weekend", "this weekend" (`relative_day`); "two days ago", "three years ago",
"three days later", "a year earlier", "a decade ago", "two years from now" (`ago_or_later`);
"next month", "last year", "this summer", "the following month", "last Friday", "this coming
Sunday", "next April", "last Christmas", "next quarter" (`this_next_last`); "Monday", "Friday
morning", "the morning of Friday", "Thursday, April 6" (`weekday`).

A bare weekday points the way the governing verb's tense does ("said Friday" is the Friday just
past, "will meet Friday" the next one); "the following day" and "three days later" count from
the day the discourse last named (`Reference`), "two days ago" from the anchor.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..context import Context
from ..text import number_of, unit_of
from ..values import Timex, day_tx, month_tx, quarter_tx, shifted, week_tx, weekend_tx
from ..vocabulary import (
    DAY_OFFSETS,
    HOLIDAYS,
    MONTHS,
    MOVABLE,
    SEASON_START,
    SEASONS,
    TIME_OF_DAY,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
)
from .holidays import holiday_on
from .quarters import quarter_phrase


def week_of(t: str, ctx: Context) -> Timex | None:
    """The ISO week holding the day named after "the week of", "beginning" or "ending"."""
    m = re.fullmatch(r"(?:the )?week (?:of|beginning|starting|ending) (.+)", t)
    if not m:
        return None
    day = ctx.read(m.group(1))
    return week_tx(day.resolved) if day is not None and day.granularity == "day" and day.resolved else None


def relative_day(t: str, ctx: Context) -> Timex | None:
    """Days and parts of days next to the anchor or the discourse's day, and the weekend."""
    anchor = ctx.anchor
    m = re.fullmatch(
        r"(today|yesterday|tomorrow|tonight|this|last|the day before yesterday|the day after tomorrow)"
        r"(?: (morning|afternoon|evening|night))?",
        t,
    )
    if (
        m
        and (m.group(1) not in {"this", "last"} or m.group(2))
        and not (m.group(1) == "last" and m.group(2) != "night")
    ):
        word, part_word = m.groups()
        base = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1,
                "the day before yesterday": -2, "the day after tomorrow": 2}[word]  # fmt: skip
        part = "NI" if word == "tonight" else TIME_OF_DAY.get(part_word or "")
        if anchor is None:
            if part:
                return Timex("TIME", f"XXXX-XX-XXT{part}", "time")
            return Timex("DATE", "PRESENT_REF" if base == 0 else "XXXX-XX-XX", "reference" if base == 0 else "day")
        d = anchor + timedelta(days=base)
        return Timex("TIME", f"{d.isoformat()}T{part}", "time", d) if part else day_tx(d)
    if t == "overnight":
        if anchor is None:
            return Timex("TIME", "XXXX-XX-XXTNI", "time")
        d = anchor - timedelta(days=1)
        return Timex("TIME", f"{d.isoformat()}TNI", "time", d)
    # against the discourse's day: "the following day", "that same day", "the next morning"
    if t in DAY_OFFSETS:
        base = ctx.ref_day
        if base is None:
            return Timex("DATE", "XXXX-XX-XX", "day")
        return day_tx(base + timedelta(days=DAY_OFFSETS[t]))
    if t in {"the weekend", "this weekend", "last weekend", "next weekend", "the past weekend", "the coming weekend"}:
        if anchor is None:
            return Timex("DATE", "XXXX-WXX-WE", "weekend")
        saturday = anchor + timedelta(days=(5 - anchor.weekday()))  # this week's Saturday
        if t.startswith(("last", "the past")) or (
            t in {"the weekend", "this weekend"}
            and (ctx.tense == "past" or (ctx.tense != "future" and saturday > anchor))
        ):
            if saturday > anchor:
                saturday -= timedelta(days=7)
        elif t.startswith(("next", "the coming")) and saturday <= anchor:
            saturday += timedelta(days=7)
        return weekend_tx(saturday)
    return None


def ago_or_later(t: str, ctx: Context) -> Timex | None:
    """A quantity of units before or after: "ago" counts from the anchor, "later" from the discourse.

    A vague or fractional quantity ("years ago", "1.5 years later") is PAST_REF or FUTURE_REF;
    "a year earlier" next to a recent quarter is that quarter a year before.
    """
    m = re.fullmatch(r"(?:(\S+) )?(\w+) (ago|earlier|later|from now|before|after|hence|back|on|in the past)", t)
    if not m or not unit_of(m.group(2)):
        return None
    qty, word = m.group(1), m.group(3)
    unit = unit_of(m.group(2))
    if qty is None and not m.group(2).endswith("s"):
        return None  # "year earlier" is handled as an adjective
    n = number_of(qty) if qty else "X"
    if word == "on" and n == "X":
        return None
    sign = -1 if word in {"ago", "earlier", "before", "back", "in the past"} else 1
    relative_to_ref = word in {"earlier", "later", "before", "after", "on"}
    if n is None:
        return None
    if n == "X" or isinstance(n, float):
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "reference")
    if unit == "year" and n == 1 and ctx.ref.recent_quarter is not None and (relative_to_ref or word == "ago"):
        y, q = ctx.ref.recent_quarter  # "a year earlier" in a quarterly report: the same quarter last year
        return quarter_tx(y + sign, q, anaphoric=True)
    base = ctx.ref_day if relative_to_ref else ctx.anchor
    if base is None:
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "reference")
    return shifted(base, unit, sign * n)


def this_next_last(t: str, ctx: Context) -> Timex | None:
    """A season, weekday, holiday, month or unit one step from the anchor (or from the discourse).

    "the following", "the previous", "the same", "that" and "prior" step from the discourse's
    last date; "this", "next", "last" and the rest from the anchor.
    """
    m = re.fullmatch(
        r"(this past|this coming|this|next|last|past|coming|upcoming|current|previous|the following|the coming|"
        r"the next|the last|the past|the previous|the same|the current|that|the latest|latest|the most recent|"
        r"the prior|prior) (easter sunday|\w+(?: day| eve| day's)?)",
        t,
    )
    if not m:
        return None
    which, noun = m.groups()
    anchor = ctx.anchor
    step = {
        "this": 0, "current": 0, "the current": 0, "the same": 0, "that": 0,
        "next": 1, "coming": 1, "upcoming": 1, "this coming": 1, "the coming": 1, "the following": 1, "the next": 1,
        "last": -1, "past": -1, "this past": -1, "previous": -1, "the last": -1, "the past": -1, "the previous": -1,
        "the latest": -1, "latest": -1, "the most recent": -1, "the prior": -1, "prior": -1,
    }[which]  # fmt: skip
    from_ref = which in {"the following", "the previous", "the same", "that", "the prior", "prior"}
    if noun in SEASONS:
        code = SEASONS[noun]
        if anchor is None:
            return Timex("DATE", f"XXXX-{code}", "season")
        y = anchor.year + step
        if which == "this past":  # the most recent one
            y = anchor.year if SEASON_START[code] < anchor.month else anchor.year - 1
        return Timex("DATE", f"{y:04d}-{code}", "season", date(y, SEASON_START[code], 1))
    if noun in WEEKDAYS:
        base = ctx.ref_day if from_ref else anchor
        if base is None:
            return Timex("DATE", f"XXXX-WXX-{WEEKDAYS[noun] + 1}", "day")
        return _weekday_from(
            base, WEEKDAYS[noun], "future" if step > 0 else "past" if step < 0 else ctx.tense, strict=step != 0
        )
    if noun in HOLIDAYS or noun in MOVABLE:
        return holiday_on(noun, ctx, step)
    if noun in MONTHS:
        if anchor is None:
            return Timex("DATE", f"XXXX-{MONTHS[noun]:02d}", "month")
        month = MONTHS[noun]
        if step < 0:
            return month_tx(anchor.year if month < anchor.month else anchor.year - 1, month)
        if step > 0:
            return month_tx(anchor.year if month > anchor.month else anchor.year + 1, month)
        return month_tx(anchor.year, month)
    unit = unit_of(noun)
    if unit is None or UNITS[unit][1] or unit in {"day", "night"} or noun.endswith("s"):
        return None
    if unit == "quarter":
        return quarter_phrase(t, ctx)
    base = anchor
    if from_ref:
        if unit == "year" and ctx.ref.year:
            base = date(ctx.ref.year, 1, 1)
        elif unit == "month" and ctx.ref.month:
            base = date(*ctx.ref.month, 1)
        else:
            base = ctx.ref_day
    if base is None:
        return Timex("DATE", "PRESENT_REF" if step == 0 else ("FUTURE_REF" if step > 0 else "PAST_REF"), "reference")
    tx = shifted(base, unit, step)
    return tx if tx is None or not from_ref else Timex(tx.timex_type, tx.value, tx.granularity, tx.resolved, True)


def _weekday_from(base: date, wd: int, tense: str | None, strict: bool = False) -> Timex:
    """The weekday `wd` after `base` for a future tense, else the one before (the base included unless strict)."""
    delta = wd - base.weekday()
    if tense == "future":
        d = base + timedelta(days=delta if delta > 0 else delta + 7)
    elif strict:  # "last Friday", "the previous Friday": strictly before
        d = base + timedelta(days=delta if delta < 0 else delta - 7)
    else:  # news speaks of the past by default: the most recent such day, the anchor included
        d = base + timedelta(days=delta if delta <= 0 else delta - 7)
    return day_tx(d)


def weekday(t: str, ctx: Context) -> Timex | None:
    """A weekday (with a part of the day) in the direction of the verb's tense.

    "Thursday, April 6": the date decides, moved to the year near the anchor where it is a
    Thursday when no year is written.
    """
    m = re.fullmatch(rf"({WEEKDAY_RE})(?: (morning|afternoon|evening|night|overnight))?", t)
    if not m:
        m2 = re.fullmatch(
            rf"(?:(?:this|next|last|this coming|this past|coming|past) )?({WEEKDAY_RE}),? (?:the )?(.+)", t
        )
        if m2:  # "thursday, april 6": the date decides, in the year where it is a thursday
            tx = ctx.read(m2.group(2))
            if tx is not None and tx.granularity == "day":
                wd = WEEKDAYS[m2.group(1)]
                if tx.resolved is not None and tx.resolved.weekday() != wd and ctx.anchor is not None:
                    for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
                        try:
                            d = tx.resolved.replace(year=y)
                        except ValueError:
                            continue
                        if d.weekday() == wd and not re.search(r"\d{4}", m2.group(2)):
                            return day_tx(d)
                return tx
        m3 = re.fullmatch(rf"(morning|afternoon|evening|night) (?:of )?({WEEKDAY_RE})", t)
        if not m3:
            return None
        part_word, day_word = m3.groups()
    else:
        day_word, part_word = m.groups()
    wd = WEEKDAYS[day_word]
    part = TIME_OF_DAY.get(part_word or "")
    if ctx.anchor is None:
        return Timex(
            "TIME" if part else "DATE", f"XXXX-WXX-{wd + 1}{'T' + part if part else ''}", "time" if part else "day"
        )
    d = _weekday_from(ctx.anchor, wd, ctx.tense).resolved
    if part:
        return Timex("TIME", f"{d.isoformat()}T{part}", "time", d)
    return day_tx(d)
