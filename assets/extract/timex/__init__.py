"""Time expressions normalised to TIMEX3 (TempEval-3 conventions), anchored on the article date.

Two parts:

* `normalise(text, anchor, tense, ref)` is a grammar over the expression's words: absolute
  dates, relative ones ("next month", "two days ago", "Monday" with the verb's tense choosing
  the direction), durations, sets, quarters and halves, holidays, clock times and the
  PRESENT/PAST/FUTURE references. Words for numbers ("nineteen ninety-six", "twenty four") are
  read as numbers. Without an anchor, relative values stay underspecified (`XXXX-06-15`).
  `ref` is the discourse's reference time: "the following day", "the quarter" or "a year
  earlier" are read against the last date the article mentioned, as TimeML does.
* The spaCy component proposes spans from the model's DATE/TIME entities and a pattern scan
  for what the model misses ("now", "third-quarter", "Thanksgiving"); a span the grammar cannot
  read whole is split at "and"/"to"/commas ("between 1994 and 1997") or shrunk to the longest
  part it can read, and a clock time next to a day ("10 p.m. Wednesday") is read as one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.attrs import IDX, IS_DIGIT, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import guarded
from ..lexicons import words
from ..spans import sentence_index
from .context import Reference
from .grammar import normalise
from .values import Timex, quarter_tx
from .vocabulary import (
    FUTURE_AUX,
    FUTURE_HEADS,
    HOLIDAYS,
    MONTHS,
    MOVABLE,
    NUMBERS,
    ORDINALS,
    SETS,
    SPLITTERS,
    TIMEZONES,
    TRIM_LEADING,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
)

# Expressions the small model often misses, scanned for directly.
_MONTH_CAP = "|".join(sorted({m.capitalize() for m in MONTHS} | {m.upper() for m in MONTHS}, key=len, reverse=True))
_NUM_WORD = "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT_RE = r"(?:years?|months?|weeks?|days?|decades?|quarters?|hours?|minutes?|centuries|century)"
_HOLIDAY_RE = "|".join(sorted((re.escape(h) for h in HOLIDAYS.keys() | MOVABLE), key=len, reverse=True))
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


# --- the spaCy component -------------------------------------------------------------------


@Language.factory("newsclaims_timex")
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger()


class TimexTagger:
    """Sets `doc._.timexes` from the spans the model and the scan propose, anchored on
    `doc._.anchor_date` (an ISO date string, or None for underspecified values)."""

    @guarded("timexes")
    def __call__(self, doc: Doc) -> Doc:
        anchor = date.fromisoformat(doc._.anchor_date) if doc._.anchor_date else None
        ref = Reference()
        out = []
        found = candidate_spans(doc, anchor)
        for i, (span, text) in enumerate(found):
            ref.sentence = sentence_index(doc, span.start)
            tx = _quarter_ended(found, i, anchor) or _in_context(span, text, anchor, ref)
            if tx is None:
                continue
            ref.update(tx)
            out.append(
                {
                    "text": span.text,
                    "start": span.start_char,
                    "end": span.end_char,
                    "sentence": ref.sentence,
                    "timex_type": tx.timex_type,
                    "value": tx.value,
                    "granularity": tx.granularity,
                    "resolved": tx.resolved.isoformat() if tx.resolved else None,
                    "governors": [span.root.head.i, span.root.head.head.i],
                }
            )
        doc._.timexes = out
        return doc


ENDED = re.compile(r"\s*(?:that |which )?(?:ended|ending|ends|closed|through)\s*(?:on\s*)?", re.I)
UNNUMBERED_QUARTER = re.compile(
    r"(?:the |its |this |that )?(?:latest |fiscal |most recent |same )*(?:quarter|period)", re.I
)


def _quarter_ended(found: list[tuple[Span, str]], i: int, anchor: date | None) -> Timex | None:
    """'the quarter ended Sept. 30' is the quarter lying mostly in the three months up to that day."""
    span, text = found[i]
    if i + 1 >= len(found) or not UNNUMBERED_QUARTER.fullmatch(text.strip()):
        return None
    nxt, nxt_text = found[i + 1]
    if not ENDED.fullmatch(span.doc.text[span.end_char : nxt.start_char]):
        return None
    end = normalise(nxt_text, anchor, "past")
    if end is None or end.granularity != "day" or end.resolved is None:
        return None
    middle = end.resolved - timedelta(days=45)
    return quarter_tx(middle.year, (middle.month - 1) // 3 + 1, anaphoric=True)


def _in_context(span: Span, text: str, anchor: date | None, ref: Reference) -> Timex | None:
    """The expression's value with what its sentence tells: the verb's tense, and "a year"
    after a quantity ("$1 billion a year") being a frequency."""
    doc = span.doc
    if span.start > 0 and re.fullmatch(r"(?:a|an|per) (?:day|week|month|year|hour)", text.lower().strip()):
        before = doc[span.start - 1]
        if before.pos_ in {"NUM", "NOUN", "PROPN", "SYM"} or before.lower_ in {"twice", "once", "times"}:
            unit = text.lower().split()[-1]
            code, is_time = UNITS[unit]
            return Timex("SET", f"P{'T' if is_time else ''}1{code}", "set")
    if span.end < len(doc) and doc[span.end].lower_ in {"ended", "ending", "ends", "through"}:
        # "the year ended Sept. 30": a year's span, not the calendar year
        if re.fullmatch(r"(?:the |its |a )?(?:fiscal |financial |full )?year", text.lower().strip()):
            return Timex("DURATION", "P1Y", "duration")
    return normalise(text, anchor, tense_of(span), ref)


def candidate_spans(doc: Doc, anchor: date | None = None) -> list[tuple[Span, str]]:
    """Spans holding one time expression each, in text order, with the text the grammar reads
    (usually the span's own; "25" in "April 24 and 25" reads as "April 25")."""
    text = doc.text
    proposals = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
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
            proposals.append(span)
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


AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[\s-]*old\b|\baged?\b", re.I)
FRACTION = re.compile(r"(?:^|\s)(?:a|an|one|three|1|3)[\s-]+(?:quarters?|half)$|(?:^|\s)half$", re.I)


def _readable_parts(span: Span | None, text: str, anchor: date | None, depth: int = 0) -> list[tuple[Span, str]]:
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


_START_HASHES: dict[int, frozenset] = {}


def _scan_start_hashes(strings) -> frozenset:
    key = id(strings)
    if key not in _START_HASHES:
        _START_HASHES[key] = frozenset(strings[w] for w in SCAN_STARTS)
    return _START_HASHES[key]


@lru_cache(maxsize=8192)
def _readable(text: str, anchor: date | None) -> bool:
    return normalise(text, anchor) is not None


def _trim(span: Span | None) -> Span | None:
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


def tense_of(span: Span) -> str | None:
    """past, future or present of the verb governing the expression."""
    verb = span.root
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"}:
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    before = span.doc[max(span.start - 3, 0) : span.start].text.lower()
    if re.search(r"\bas (?:soon|early) as$", before):
        return "future"  # "as soon as Tuesday"
    until = bool(re.search(r"\b(?:until|till|by)$", before))
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & FUTURE_AUX or (verb.tag_ == "VBG" and auxes & {"is", "are", "am", "'s", "'re"}):
        return "future"
    if "to" in auxes:  # "plans to leave Monday", "is scheduled to close Monday", "going to", "is to resume"
        head = verb.head
        above = [head, head.head]
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "had" for h in above for c in h.children):
            return "past"  # "had been due to expire Friday"
        if head.lemma_.lower() in FUTURE_HEADS or head.lower_ in {"going", "is", "are"}:
            return "future"
    if verb.lemma_.lower() in {"plan", "schedule"}:
        return "future"
    if (
        verb.tag_ in {"VBD", "VBN"}
        and not auxes & {"has", "have", "'s", "'ve"}
        or auxes & {"was", "were", "had", "did"}
    ):
        return "past"
    return "future" if until else "present"  # "has given them until Tuesday"
