"""The spaCy component `newsclaims_timex`: a doc's time expressions, normalised, in `doc._.timexes`.

Each candidate span (`candidates.py`) is read by the grammar with what its sentence tells: the
governing verb's tense (`tense_of`), a frequency after a quantity ("$1 billion a year"), a
fiscal year's length ("the year ended Sept. 30"), "the quarter ended Sept. 30"; and against the
discourse's last dates (`Reference`), updated in text order.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import guarded
from ..spans import sentence_index
from .candidates import candidate_spans
from .context import Reference
from .grammar import normalise
from .values import Timex, quarter_tx
from .vocabulary import FUTURE_AUX, FUTURE_HEADS, UNITS


@Language.factory("newsclaims_timex")
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """The component spaCy adds by the name `newsclaims_timex`."""
    return TimexTagger()


class TimexTagger:
    """Sets `doc._.timexes`, anchored on `doc._.anchor_date`.

    The anchor is an ISO date string, or None for underspecified values. Each timex is a dict:
    text, start, end, sentence, timex_type, value, granularity, resolved, governors.
    """

    @guarded("timexes")
    def __call__(self, doc: Doc) -> Doc:
        """Read the candidates in text order, so that each is read against the dates before it."""
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
    """The expression's value with what its sentence tells.

    That is the verb's tense, and "a year" after a quantity ("$1 billion a year") being a
    frequency.
    """
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


def tense_of(span: Span) -> str | None:
    """Past, future or present of the verb governing the expression, the way a weekday points.

    None when no verb governs it within four heads. "as soon as Tuesday", "plans to leave
    Monday" and "has given them until Tuesday" look ahead; "had been due to expire Friday" back.
    """
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
