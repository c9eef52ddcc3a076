"""Clock times and parts of the day (TIMEX3 TIME), alone or on a named day.

Reads: "6 a.m.", "6:30 pm", "9 o'clock", "4 in the morning", "noon", "midnight", "1400 GMT",
"10 p.m. (EST)", "dawn", "late afternoon", "the early hours" (`clock`, on the day the
discourse last named); "10 p.m. Wednesday", "Friday at noon", "5 p.m. EST Nov. 9", "6 a.m.
tomorrow", "mid-afternoon yesterday", "the morning of June 5", "June 5 in the evening"
(`clock_with_day`: the day read by the whole grammar, the time added to it).
"""

from __future__ import annotations

import re

from ..context import Context
from ..values import Timex
from ..vocabulary import DAY_PARTS, NAMED_CLOCK, TIME_OF_DAY, TIMEZONES


def clock_with_day(t: str, ctx: Context) -> Timex | None:
    """A clock time or part of the day joined to a day: '10 p.m. wednesday', 'friday at noon'.

    Also '5 p.m. est nov. 9', '6 a.m. tomorrow', 'mid-afternoon yesterday'; the day must read as
    a DATE of day granularity.
    """
    clock_re = (
        rf"(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?:\s+{TIMEZONES})?"
        rf"|(?P<named>noon|midnight)"
    )
    m = re.fullmatch(rf"(?:{clock_re})(?:,? (?:on |of )?(?P<rest>.+))", t) or re.fullmatch(
        rf"(?P<rest>.+?),? (?:at |around |about |by )?(?:{clock_re})", t
    )
    if not m or not m.group("rest"):
        part = r"(?P<part>(?:early |late |mid ?)?(?:morning|afternoon|evening|night)|midafternoon|midmorning)"
        m = re.fullmatch(rf"(?:the )?{part},? (?:of |on )?(?P<rest>.+)", t) or re.fullmatch(
            rf"(?P<rest>.+?),? (?:in the )?{part}", t
        )
        if not m:
            return None
        day = ctx.read(m.group("rest"))
        if day is None or day.granularity != "day" or day.timex_type != "DATE":
            return None
        code = TIME_OF_DAY.get(
            m.group("part").split()[-1].replace("mid", ""), "AF" if "afternoon" in m.group("part") else "MO"
        )
        return Timex("TIME", f"{day.value}T{code}", "time", day.resolved)
    hm = hour_minute(m.group("h"), m.group("mi"), m.group("ap"), m.group("named"))
    if hm is None:
        return None
    day = ctx.read(m.group("rest"))
    if day is None or day.granularity != "day" or day.timex_type != "DATE":
        return None
    return Timex("TIME", f"{day.value}T{hm}", "time", day.resolved)


def hour_minute(hour: str | None, minute: str | None, ap: str | None = None, named: str | None = None) -> str | None:
    """'hh:mm' on the 24-hour clock of '10 p.m.', '12 a.m.', '9:30' or 'noon'; None if no such time."""
    if named:
        return NAMED_CLOCK[named]
    h, mi, ap = int(hour), int(minute or 0), ap or ""
    if ap.startswith("p") and h < 12:
        h += 12
    if ap.startswith("a") and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def clock(t: str, ctx: Context) -> Timex | None:
    """A clock time or part of the day alone, on the day the article was just speaking of.

    "at 10 p.m." is on the discourse's last day (the anchor if none); "the morning" too, while
    "morning" alone is the anchor's.
    """
    t = re.sub(rf"\s+{TIMEZONES}$", "", t).strip()
    m = re.fullmatch(
        r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?:(?P<ap>a\.?m\.?|p\.?m\.?)|o'clock)"
        r"|(?P<h2>\d{1,2})(?::(?P<mi2>\d{2}))? (?:o'clock )?in the (?P<part>morning|afternoon|evening|night)"
        r"|(?P<named>noon|midday|midnight)|(?P<mil>[012]\d)(?P<mmil>[0-5]\d) (?:gmt|utc|hours|hrs))",
        t,
    )
    if not m:
        if t in DAY_PARTS:
            base = ctx.ref_day if t.startswith("the") else ctx.anchor
            day = base.isoformat() if base else "XXXX-XX-XX"
            return Timex("TIME", f"{day}T{DAY_PARTS[t]}", "time", base)
        return None
    if m.group("mil"):
        hm = f"{m.group('mil')}:{m.group('mmil')}"
    elif m.group("h2"):
        part, h = m.group("part"), int(m.group("h2"))
        evening = part in {"afternoon", "evening"} or (part == "night" and 6 <= h < 12)
        hm = hour_minute(m.group("h2"), m.group("mi2"), "pm" if evening else None)
    else:
        hm = hour_minute(m.group("h"), m.group("mi"), m.group("ap"), m.group("named"))
    if hm is None:
        return None
    base = ctx.ref_day  # "at 10 p.m." is on the day the article was just speaking of
    day = base.isoformat() if base else "XXXX-XX-XX"
    return Timex("TIME", f"{day}T{hm}", "time", base, anaphoric=ctx.ref.day is not None)
