"""The spans of a parsed text that hold one time expression each, as the grammar can read them.

Proposals come from the model's DATE/TIME entities and the pattern scan (`scan.py`). Words in
front that are not part of the value are trimmed ("on Monday"); a span the grammar cannot read
whole is split at "and", "to", commas ("between 1994 and 1997"; "25" in "April 24 and 25" reads
as "April 25") or shrunk to its longest readable part; overlapping readings keep the longest;
a clock time next to a day ("10 p.m. Wednesday") or a weekday next to a date ("Friday, Oct. 13")
is read as one. Ages ("a 6-year-old") and fractions ("a quarter of the shares") are left out.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span

from .grammar import normalise
from .scan import scanned_spans
from .vocabulary import SPLITTERS, TIMEZONES, TRIM_LEADING, WEEKDAYS

AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[\s-]*old\b|\baged?\b", re.I)
FRACTION = re.compile(r"(?:^|\s)(?:a|an|one|three|1|3)[\s-]+(?:quarters?|half)$|(?:^|\s)half$", re.I)


def candidate_spans(doc: Doc, anchor: date | None = None) -> list[tuple[Span, str]]:
    """Spans holding one time expression each, in text order, with the text the grammar reads.

    The text is usually the span's own; "25" in "April 24 and 25" reads as "April 25".
    """
    text = doc.text
    proposals = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    proposals.extend(scanned_spans(doc))
    found: list[tuple[Span, str]] = []
    seen: set[tuple[int, int]] = set()
    for span in proposals:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            found.extend(_readable_parts(span, text, anchor))
    # Overlapping readings: the longest wins, then the earliest.
    found.sort(key=lambda p: (-(p[0].end_char - p[0].start_char), p[0].start))
    kept: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for span, read in found:
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append((span, read))
    kept.sort(key=lambda p: p[0].start)
    return _join_time_and_day(kept, text, anchor)


def _readable_parts(span: Span | None, text: str, anchor: date | None, depth: int = 0) -> list[tuple[Span, str]]:
    """The parts of a span the grammar reads, so one unreadable word does not lose the whole expression.

    The span itself when it reads; else its pieces between splitters ("between 1994 and 1997"),
    or its longest readable part and what reads on either side of it.
    """
    span = _trim(span)
    if span is None:
        return []
    after = text[span.end_char : span.end_char + 8]
    if AGE.search(span.text) or AGE.match(after) or re.match(r"[\s-]*old\b", after):
        return []  # ages ("a 6-year-old boy") are not time expressions in TimeML
    if FRACTION.search(span.text) and (re.match(r"\s+of\b", after) or "three-quarter" in span.text.lower()):
        return []  # "a quarter of the shares"
    if _readable(span.text, anchor):
        return [(span, span.text)]
    if depth > 3 or len(span) > 12:
        return []
    # Split at conjunctions and range words: "between 1994 and 1997", "April 24 and 25".
    cuts = [i for i, t in enumerate(span) if t.lower_ in SPLITTERS]
    if cuts:
        parts, last = [], 0
        for c in [*cuts, len(span)]:
            if c > last:
                parts.append(span[last:c])
            last = c + 1
        out: list[tuple[Span, str]] = []
        for part in parts:
            read = _readable_parts(part, text, anchor, depth + 1)
            if not read and out and re.fullmatch(r"\d{1,2}", part.text.strip()):
                # a bare day after a month and day takes their month: "April 24 and 25"
                prev = normalise(out[-1][1], anchor)
                m = re.fullmatch(r"(?:\d{4}|XXXX)-(\d{2})-\d{2}", prev.value) if prev else None
                if m:
                    read = [(part, f"{calendar.month_name[int(m.group(1))]} {part.text.strip()}")]
            out.extend(read)
        return out
    # Shrink to the longest part that reads, and look on both sides of it.
    n = len(span)
    for length in range(n - 1, 0, -1):
        for i in range(0, n - length + 1):
            sub = _trim(span[i : i + length])
            if sub is not None and len(sub) == length and _readable(sub.text, anchor):
                left = _readable_parts(span[:i], text, anchor, depth + 1) if i else []
                right = _readable_parts(span[i + length :], text, anchor, depth + 1) if i + length < n else []
                return [*left, (sub, sub.text), *right]
    return []


@lru_cache(maxsize=8192)
def _readable(text: str, anchor: date | None) -> bool:
    """Whether the grammar reads the text; cached, as splitting and shrinking ask again and again."""
    return normalise(text, anchor) is not None


def _trim(span: Span | None) -> Span | None:
    """The span without leading prepositions and punctuation, or trailing punctuation and "'s"."""
    if span is None or not len(span):
        return None
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].lower_ in TRIM_LEADING
        or (doc[start].lower_ == "over" and start + 1 < end and doc[start + 1].lower_ in {"the", "this", "that"})
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        if doc[end - 1].text == "." and end - 2 >= start and doc[end - 2].lower_ in {"a.m", "p.m", "am", "pm"}:
            break  # keep the dot of "p.m."
        end -= 1
    return doc[start:end] if end > start else None


_TIME_OF_DAY_ONLY = re.compile(
    rf"^(?:(?:at |around |about )?\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+{TIMEZONES})?|noon|midnight|"
    r"(?:the )?(?:early |late |mid[- ]?)?(?:morning|afternoon|evening|night)|mid[- ]?afternoon|mid[- ]?morning)$",
    re.I,
)


def _join_time_and_day(found: list[tuple[Span, str]], text: str, anchor: date | None) -> list[tuple[Span, str]]:
    """'10 p.m.' next to 'Wednesday', or 'mid-afternoon' next to 'yesterday', is one expression."""
    out: list[tuple[Span, str]] = []
    i = 0
    while i < len(found):
        span, read = found[i]
        if i + 1 < len(found):
            nxt, nxt_read = found[i + 1]
            between = text[span.end_char : nxt.start_char].strip().lower()
            if between in {"", ",", "on", "at", ", on", "of", "local time"} and (
                bool(_TIME_OF_DAY_ONLY.match(read.strip())) != bool(_TIME_OF_DAY_ONLY.match(nxt_read.strip()))
            ):
                combined = f"{read} {between + ' ' if between and between != ',' else ''}{nxt_read}"
                tx = normalise(combined, anchor)
                if tx is not None and tx.timex_type == "TIME":
                    out.append((span.doc[span.start : nxt.end], combined))
                    i += 2
                    continue
            if between in {"", ","} and read.strip().lower() in WEEKDAYS:  # "Friday Oct. 13", "Friday, Oct. 13"
                combined = f"{read}, {nxt_read}"
                tx = normalise(combined, anchor)
                if tx is not None and tx.granularity == "day" and normalise(nxt_read, anchor) is not None:
                    out.append((span.doc[span.start : nxt.end], combined))
                    i += 2
                    continue
        out.append((span, read))
        i += 1
    return out
