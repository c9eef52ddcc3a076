"""Datelines: where and on which day a story was filed, from a header or the text's opening.

A dateline dates an article better than its publication time (a story filed late on the 15th
is published on the 16th), so relative dates are anchored on it. It comes from the .txt date
header (`date 2023-06-16 06:43 15 June Kyiv, Ukraine`) or, for every input shape, from the
opening of the text as agencies write it: "KYIV, June 15 (Reuters) - ", "WASHINGTON (AP) — ",
"Kyiv, Ukraine, 15 June 2023 — ", or as a line of its own ("Friday, January 4, 2019"). A day
without a year takes the year that puts it on or just before the publication date; without a
publication date it keeps its words but no date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}
MONTHS["sept"] = 9
_MONTH = r"(?:{})\.?".format("|".join(sorted(MONTHS, key=len, reverse=True)))
_DAY_MONTH = rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}))(?:,?\s+(?P<y>\d{{4}}))?"

# A dateline in a header: the day first, the place after ("15 June Kyiv, Ukraine").
HEADER_DATELINE = re.compile(rf"^{_DAY_MONTH}\b[,.]?\s*(?P<place>.*)$", re.I)

# The opening of a text: a place (in capitals, or followed by a day or an agency), then a dash.
_PLACE = r"[A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3}"
TEXT_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:,\s*{_PLACE})?)"
    rf"(?:,?\s+(?P<day>{_DAY_MONTH}))?"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?"
    r"\s*(?:--|[-–—])\s+",
    re.I,
)
# Or a line holding nothing but a day ("Friday, January 4, 2019", as Wikinews opens its articles).
_WEEKDAY = "|".join(calendar.day_name)
DATE_LINE = re.compile(rf"(?P<line>(?:(?:{_WEEKDAY}),?\s+)?{_DAY_MONTH})[ \t\u00a0]*(?:\n|$)", re.I)
OPENING_CHARS = 400  # a dateline opens the first paragraph of the body, right below the headline


@dataclass(frozen=True)
class Dateline:
    day: date | None
    place: str | None
    written: str | None  # the day as written ("15 June"), when there is one
    start: int | None = None  # offsets of `written` in the text, when it was read from the text
    end: int | None = None


def parse_header_dateline(dateline: str, published: date | None) -> Dateline:
    """`15 June Kyiv, Ukraine` → 2023-06-15, 'Kyiv, Ukraine', '15 June'."""
    dateline = dateline.strip()
    m = HEADER_DATELINE.match(dateline)
    if not m:
        return Dateline(None, dateline or None, None)
    place = m.group("place").strip(" ,-—") or None
    written = dateline[: m.start("place")].strip(" ,")
    return Dateline(_day(m, published), place, written)


def text_dateline(text: str, published: date | None) -> Dateline | None:
    """The dateline opening the text, or the first paragraph below its headline; or None."""
    for start in _openings(text):
        if (m := DATE_LINE.match(text, start)) is not None:
            return Dateline(_day(m, published), None, m.group("line"), m.start("line"), m.end("line"))
        m = TEXT_DATELINE.match(text, start)
        if not m or m.end() - start > OPENING_CHARS:
            continue
        place = m.group("place")
        if not (place.isupper() or m.group("day") or m.group("agency")):
            continue  # "Biden - the president …" is a sentence, not a dateline
        if not m.group("day"):
            return Dateline(None, place, None)
        return Dateline(_day(m, published), place, m.group("day"), m.start("day"), m.end("day"))
    return None


def _openings(text: str) -> list[int]:
    """Where the text starts, and where its first paragraph below a headline line starts."""
    lead = len(text) - len(text.lstrip())
    below = re.compile(r"[^\n]{1,200}\n[ \t\r]*\n\s*").match(text, lead)
    return [lead, below.end()] if below else [lead]


def _day(m: re.Match, published: date | None) -> date | None:
    day = int(m.group("d1") or m.group("d2"))
    month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    years = [int(m.group("y"))] if m.group("y") else []
    if not years and published is not None:
        years = [published.year + 1, published.year, published.year - 1]
    for year in years:
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if m.group("y") or (candidate - published).days <= 1:
            return candidate
    return None
