"""The words the grammar and the scan know, so that a list is edited in one data file.

Every list and table is read once, at import, from `data/lexicons/timex/` (HeidelTime keeps its
`repattern` and `normalization` resources apart from its rules the same way); only the month
and weekday names come from Python's `calendar`. The few patterns built from the lists here
are the ones both the grammar and the component use.
"""

from __future__ import annotations

import calendar
import re

from ..lexicons import entries, table, words


def _pairs(name: str) -> dict[str, tuple]:
    """A table whose values are written as JSON arrays, with the arrays as tuples."""
    return {key: tuple(value) for key, value in table(name).items()}


# Month and weekday names, lower case: "january"/"jan" -> 1, "monday" -> 0.
MONTHS: dict[str, int] = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS.update(table("timex/extra_months"))  # "sept"
WEEKDAYS: dict[str, int] = {d.lower(): i for i, d in enumerate(calendar.day_name)}

# Numbers written as words: "zero".."nineteen", "twenty".."ninety", then "a", "hundred", "dozen".
TENS: dict[str, int] = dict(table("timex/tens"))
NUMBERS: dict[str, int] = {**table("timex/numbers"), **TENS, **table("timex/quantity_words")}
ORDINAL_WORDS: dict[str, int] = dict(table("timex/ordinal_words"))  # "first" -> 1 .. "thirtieth" -> 30
ORDINALS: dict[str, int] = dict(table("timex/quarter_ordinals"))  # the ones that name a quarter
VAGUE = words("timex/vague_quantities")  # "several years": PXY

# Units of duration: "hour" -> ("H", True), the TIMEX3 letter and whether it is a time (PT…).
UNITS: dict[str, tuple[str, bool]] = _pairs("timex/units")
SEASONS: dict[str, str] = dict(table("timex/seasons"))  # "fall" -> "FA"
SEASON_START: dict[str, int] = dict(table("timex/season_starts"))  # "FA" -> 9, the month it starts in
TIME_OF_DAY: dict[str, str] = dict(table("timex/times_of_day"))  # "morning" -> "MO"
DAY_PARTS: dict[str, str] = dict(table("timex/day_parts"))  # a time of day alone: "dusk" -> "EV"
NAMED_CLOCK: dict[str, str] = dict(table("timex/named_clock_times"))  # "noon" -> "12:00"
DAY_OFFSETS: dict[str, int] = dict(table("timex/day_offsets"))  # "the following day" -> 1, from the discourse's day

# TimeML's references: "now" is PRESENT_REF, "recently" PAST_REF, "soon" FUTURE_REF.
PRESENT = words("timex/present")
PAST = words("timex/past")
FUTURE = words("timex/future")
SETS: dict[str, str] = dict(table("timex/sets"))  # "weekly" -> "P1W"
NOT_TIMEX = words("timex/not_timex")  # "the day", "annual": tagged by the model, not TIMEX3

# Holidays: fixed ones as (month, day), movable ones by name (their dates are computed).
HOLIDAYS: dict[str, tuple[int, int]] = _pairs("timex/holidays")
MOVABLE = words("timex/movable_holidays")

# What the component trims or splits a candidate span at, and the tense words of its verb.
SPLITTERS = words("timex/splitters")
TRIM_LEADING = words("timex/trim_leading")
FUTURE_AUX = words("timex/future_aux")
FUTURE_HEADS = words("timex/future_heads")

# --- patterns built from the lists -----------------------------------------------------------

TIMEZONES = r"\(?(?:" + "|".join(entries("timex/time_zones")) + r")\)?"
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(WEEKDAYS)

# Words in front of the expression that are not part of its value (phrases longest first).
LEADING = re.compile(
    r"^(?:"
    + "|".join(sorted(entries("timex/leading_phrases"), key=len, reverse=True) + list(entries("timex/leading_words")))
    + r")\s+",
    re.I,
)
# Words that narrow an expression without changing its value: "early 2023", "the end of the year".
MODIFIERS = re.compile(r"^(?:the\s+)?(?:very\s+)?(?:" + "|".join(entries("timex/modifiers")) + r")[\s-]+", re.I)
