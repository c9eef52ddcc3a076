"""The grammar's engine: one expression's words to a TIMEX3 value, or None if it is no time.

`normalise` makes the words regular (`text.prepare`) and tries the rules of `rules.RULES` in
order; the first that reads the expression wins. An expression no rule reads whole is tried
again without a modifier in front ("early 2023", "the end of next month"), which keeps the
value of what follows; a duration loses its reading then ("the end of two years" is no time).
"""

from __future__ import annotations

import re
from datetime import date

from .context import Context, Reference
from .rules import RULES
from .text import prepare
from .values import Timex
from .vocabulary import LEADING, MODIFIERS, NOT_TIMEX


def normalise(text: str, anchor: date | None, tense: str | None = None, ref: Reference | None = None) -> Timex | None:
    """TIMEX3 type and value of one expression; None when it is not a time expression.

    `anchor` is the article's date (None leaves relative values underspecified: `XXXX-06-15`),
    `tense` the governing verb's ("past", "present", "future" or None), `ref` the discourse's
    last dates.
    """
    raw = text.strip()
    t = prepare(raw)
    if not t or t in NOT_TIMEX:
        return None
    if re.fullmatch(r"(?:may|march|sun|sat|wed)", t) and not raw[:1].isupper():
        return None  # the verbs and nouns, not the months
    return parse(t, Context(anchor, tense, ref or Reference(), parse))


def parse(t: str, ctx: Context) -> Timex | None:
    """The first rule's reading of prepared words, else the reading without a leading modifier."""
    for rule in RULES:
        tx = rule(t, ctx)
        if tx is not None:
            return tx
    stripped = MODIFIERS.sub("", t).strip()
    if stripped and stripped != t:
        tx = parse(LEADING.sub("", stripped), ctx)
        if (
            tx is not None
            and tx.timex_type == "DURATION"
            and re.match(r"(?:the )?(?:end|beginning|start|middle|close|rest|remainder|balance) of", t)
        ):
            return None
        return tx
    return None
