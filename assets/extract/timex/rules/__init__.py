"""The grammar's rules, one family of expressions per module, in the order they are tried.

Each rule takes the prepared words and a `Context` and returns a `Timex` or None. The first rule
that reads an expression wins, so the order below decides between readings when two rules
could read the same words (the vague references first, a bare year or clock time last); a new
rule goes where its reading should win.

* `references`: "now", "recently", "the future", "the past few years"
* `sets`: "daily", "every Monday", "twice a year", "Tuesday nights"
* `absolute`: "2013-03-22", "June 15, 2023", "March 2021", "2030", "the 1990s", "this summer"
* `relative`: "yesterday", "the following day", "two days ago", "next month", "Monday"
* `clock`: "6 a.m.", "noon", "10 p.m. Wednesday", "4 in the morning"
* `quarters`: "the third quarter", "Q4 2022", "the year-ago period", "the first half of 1990"
* `durations`: "two years", "18 months", "three-day", "the past year"
* `holidays`: "Christmas", "Thanksgiving Day", "Easter 2024", "Christmas week"
"""

from __future__ import annotations

from . import absolute, clock, durations, holidays, quarters, references, relative, sets

RULES = (
    references.reference,
    relative.week_of,
    sets.recurring,
    absolute.iso,
    relative.relative_day,
    clock.clock_with_day,
    relative.ago_or_later,
    quarters.quarter,
    durations.duration,
    relative.this_next_last,
    relative.weekday,
    holidays.holiday,
    absolute.season,
    absolute.decade,
    absolute.month_day,
    absolute.month_year,
    absolute.year,
    clock.clock,
)
