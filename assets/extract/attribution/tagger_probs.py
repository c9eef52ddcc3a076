"""The word-piece tagger's probabilities over a span of a doc, for the attribution models'
features.

The accurate profile's tagger component (`tagger_component.py`) leaves each doc's word-piece
offsets and probabilities in `doc.user_data`; without them (the default profile) every
function here returns None and the models see no tagger feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .tagger import LABELS  # tagger.py imports torch only where it runs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

KEY = "newsclaims_tagger"  # doc.user_data[KEY] = (offsets n × 2, probabilities n × 4)
COLUMN = {label: i for i, label in enumerate(LABELS)}


def set_probabilities(doc: Doc, offsets: np.ndarray, probs: np.ndarray) -> None:
    doc.user_data[KEY] = (offsets, probs)


def _pieces(doc: Doc, start: int, end: int) -> tuple[np.ndarray, int, int] | None:
    """The doc's probabilities and the range of word pieces that overlap [start, end)."""
    got = doc.user_data.get(KEY)
    if got is None:
        return None
    offsets, probs = got
    lo = int(np.searchsorted(offsets[:, 1], start, side="right"))
    hi = int(np.searchsorted(offsets[:, 0], end, side="left"))
    return probs, lo, hi


def span_p(doc: Doc, start: int, end: int, role: str) -> float | None:
    """The mean probability of `role` over the word pieces within [start, end)."""
    got = _pieces(doc, start, end) if end > start else None
    if got is None or got[2] <= got[1]:
        return None
    probs, lo, hi = got
    return float(probs[lo:hi, COLUMN[role]].mean())


def token_p(token: Token, role: str) -> float | None:
    """The mean probability of `role` over the token's word pieces."""
    return span_p(token.doc, token.idx, token.idx + len(token), role)


def around_p(doc: Doc, start: int, end: int, role: str, k: int = 2) -> tuple[float, float] | None:
    """The mean probability of `role` over the k word pieces before `start` and the k after `end`."""
    got = _pieces(doc, start, end)
    if got is None:
        return None
    probs, lo, hi = got
    before = probs[max(lo - k, 0) : lo, COLUMN[role]]
    after = probs[hi : hi + k, COLUMN[role]]
    return (float(before.mean()) if len(before) else 0.0, float(after.mean()) if len(after) else 0.0)
