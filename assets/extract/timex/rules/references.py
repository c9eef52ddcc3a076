"""TimeML's vague references, so that "now" or "the past few years" still get a value.

Reads: "now", "currently", "these days" (PRESENT_REF); "recently", "the past", "years ago",
"the past several quarters" (PAST_REF); "soon", "the near term", "the future", "in the future",
"the coming decades" (FUTURE_REF). The word lists are `present.txt`, `past.txt` and
`future.txt` under `data/lexicons/timex/`.
"""

from __future__ import annotations

import re

from ..context import Context
from ..values import Timex
from ..vocabulary import FUTURE, PAST, PRESENT


def reference(t: str, ctx: Context) -> Timex | None:
    """PRESENT_REF, PAST_REF or FUTURE_REF for words that name no calendar time.

    "recent years" and "the coming weeks" are left to the durations (PXY, PXW).
    """
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
