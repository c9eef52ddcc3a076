"""Time expressions normalised to TIMEX3 (TempEval-3 conventions), anchored on the article date.

`normalise()` is a small grammar over the expression's words: absolute dates, relative ones
("next month", "two days ago", "Monday" with the verb's tense choosing the direction),
durations, sets and the PRESENT/PAST/FUTURE references. The spaCy component proposes spans
from the model's DATE/TIME entities and a pattern scan for what the model misses.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import guarded
from .spans import sentence_index

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBERS.update({"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
VAGUE = {"several", "few", "many", "some", "couple"}
UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "month": ("M", False),
    "year": ("Y", False),
    "quarter": ("Q", False),
    "decade": ("DE", False),
    "century": ("CE", False),
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PRESENT = {"now", "currently", "presently", "nowadays", "at present", "at the moment", "right now", "today's"}
PAST = {"recently", "the past", "in the past", "previously", "formerly", "lately", "earlier"}
FUTURE = {"soon", "the future", "in the future", "future", "shortly", "eventually"}
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}
TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
MODIFIERS = re.compile(
    r"^(?:the\s+)?(?:early|late|mid|middle of|end of|beginning of|start of|"
    r"the end of|the beginning of|the start of|the middle of|the first half of|the second half of)[\s-]+",
    re.I,
)
LEADING = re.compile(r"^(?:on|in|by|since|until|till|from|during|for|over|within|at|of)\s+", re.I)

# Expressions the small model often misses, scanned for directly.
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
SCAN = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTH_RE})\b(?:\s+\d{{4}})?|(?:{_MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    r"|now|currently|presently|nowadays|recently|at present|(?:next|last|this|past|coming)\s+(?:week|month|year|weekend)"
    rf"|(?:{'|'.join(WEEKDAYS)}))\b",
    re.I,
)


@dataclass(frozen=True)
class Timex:
    timex_type: str
    value: str
    granularity: str
    resolved: date | None = None


@Language.factory("newsclaims_timex")
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger()


class TimexTagger:
    """Sets `doc._.timexes` from the spans the model and the scan propose, anchored on
    `doc._.anchor_date` (an ISO date string, or None for underspecified values)."""

    @guarded("timexes")
    def __call__(self, doc: Doc) -> Doc:
        anchor = date.fromisoformat(doc._.anchor_date) if doc._.anchor_date else None
        out = []
        for span in candidate_spans(doc):
            tx = normalise(span.text, anchor, tense_of(span))
            if tx is None:
                continue
            out.append(
                {
                    "text": span.text,
                    "start": span.start_char,
                    "end": span.end_char,
                    "sentence": sentence_index(doc, span.start),
                    "timex_type": tx.timex_type,
                    "value": tx.value,
                    "granularity": tx.granularity,
                    "resolved": tx.resolved.isoformat() if tx.resolved else None,
                    "governors": [span.root.head.i, span.root.head.head.i],
                }
            )
        doc._.timexes = out
        return doc


def candidate_spans(doc: Doc) -> list[Span]:
    spans = [_trim(e) for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    for m in SCAN.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
    spans = [s for s in spans if s is not None and len(s)]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for s in spans:
        if kept and s.start < kept[-1].end:
            continue  # the longer, earlier span wins
        kept.append(s)
    return kept


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in {"on", "in", "by", "since", "until"}):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end] if end > start else None


def tense_of(span: Span) -> str | None:
    """past, future or present of the verb governing the expression."""
    verb = span.root
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"}:
            break
        if verb.head is verb:
            return None
        verb = verb.head
    else:
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"will", "'ll", "shall"} or (verb.tag_ == "VBG" and auxes & {"is", "are", "am", "'s", "'re"}):
        return "future"
    if verb.tag_ in {"VBD", "VBN"} or auxes & {"was", "were", "had", "did"}:
        return "past"
    return "present"


# --- the grammar ---------------------------------------------------------------------------


def normalise(text: str, anchor: date | None, tense: str | None = None) -> Timex | None:
    """TIMEX3 type and value of one expression; None when it is not a time expression."""
    t = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    t = LEADING.sub("", t).strip(" ,.")
    if not t or (t in {"may", "march"} and not text.strip()[0].isupper()):
        return None  # the verbs, not the months
    if t in PRESENT:
        return Timex("DATE", "PRESENT_REF", "reference", anchor)
    if t in PAST:
        return Timex("DATE", "PAST_REF", "reference")
    if t in FUTURE:
        return Timex("DATE", "FUTURE_REF", "reference")
    if t in SETS:
        return Timex("SET", SETS[t], "set")
    for rule in (
        _iso,
        _relative_day,
        _every,
        _ago_or_later,
        _duration,
        _this_next_last,
        _weekday,
        _quarter,
        _season,
        _decade,
        _month_day,
        _month_year,
        _year,
        _clock,
    ):
        tx = rule(t, anchor, tense)
        if tx is not None:
            return tx
    stripped = MODIFIERS.sub("", t)
    if stripped != t:
        return normalise(stripped, anchor, tense)
    return None


def _day(d: date) -> Timex:
    return Timex("DATE", d.isoformat(), "day", d)


def _month(y: int, m: int) -> Timex:
    return Timex("DATE", f"{y:04d}-{m:02d}", "month", date(y, m, 1))


def _number(word: str) -> int | float | None:
    word = word.replace(",", "")
    if word.isdigit():
        return int(word)
    if re.fullmatch(r"\d+\.\d+", word):
        return float(word)
    return NUMBERS.get(word)


def _unit(word: str) -> str | None:
    word = word.rstrip("s") if word not in {"s"} else word
    if word == "centurie":
        word = "century"
    return word if word in UNITS else None


def _iso(t, anchor, tense):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2}))?", t)
    if not m:
        return None
    y, mo, d = map(int, m.group(1, 2, 3))
    if m.group(4):
        return Timex("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m.group(4)}:{m.group(5)}", "time", date(y, mo, d))
    return _day(date(y, mo, d))


def _relative_day(t, anchor, tense):
    offsets = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "tonight": 0,
        "the following day": 1,
        "the next day": 1,
        "the day before": -1,
        "the previous day": -1,
        "the day after": 1,
        "the day after tomorrow": 2,
        "the day before yesterday": -2,
    }
    m = re.fullmatch(r"(today|yesterday|tomorrow|tonight|this)(?: (morning|afternoon|evening|night))?", t)
    if m and (m.group(1) != "this" or m.group(2)):
        base = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this": 0}[m.group(1)]
        part = "NI" if m.group(1) == "tonight" else TIME_OF_DAY.get(m.group(2) or "")
        if anchor is None:
            return Timex(
                "TIME" if part else "DATE",
                "PRESENT_REF" if base == 0 and not part else f"XXXX-XX-XX{'T' + part if part else ''}",
                "day",
            )
        d = anchor + timedelta(days=base)
        return Timex("TIME", f"{d.isoformat()}T{part}", "time", d) if part else _day(d)
    if t in offsets:
        if anchor is None:
            return Timex("DATE", "XXXX-XX-XX", "day")
        return _day(anchor + timedelta(days=offsets[t]))
    return None


def _every(t, anchor, tense):
    m = re.fullmatch(r"(?:every|each|per) (\w+)", t)
    if m and _unit(m.group(1)):
        code, is_time = UNITS[_unit(m.group(1))]
        return Timex("SET", f"P{'T' if is_time else ''}1{code}", "set")
    if m and m.group(1) in WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}", "set")
    return None


def _ago_or_later(t, anchor, tense):
    m = re.fullmatch(r"(\S+) (\w+) (ago|earlier|later|from now|before|after)", t)
    if not m or not _unit(m.group(2)):
        return None
    n = _number(m.group(1))
    unit = _unit(m.group(2))
    sign = -1 if m.group(3) in {"ago", "earlier", "before"} else 1
    if n is None or anchor is None or not isinstance(n, int):
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "reference")
    return _shift(anchor, unit, sign * n)


def _shift(anchor: date, unit: str, n: int) -> Timex | None:
    if unit in {"day", "night"}:
        return _day(anchor + timedelta(days=n))
    if unit == "week":
        return _week(anchor + timedelta(weeks=n))
    if unit == "month":
        d = anchor + relativedelta(months=n)
        return _month(d.year, d.month)
    if unit == "year":
        return Timex("DATE", f"{anchor.year + n:04d}", "year", date(anchor.year + n, 1, 1))
    if unit == "decade":
        return Timex(
            "DATE", f"{(anchor.year + 10 * n) // 10:03d}", "decade", date((anchor.year + 10 * n) // 10 * 10, 1, 1)
        )
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + n
        y, q = anchor.year + q // 4, q % 4 + 1
        return Timex("DATE", f"{y:04d}-Q{q}", "quarter", date(y, 3 * q - 2, 1))
    if unit == "weekend":
        w = _week(anchor + timedelta(weeks=n))
        return Timex("DATE", w.value + "-WE", "week", w.resolved)
    return None


def _week(d: date) -> Timex:
    y, w, _ = d.isocalendar()
    return Timex("DATE", f"{y:04d}-W{w:02d}", "week", date.fromisocalendar(y, w, 1))


def _duration(t, anchor, tense):
    m = re.fullmatch(
        r"(?:the )?(?:past |last |previous |next |coming |first |following )?(?:(\S+?)[ -])?(\w+?)(?:-long| long)?", t
    )
    if not m:
        return None
    unit = _unit(m.group(2))
    if unit is None:
        return None
    qty = m.group(1)
    words = t.split()
    if qty is None:
        # "the past year" is a duration; a bare "year" or "last year" is handled as a date.
        if (
            words[0] == "the"
            and len(words) == 3
            and words[1] in {"past", "last", "previous", "next", "coming", "following"}
        ):
            qty = "1"
        elif t.endswith("s") and len(words) == 1:
            qty = "X"  # "years", "months"
        else:
            return None
    if qty in {"past", "last", "next", "this", "coming", "previous", "following", "the", "that", "same"}:
        return None
    n = "X" if qty in VAGUE or qty == "X" else _number(qty)
    if n is None:
        return None
    code, is_time = UNITS[unit]
    if unit == "weekend":
        return None
    if isinstance(n, float):
        n = f"{n:g}"
    value = f"P{'T' if is_time else ''}{n}{code}"
    return Timex("DURATION", value, "duration")


def _this_next_last(t, anchor, tense):
    m = re.fullmatch(
        r"(this|next|last|past|coming|previous|the following|the coming|the next|the last|the previous|the same) (\w+)",
        t,
    )
    if not m:
        return None
    which, noun = m.groups()
    step = {
        "this": 0,
        "the same": 0,
        "next": 1,
        "coming": 1,
        "the coming": 1,
        "the following": 1,
        "the next": 1,
        "last": -1,
        "past": -1,
        "previous": -1,
        "the last": -1,
        "the previous": -1,
    }[which]
    if noun in SEASONS:
        if anchor is None:
            return Timex("DATE", f"XXXX-{SEASONS[noun]}", "season")
        y = anchor.year + step
        return Timex("DATE", f"{y:04d}-{SEASONS[noun]}", "season", None)
    if noun in WEEKDAYS:
        return _weekday(noun, anchor, "future" if step > 0 else "past" if step < 0 else tense, strict_week=step)
    if noun in MONTHS:
        if anchor is None:
            return Timex("DATE", f"XXXX-{MONTHS[noun]:02d}", "month")
        y = anchor.year + step
        return _month(y, MONTHS[noun])
    unit = _unit(noun)
    if unit is None or UNITS[unit][1] or unit in {"day", "night"}:
        return None
    if anchor is None:
        return Timex("DATE", "PRESENT_REF" if step == 0 else ("FUTURE_REF" if step > 0 else "PAST_REF"), "reference")
    return _shift(anchor, unit, step)


def _weekday(t, anchor, tense, strict_week: int | None = None):
    words = t.split()
    if not words or words[0] not in WEEKDAYS:
        return None
    part = TIME_OF_DAY.get(words[1]) if len(words) == 2 else None
    if len(words) > 2 or (len(words) == 2 and part is None):
        return None
    wd = WEEKDAYS[words[0]]
    if anchor is None:
        return Timex("DATE", f"XXXX-WXX-{wd + 1}", "day")
    delta = wd - anchor.weekday()
    if strict_week in (1, -1):
        d = anchor + timedelta(days=delta + 7 * strict_week)
    elif tense == "future":
        d = anchor + timedelta(days=delta if delta > 0 else delta + 7)
    elif tense == "present" and delta >= 0:
        d = anchor + timedelta(days=delta)
    else:  # news speaks of the past by default: the most recent such day, the anchor included
        d = anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    if part:
        return Timex("TIME", f"{d.isoformat()}T{part}", "time", d)
    return _day(d)


def _quarter(t, anchor, tense):
    m = re.fullmatch(
        r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?quarter(?: of (\d{4}))?|q([1-4])(?: (\d{4}))?",
        t,
    )
    if not m:
        return None
    q = ORDINALS.get(m.group(1)) if m.group(1) else int(m.group(3))
    year = m.group(2) or m.group(4)
    y = int(year) if year else (anchor.year if anchor else None)
    if y is None:
        return Timex("DATE", f"XXXX-Q{q}", "quarter")
    return Timex("DATE", f"{y:04d}-Q{q}", "quarter", date(y, 3 * q - 2, 1))


def _season(t, anchor, tense):
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter)(?: of)?(?: (\d{4}))?", t)
    if not m:
        return None
    y = int(m.group(2)) if m.group(2) else (anchor.year if anchor else None)
    if y is None:
        return Timex("DATE", f"XXXX-{SEASONS[m.group(1)]}", "season")
    return Timex("DATE", f"{y:04d}-{SEASONS[m.group(1)]}", "season")


def _decade(t, anchor, tense):
    m = re.fullmatch(r"(?:the )?(\d{3})0'?s", t)
    if m:
        return Timex("DATE", m.group(1), "decade", date(int(m.group(1)) * 10, 1, 1))
    m = re.fullmatch(r"(?:the )?'?(\d)0s", t)
    if m:
        return Timex("DATE", f"19{m.group(1)}", "decade", date(1900 + int(m.group(1)) * 10, 1, 1))
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        c = int(m.group(1)) - 1
        return Timex("DATE", f"{c:02d}", "century", date(max(c * 100, 1), 1, 1))
    return None


def _month_day(t, anchor, tense):
    m = re.fullmatch(
        rf"(?:(\w+day),? )?(?:({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE})\.?)(?:,? (\d{{4}}))?",
        t,
    )
    if not m:
        return None
    month = MONTHS[m.group(2) or m.group(5)]
    day = int(m.group(3) or m.group(4))
    if m.group(6):
        y = int(m.group(6))
    elif anchor is not None:
        y = _nearest_year(anchor, month, day, tense)
    else:
        return Timex("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
    try:
        return _day(date(y, month, day))
    except ValueError:
        return None


def _nearest_year(anchor: date, month: int, day: int, tense: str | None) -> int:
    """The year that puts month/day closest to the anchor, in the verb's direction when known."""
    best = anchor.year
    best_gap = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            gap = (date(y, month, day) - anchor).days
        except ValueError:
            continue
        if tense == "past" and gap > 1 or tense == "future" and gap < -1:
            gap += 10_000
        if best_gap is None or abs(gap) < abs(best_gap):
            best, best_gap = y, gap
    return best


def _month_year(t, anchor, tense):
    m = re.fullmatch(rf"({_MONTH_RE})\.?(?:,? (?:of )?(\d{{4}}))?", t)
    if not m:
        return None
    month = MONTHS[m.group(1)]
    if m.group(2):
        return _month(int(m.group(2)), month)
    if anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}", "month")
    y = anchor.year
    if tense == "past" and month > anchor.month:
        y -= 1
    elif tense == "future" and month < anchor.month:
        y += 1
    return _month(y, month)


def _year(t, anchor, tense):
    m = re.fullmatch(r"(?:the )?(?:year |fiscal |fiscal year |fy ?)?(1[5-9]\d\d|20\d\d)", t)
    if m:
        y = int(m.group(1))
        return Timex("DATE", f"{y:04d}", "year", date(y, 1, 1))
    return None


def _clock(t, anchor, tense):
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))? ?(a\.?m\.?|p\.?m\.?)?(?: \w+)?", t)
    named = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}
    if t in named:
        h, mi = named[t]
    elif m and (m.group(2) or m.group(3)):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3).startswith("p") and h < 12:
            h += 12
        if m.group(3) and m.group(3).startswith("a") and h == 12:
            h = 0
        if h > 23 or mi > 59:
            return None
    else:
        return None
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Timex("TIME", f"{day}T{h:02d}:{mi:02d}", "time", anchor)
