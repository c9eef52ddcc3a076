"""A pattern scan for the expressions the small model often misses as DATE or TIME entities.

Finds "now", "recently", "the near future", "third-quarter", "the year-ago period", "this
week", "two more weeks", "every Monday", "Thanksgiving", "nineteen ninety-six", "15 June
2023". The pattern is tried only at the tokens such an expression can start with
(`SCAN_STARTS`), which is much cheaper than searching the whole text.
"""

from __future__ import annotations

import re

from spacy.attrs import IDX, IS_DIGIT, LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from ..lexicons import words
from .vocabulary import HOLIDAYS, MONTHS, MOVABLE, NUMBERS, ORDINALS, SETS, WEEKDAY_RE, WEEKDAYS

# Longest first, so an alternation never stops at a prefix; ties alphabetical, so the pattern is
# the same string in every process (sets iterate in a per-process hash order).
_MONTH_CAP = "|".join(
    sorted({m.capitalize() for m in MONTHS} | {m.upper() for m in MONTHS}, key=lambda m: (-len(m), m))
)
_NUM_WORD = "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT_RE = r"(?:years?|months?|weeks?|days?|decades?|quarters?|hours?|minutes?|centuries|century)"
_HOLIDAY_RE = "|".join(sorted((re.escape(h) for h in HOLIDAYS.keys() | MOVABLE), key=lambda h: (-len(h), h)))
SCAN = re.compile(
    "|".join(
        [
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_CAP})\b\.?(?:,?\s+\d{{4}}\b)?",
            rf"\b(?:{_MONTH_CAP})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?",
            r"\b(?i:right\s+now|now|currently|recently|nowadays|these\s+days|today|yesterday|tomorrow|tonight|current|recent)\b",
            r"\b(?i:the\s+(?:near\s+|distant\s+)?future)\b",
            r"\b(?i:the\s+past)\b(?!\s+(?:\d|[a-z]+\s+(?:years?|months?|weeks?|days?|decades?|quarters?)\b|"
            r"years?|months?|weeks?|days?|decades?|quarters?|centur))",
            rf"\b(?i:recent\s+{_UNIT_RE})\b",
            r"\b(?i:daily|weekly|hourly|nightly|annually|yearly)\b",
            rf"\b(?i:(?:every|each)\s+(?:other\s+)?(?:{_UNIT_RE}|morning|evening|night|weekend|{WEEKDAY_RE}))\b",
            r"\b(?i:(?:the\s+)?(?:fiscal[\s-]+)?(?:first|second|third|fourth)[\s-]+(?:fiscal[\s-]+)?quarters?)\b",
            r"\b(?i:(?:the\s+)?(?:latest|current|comparable|same|year[\s-]+earlier|year[\s-]+ago)\s+"
            r"(?:(?:first|second|third|fourth|fiscal)\s+)?(?:quarter|period))\b",
            r"\b(?i:year[\s-]+(?:earlier|ago|end))\b",
            r"\b(?i:the\s+(?:1[89]|20)\d\d\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period|half))\b",
            r"\b(?i:(?:this|last|next|the\s+coming|the\s+past)\s+(?:week|month|year|weekend|quarter|spring|summer|fall|autumn|winter))\b",
            r"\b(?i:the\s+weekend|the\s+(?:near|short|long|longer)\s+term|as\s+soon\s+as\s+possible)\b",
            rf"\b(?i:(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{_NUM_WORD})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|"
            rf"a\s+few|several|a\s+couple\s+of|many)(?:[\s-]+(?:more|additional|full|straight|consecutive))?"
            rf"[\s-]+{_UNIT_RE}(?:[\s-]+(?:ago|earlier|later|long))?)\b",
            rf"\b(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})(?:\s+(?i:morning|afternoon|evening|night))?\b",
            rf"\b(?i:{_HOLIDAY_RE})\b",
            r"\b(?i:(?:eighteen|nineteen|twenty)[\s-]+(?:hundred|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
            r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|"
            r"three|four|five|six|seven|eight|nine))?)\b",
        ]
    )
)


# The words an expression the scan looks for can start with.
SCAN_STARTS = (
    set(MONTHS) | {m + "." for m in MONTHS} | set(WEEKDAYS) | set(NUMBERS) | set(ORDINALS) | set(SETS)
    | {h.split()[0] for h in HOLIDAYS.keys() | MOVABLE}
    | words("timex/scan_starts")
)  # fmt: skip

_START_HASHES: dict[int, frozenset] = {}


def _scan_start_hashes(strings: StringStore) -> frozenset:
    """The hashes of `SCAN_STARTS` in a vocabulary's string store, computed once per store."""
    key = id(strings)
    if key not in _START_HASHES:
        _START_HASHES[key] = frozenset(strings[w] for w in SCAN_STARTS)
    return _START_HASHES[key]


def scanned_spans(doc: Doc) -> list[Span]:
    """The spans the pattern finds, in text order, none starting inside the one before."""
    text = doc.text
    spans = []
    scanned_to = 0
    starts = _scan_start_hashes(doc.vocab.strings)
    # The scan tries only the tokens an expression can start with: much cheaper than a search.
    for lower, idx, digit in doc.to_array([LOWER, IDX, IS_DIGIT]).tolist():
        if idx < scanned_to or not (digit or lower in starts):
            continue
        m = SCAN.match(text, idx)
        if m is None:
            continue
        scanned_to = m.end()
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
    return spans
