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

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.attrs import IDX, IS_DIGIT, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import guarded
from ..lexicons import words
from ..spans import sentence_index
from .context import Context, Reference
from .text import number_of, prepare, unit_of
from .values import (
    Timex,
    closest,
    day_tx,
    half_tx,
    month_tx,
    quarter_tx,
    shifted,
    week_tx,
    weekend_tx,
    year_tx,
)
from .vocabulary import (
    DAY_OFFSETS,
    DAY_PARTS,
    FUTURE,
    FUTURE_AUX,
    FUTURE_HEADS,
    HOLIDAYS,
    LEADING,
    MODIFIERS,
    MONTH_RE,
    MONTHS,
    MOVABLE,
    NAMED_CLOCK,
    NOT_TIMEX,
    NUMBERS,
    ORDINALS,
    PAST,
    PRESENT,
    SEASON_START,
    SEASONS,
    SETS,
    SPLITTERS,
    TIME_OF_DAY,
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


# --- the grammar ---------------------------------------------------------------------------


def normalise(text: str, anchor: date | None, tense: str | None = None, ref: Reference | None = None) -> Timex | None:
    """TIMEX3 type and value of one expression; None when it is not a time expression."""
    raw = text.strip()
    t = prepare(raw)
    if not t or t in NOT_TIMEX:
        return None
    if re.fullmatch(r"(?:may|march|sun|sat|wed)", t) and not raw[:1].isupper():
        return None  # the verbs and nouns, not the months
    return _parse(t, Context(anchor, tense, ref or Reference(), _parse))


def _parse(t: str, ctx: Context) -> Timex | None:
    for rule in RULES:
        tx = rule(t, ctx)
        if tx is not None:
            return tx
    stripped = MODIFIERS.sub("", t).strip()
    if stripped and stripped != t:
        tx = _parse(LEADING.sub("", stripped), ctx)
        if (
            tx is not None
            and tx.timex_type == "DURATION"
            and re.match(r"(?:the )?(?:end|beginning|start|middle|close|rest|remainder|balance) of", t)
        ):
            return None
        return tx
    return None


# --- rules, tried in order -----------------------------------------------------------------


def _reference(t, ctx):
    if t in PRESENT:
        return Timex("DATE", "PRESENT_REF", "reference", ctx.anchor)
    if t in PAST:
        return Timex("DATE", "PAST_REF", "reference")
    if t in FUTURE:
        return Timex("DATE", "FUTURE_REF", "reference")
    m = re.fullmatch(
        r"(?:the )?(?:past|last|recent|previous|prior) (?:few |several |many )?(years|months|decades|quarters)", t
    )
    if m and not t.startswith("recent"):
        return Timex("DATE", "PAST_REF", "reference")
    m = re.fullmatch(r"(?:the )?(?:future|coming|upcoming) (years|months|decades|quarters|weeks|days)", t)
    if m and not re.match(r"(?:the )?coming (?:weeks|days|years)", t):
        return Timex("DATE", "FUTURE_REF", "reference")
    return None


def _set(t, ctx):
    if t in SETS:
        return Timex("SET", SETS[t], "set")
    m = re.fullmatch(r"(?:once|twice|\d+ times|several times|a few times) (?:a|an|per|each|every) (\w+)", t)
    if m and unit_of(m.group(1)) and unit_of(m.group(1)) not in {"weekend"}:
        code, is_time = UNITS[unit_of(m.group(1))]
        return Timex("SET", f"P{'T' if is_time else ''}1{code}", "set")
    m = re.fullmatch(r"(?:every|each|per|a|an) (?:(other|\d+) )?(\w+)", t)
    if m and (m.group(0).split()[0] in {"every", "each", "per"}):
        n = 2 if m.group(1) == "other" else int(m.group(1)) if m.group(1) else 1
        word = m.group(2)
        if unit_of(word):
            code, is_time = UNITS[unit_of(word)]
            if code == "WE":
                return Timex("SET", "XXXX-WXX-WE", "set")
            if code == "DE":
                return Timex("SET", f"P{10 * n}Y", "set")
            return Timex("SET", f"P{'T' if is_time else ''}{n}{code}", "set")
        if word in WEEKDAYS:
            return Timex("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", "set")
        if word in MONTHS:
            return Timex("SET", f"XXXX-{MONTHS[word]:02d}", "set")
        if word in TIME_OF_DAY:
            return Timex("SET", f"XXXX-XX-XXT{TIME_OF_DAY[word]}", "set")
        if word in SEASONS:
            return Timex("SET", f"XXXX-{SEASONS[word]}", "set")
    m = re.fullmatch(
        rf"({WEEKDAY_RE})s(?: (morning|afternoon|evening|night)s?)?|({WEEKDAY_RE}) (morning|afternoon|evening|night)s",
        t,
    )
    if m:
        wd = WEEKDAYS[m.group(1) or m.group(3)]
        part = TIME_OF_DAY.get(m.group(2) or m.group(4) or "")
        return Timex("SET", f"XXXX-WXX-{wd + 1}{'T' + part if part else ''}", "set")
    return None


def _iso(t, ctx):
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


def _relative_day(t, ctx):
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


def _clock_with_day(t, ctx):
    """'10 p.m. wednesday', 'friday at noon', '5 p.m. est nov. 9', '6 a.m. tomorrow'."""
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


def _ago_or_later(t, ctx):
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


def _duration_value(n, unit: str) -> str | None:
    code, is_time = UNITS[unit]
    if code == "WE":
        return None
    if code == "DE":
        code, n = "Y", ("X" if n == "X" else n * 10)
    if code == "CE":
        code, n = "Y", ("X" if n == "X" else n * 100)
    if code == "Q":
        code, n = ("Q", n) if n == "X" else ("M", n * 3)
    if isinstance(n, float):
        whole, frac = int(n), n - int(n)
        smaller = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24), "W": ("D", 7), "M": ("D", 30)}.get(code)
        if smaller and frac and (frac * smaller[1]).is_integer():
            lead = f"{whole}{code}" if whole else ""
            part = f"{int(frac * smaller[1])}{smaller[0]}"
            if code == "D":
                return f"P{lead}T{part}"
            return f"P{'T' if is_time else ''}{lead}{part}"
        n = f"{n:g}"
    return f"P{'T' if is_time else ''}{n}{code}"


def _duration(t, ctx):
    if t in {"the 12 months", "the twelve months"}:
        return Timex("DURATION", "P1Y", "duration")
    m = re.fullmatch(r"(?:a |one )?(\w+) long", t)
    if m and unit_of(m.group(1)) and not m.group(1).endswith("s"):
        value = _duration_value(1, unit_of(m.group(1)))
        return Timex("DURATION", value, "duration") if value else None
    m = re.fullmatch(
        r"(?:the )?(?:(?:past|last|previous|next|coming|first|following|final|initial|latest|recent|year earlier|"
        r"year ago|same|remaining|full|entire|whole|better part of the|better part of a) )*"
        r"(?:(\S+?)(?: to (\S+?))?[ -])?(\w+?)(?: long| old)?",
        t,
    )
    if not m:
        return None
    unit = unit_of(m.group(3))
    if unit is None:
        return None
    qty = m.group(1)
    words = t.split()
    if qty is None:
        head = words[:-1]
        if m.group(3).endswith("s") and all(
            w in {"the", "recent", "coming", "next", "past", "last", "following", "first", "ensuing"} for w in head
        ):
            qty = "X"  # "years", "the years", "recent months", "the coming weeks"
        elif (
            head
            and head[0] == "the"
            and len(head) >= 2
            and head[-1] in {"past", "last", "next", "coming", "first", "final"}
            and unit not in {"weekend"}
        ):
            qty = "1"  # "the past year", "the next month"
        else:
            return None
    if qty in {
        "past",
        "last",
        "next",
        "this",
        "coming",
        "previous",
        "following",
        "the",
        "that",
        "same",
        "recent",
        "current",
        "latest",
    }:
        return None
    n = number_of(qty)
    if n is None or (unit == "second" and qty in {"a", "an"}):
        return None
    value = _duration_value(n, unit)
    if value is None:
        return None
    return Timex("DURATION", value, "duration")


def _this_next_last(t, ctx):
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
        return _holiday(noun, ctx, step)
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
        return _quarter_phrase(t, ctx)
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
    delta = wd - base.weekday()
    if tense == "future":
        d = base + timedelta(days=delta if delta > 0 else delta + 7)
    elif strict:  # "last Friday", "the previous Friday": strictly before
        d = base + timedelta(days=delta if delta < 0 else delta - 7)
    else:  # news speaks of the past by default: the most recent such day, the anchor included
        d = base + timedelta(days=delta if delta <= 0 else delta - 7)
    return day_tx(d)


def _weekday(t, ctx):
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


def _holiday(name, ctx, step: int | None = None):
    name = name.strip()
    if name not in HOLIDAYS and name not in MOVABLE:
        return None
    anchor = ctx.anchor

    def on(y: int) -> date:
        if name in HOLIDAYS:
            mo, d = HOLIDAYS[name]
            return date(y, mo, d)
        return _movable(name, y)

    if anchor is None:
        if name in HOLIDAYS:
            mo, d = HOLIDAYS[name]
            return Timex("DATE", f"XXXX-{mo:02d}-{d:02d}", "day")
        return Timex("DATE", "XXXX-XX-XX", "day")
    if step is None or step == 0:
        candidates = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        best = closest(candidates, anchor, ctx.tense)
    elif step < 0:
        best = max(d for d in (on(anchor.year - 1), on(anchor.year)) if d < anchor)
    else:
        best = min(d for d in (on(anchor.year), on(anchor.year + 1)) if d > anchor)
    return day_tx(best)


def _movable(name: str, y: int) -> date:
    def nth_weekday(month: int, wd: int, n: int) -> date:
        first = date(y, month, 1)
        d = first + timedelta(days=(wd - first.weekday()) % 7)
        if n > 0:
            return d + timedelta(weeks=n - 1)
        last = date(y, month, calendar.monthrange(y, month)[1])
        return last - timedelta(days=(last.weekday() - wd) % 7)

    if name.startswith("thanksgiving"):
        return nth_weekday(11, 3, 4)
    if name == "election day":
        return nth_weekday(11, 0, 1) + timedelta(days=1)
    if name == "memorial day":
        return nth_weekday(5, 0, -1)
    if name == "labor day":
        return nth_weekday(9, 0, 1)
    if name == "martin luther king day":
        return nth_weekday(1, 0, 3)
    if name.startswith("presidents"):
        return nth_weekday(2, 0, 3)
    if name == "columbus day":
        return nth_weekday(10, 0, 2)
    if name == "mother's day":
        return nth_weekday(5, 6, 2)
    if name == "father's day":
        return nth_weekday(6, 6, 3)
    e = easter(y)
    return {"good friday": e - timedelta(days=2), "easter monday": e + timedelta(days=1)}.get(name, e)


def _holiday_rule(t, ctx):
    m = re.fullmatch(r"(.+?)(?: (\d{4}))?", t)
    name, year = m.group(1), m.group(2)
    if name in HOLIDAYS or name in MOVABLE:
        if year:
            y = int(year)
            if name in HOLIDAYS:
                return day_tx(date(y, *HOLIDAYS[name]))
            return day_tx(_movable(name, y))
        return _holiday(name, ctx)
    m = re.fullmatch(r"(easter|christmas|thanksgiving) week", t)
    if m:
        tx = _holiday(m.group(1), ctx)
        return week_tx(tx.resolved) if tx and tx.resolved else None
    return None


def _quarter_phrase(t, ctx):
    """Quarters and halves: 'the third quarter', 'third-quarter', 'the fiscal first quarter',
    'q3 2023', 'the 1988 second quarter', "this year's third quarter", 'the year-ago quarter',
    'the latest quarter', 'the first half of 1990'."""
    anchor = ctx.anchor
    t = re.sub(r"\bfiscal (?=\S)", "", t).replace("fiscal-", "")
    m = re.fullmatch(r"q([1-4])(?: (\d{4}))?|(\d{4}) q([1-4])", t)
    if m:
        q = int(m.group(1) or m.group(4))
        y = int(m.group(2) or m.group(3)) if (m.group(2) or m.group(3)) else (anchor.year if anchor else None)
        return quarter_tx(y, q) if y else Timex("DATE", f"XXXX-Q{q}", "quarter")
    m = re.fullmatch(
        r"(?:the )?(?:(this|that|last|next|the same|the comparable|comparable|the year earlier|year earlier|the year ago|year ago)"
        r"(?: year's| year)? |(\d{4}) )?(?:flat |weak |strong |disappointing |record |calendar )?"
        r"(first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|most recent|same|comparable|"
        r"year earlier|year ago|the)?(?: )?(quarters?|half|period)(?: of (\d{4}|the year|this year|last year|next year))?",
        t,
    )
    if not m:
        m = re.fullmatch(r"(?:the )?(first|second|last) (?:2 quarters|6 months) of (\d{4})", t)
        if m and anchor is not None or (m and m.group(2)):
            h = 1 if m.group(1) == "first" else 2
            return half_tx(int(m.group(2)), h)
        return None
    which, year_word, ordinal, noun, of_year = m.groups()
    if noun == "quarters" and not (which or year_word or of_year):
        return None
    if t in {"quarter", "period", "half"}:
        return None
    if noun == "period" and not (
        which
        or year_word
        or ordinal in {"latest", "current", "same", "comparable", "year earlier", "year ago", "most recent"}
    ):
        return None
    # the year
    y = None
    if year_word:
        y = int(year_word)
    elif of_year:
        y = int(of_year) if of_year.isdigit() else None
        if y is None and anchor:
            y = anchor.year + {"the year": 0, "this year": 0, "last year": -1, "next year": 1}[of_year]
    shift = 0
    if which in {"last"}:
        shift = -1
    elif which == "next":
        shift = 1
    elif which and ("earlier" in which or "ago" in which) or ordinal in {"year earlier", "year ago"}:
        shift = -1
    if noun == "half":
        h = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "last": 2, "final": 2}.get(ordinal or which or "")
        if which == "last" and not ordinal:
            shift = 0
        if h is None:
            return None
        if y is None:
            if anchor is None:
                return half_tx(None, h)
            y = anchor.year + shift
        return half_tx(y, h)
    q = ORDINALS.get(ordinal or "")
    if ordinal in {"final"}:
        q = 4
    if q is None and noun == "quarter" and which in {"next", "last"} and not (ordinal or year_word or of_year):
        if anchor is None:
            return Timex("DATE", "FUTURE_REF" if which == "next" else "PAST_REF", "reference")
        return shifted(anchor, "quarter", 1 if which == "next" else -1)  # the quarter after or before this one
    if q is None:
        # "the quarter", "the latest quarter", "the year-ago period": the one the article speaks of
        anaphoric = False
        if ordinal == "current" or which == "this":
            if anchor is None:
                return Timex("DATE", "XXXX-QX", "quarter")
            ry, rq = anchor.year, (anchor.month - 1) // 3 + 1
        elif ctx.ref.quarter is not None and ordinal not in {"latest", "most recent"}:
            ry, rq = ctx.ref.quarter
            anaphoric = True
        elif anchor is not None:
            prev = anchor - relativedelta(months=3)
            ry, rq = prev.year, (prev.month - 1) // 3 + 1
        else:
            return Timex("DATE", "XXXX-QX", "quarter")
        if y is not None:
            ry = y
        return quarter_tx(ry + shift, rq, anaphoric or bool(shift))
    if y is None:
        if anchor is None:
            return Timex("DATE", f"XXXX-Q{q}", "quarter")
        y = anchor.year
        current_q = (anchor.month - 1) // 3 + 1
        if which in {None, "the same", "the comparable", "comparable"} and not shift:
            if ctx.tense == "past" and q > current_q:
                y -= 1  # "profit rose in the fourth quarter", said in January
        y += shift
    return quarter_tx(y, q, bool(shift))


def _quarter(t, ctx):
    if not re.search(r"\b(?:quarters?|half|period|q[1-4])\b", t):
        return None
    return _quarter_phrase(t, ctx)


def _season(t, ctx):
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter)(?: (?:of )?(\d{4}))?", t)
    if not m:
        return None
    y = int(m.group(2)) if m.group(2) else (ctx.anchor.year if ctx.anchor else None)
    if y is None:
        return Timex("DATE", f"XXXX-{SEASONS[m.group(1)]}", "season")
    return Timex("DATE", f"{y:04d}-{SEASONS[m.group(1)]}", "season", date(y, SEASON_START[SEASONS[m.group(1)]], 1))


def _decade(t, ctx):
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


def _month_day(t, ctx):
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


def _month_year(t, ctx):
    m = re.fullmatch(rf"(?:the month of )?({MONTH_RE})\.?(?:,? (?:of )?(\d{{4}}|this year|last year|next year))?", t)
    if not m:
        return None
    month = MONTHS[m.group(1)]
    year = m.group(2)
    anchor = ctx.anchor
    if year and year[0].isdigit():
        return month_tx(int(year), month)
    if anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}", "month")
    if year:
        return month_tx(anchor.year + {"this year": 0, "last year": -1, "next year": 1}[year], month)
    candidates = [date(y, month, 15) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    best = closest(candidates, anchor.replace(day=15), ctx.tense)
    return month_tx(best.year, month)


def _year(t, ctx):
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


def _clock(t, ctx):
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


def _week_of(t, ctx):
    m = re.fullmatch(r"(?:the )?week (?:of|beginning|starting|ending) (.+)", t)
    if not m:
        return None
    day = ctx.read(m.group(1))
    return week_tx(day.resolved) if day is not None and day.granularity == "day" and day.resolved else None


RULES = (
    _reference,
    _week_of,
    _set,
    _iso,
    _relative_day,
    _clock_with_day,
    _ago_or_later,
    _quarter,
    _duration,
    _this_next_last,
    _weekday,
    _holiday_rule,
    _season,
    _decade,
    _month_day,
    _month_year,
    _year,
    _clock,
)
