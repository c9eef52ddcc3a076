"""Quarters and halves of a year, the periods financial news reports on.

Reads: "the third quarter", "third-quarter", "the fiscal first quarter", "Q3", "Q4 2022",
"2020 Q2", "the 1988 second quarter", "this year's third quarter", "the first quarter of
2022", "the current quarter", "next quarter", "last quarter", "the quarter", "the latest
quarter", "the year-ago quarter", "the year-earlier period", "the first half of 1990", "the
second half", "the first six months of 1999".

A numbered quarter without a year is the anchor's year's, or last year's when the verb is
past and the quarter is still ahead ("profit rose in the fourth quarter", said in January).
"The quarter" with no number is the one the article last named, else the one before the
anchor's.
"""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta

from ..context import Context
from ..values import Timex, half_tx, quarter_tx, shifted
from ..vocabulary import ORDINALS


def quarter(t: str, ctx: Context) -> Timex | None:
    """A quarter or half, for words that name one ("quarter", "half", "period", "q3")."""
    if not re.search(r"\b(?:quarters?|half|period|q[1-4])\b", t):
        return None
    return quarter_phrase(t, ctx)


def quarter_phrase(t: str, ctx: Context) -> Timex | None:
    """The quarter or half a phrase names: `2023-Q3`, `2024-H2`, or the discourse's quarter.

    'the third quarter', 'third-quarter', 'the fiscal first quarter', 'q3 2023', 'the 1988
    second quarter', "this year's third quarter", 'the year-ago quarter', 'the latest
    quarter', 'the first half of 1990'.
    """
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
