"""Where a claim's content starts and ends, chosen by a learned model over the cue's paragraph.

The patterns take a subtree of the parse as the content; PolNeAR's annotators draw the extent
by meaning — they stop before a trailing "during a campaign stop", run on through a quotation,
keep "what she called a rant". Two conditional logit models (one for the first token, one for
the last) score every token of the cue's paragraph near the cue; features say where the token
stands against the cue, the pattern's own span, the parse (a subtree edge of the cue's
dependents) and punctuation. The pair with the best total score, in order and not holding the
cue, becomes the content. Fitted on PolNeAR train by `newsclaims train attribution`.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, Token

from ..spans import paragraph_range, trimmed_chars
from .tagger_probs import token_p

WINDOW = 60  # tokens on each side of the cue
# How far an extent may move from the pattern's span: the overlap of the longer span it keeps.
# The claim model judges a claim on a content near the pattern's (PolNeAR dev, attribution F1:
# 0.5 0.613, 0.75 0.623; retrained with 0.3, 0.677 against 0.683); a kept claim's content is
# then drawn again more freely (`component.redraw_contents`; content exact dev 0.482 → 0.488).
MIN_OVERLAP = 0.75
REDRAW_OVERLAP = 0.2
MARKERS = {"that"}  # "whether" and "if" stay in the content: they make it a question
_STEPS = (1, 2, 3, 4, 6, 10, 15, 25, 40)


def window(doc: Doc, cue: Token) -> tuple[int, int]:
    """The token range [start, end) a content may take: the cue's paragraph, near the cue."""
    paragraph = paragraph_range(doc, cue.i)
    return max(paragraph.start, cue.i - WINDOW), min(paragraph.stop, cue.i + WINDOW + 1)


def token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """The first and last token of a character span."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end - 1) if span is not None and len(span) else None


def boundary_features(doc: Doc, claim: dict, edge: str) -> dict[int, dict[str, float]]:
    """Features of every token of the window as the content's `edge` ("start" or "end")."""
    return {
        i: dict.fromkeys(token_features(doc, i, edge) + f, 1.0) for i, f in _claim_features(doc, claim, edge).items()
    }


def token_features(doc: Doc, i: int, edge: str) -> list[str]:
    """What a token says about itself as a content's first or last token, whatever the claim."""
    t = doc[i]
    nb = doc[i - 1] if edge == "start" else (doc[i + 1] if i + 1 < len(doc) else None)
    sent_edge = t.is_sent_start if edge == "start" else (i + 1 == len(doc) or doc[i + 1].is_sent_start)
    out = [
        "bias",
        f"pos={t.pos_}",
        f"dep={t.dep_}",
        f"word={t.lower_}" if t.is_stop or t.is_punct else f"shape={t.shape_[:3]}",
        f"nb={_word(nb)}",
        f"word|nb={_word(t)}|{_word(nb)}",
        f"sent_edge={sent_edge}",
    ]
    p_in = token_p(t, "content")
    if p_in is not None:
        p_out = (token_p(nb, "content") if nb is not None else None) or 0.0
        out += [f"t_in={int(p_in * 5)}", f"t_out={int(p_out * 5)}", f"t_in|out={int(p_in * 5)}|{int(p_out * 5)}"]
    return out


def _claim_features(
    doc: Doc,
    claim: dict,
    edge: str,
    within: tuple[int, int] | None = None,
    bounds: tuple[int, int] | None = None,
) -> dict[int, list[str]]:
    """Where each token of the window (`bounds`, else found; or of its part `within`) stands
    against the claim's cue, span and parse."""
    cue = doc[claim["cue_token"]]
    lo, hi = bounds or window(doc, cue)
    if within is not None:
        lo, hi = max(lo, within[0]), min(hi, within[1])
    rule = token_range(doc, claim["content_start"], claim["content_end"])
    pattern = claim.get("pattern") or "quote"
    edges: dict[int, list[str]] = {}
    for child in cue.children:
        t = child.left_edge if edge == "start" else child.right_edge
        edges.setdefault(t.i, []).append(child.dep_)
    heads = _content_heads(doc, rule)
    out = {}
    for i in range(lo, hi):
        if i == cue.i:
            continue
        rel = _bucket(i - cue.i)
        rule_rel = _bucket(i - (rule[0] if edge == "start" else rule[1])) if rule else "none"
        f = [f"rel={rel}", f"rule={rule_rel}", f"pattern|rule={pattern}|{rule_rel}"]
        for dep in edges.get(i, ()):
            f += [f"cue_child_edge={dep}", f"cue_child_edge|rel={dep}|{rel[0]}"]
        if i in heads.get(edge, ()):
            f.append("content_head_edge")
        if i == cue.i - 1 or i == cue.i + 1:
            f.append("next_to_cue")
        out[i] = f
    return out


class BoundaryScorer:
    """Scores of a doc's tokens as a content's first and last token, under the extent models.

    The part of a score that depends on the token alone is computed once per doc and edge; each
    claim adds the part that depends on where the token stands against it.
    """

    def __init__(self, doc: Doc, start_model, end_model) -> None:
        """Score with `start_model` and `end_model` (`Logistic`s: their `weights` are read)."""
        self.doc = doc
        self.weights = {"start": start_model.weights, "end": end_model.weights}
        self._token: dict[tuple[str, int], float] = {}
        self._windows: dict[int, tuple[int, int]] = {}  # by cue token

    def scores(self, claim: dict, edge: str, within: tuple[int, int] | None = None) -> dict[int, float]:
        """Each window token's score as the claim content's `edge` (only those in range `within`)."""
        weights = self.weights[edge]
        cue = claim["cue_token"]
        if cue not in self._windows:
            self._windows[cue] = window(self.doc, self.doc[cue])
        out = {}
        for i, features in _claim_features(self.doc, claim, edge, within, self._windows[cue]).items():
            base = self._token.get((edge, i))
            if base is None:
                base = self._token[edge, i] = sum(weights.get(f, 0.0) for f in token_features(self.doc, i, edge))
            out[i] = base + sum(weights.get(f, 0.0) for f in features)
        return out


def refine(doc: Doc, claim: dict, scorer: BoundaryScorer, min_overlap: float = MIN_OVERLAP) -> None:
    """Replace the claim's content with the best-scoring extent near the pattern's own.

    The extent stays on one side of the cue and overlaps the pattern's span by at least
    `min_overlap` of the longer of the two (see MIN_OVERLAP). A parenthetical cue ("…, he said,
    …") keeps the pattern's span, and so does a quotation that goes on after its cue ("“…,” she
    said. “…”").
    How sure the models are of the chosen first and last token (each one's softmax probability
    among the tokens looked at) is kept in `claim["edges"]`: the claim model weighs it, as a
    content the extent models doubt is more often wrong.
    """
    rule = token_range(doc, claim["content_start"], claim["content_end"])
    if claim.get("pattern") == "parenthetical" or rule is None or rule[0] < claim["cue_token"] < rule[1]:
        return  # a content around its cue, as a quotation its cue interrupts, is drawn by the quotes
    # A span overlapping the pattern's by `min_overlap` of the longer holds at most (1 - m) / m of
    # the pattern's length outside it: no other token can be an edge, and none is scored.
    slack = int((rule[1] - rule[0] + 1) * (1 - min_overlap) / min_overlap)
    # Nor does it leave what the cue's clause reaches, beyond the pattern's span: "a farmer who
    # said [the dam had failed] was interviewed" stops with the relative clause.
    clause = doc[claim["cue_token"]]
    reach = min(clause.left_edge.i, rule[0]), max(clause.right_edge.i, rule[1]) + 1
    within = max(rule[0] - slack, reach[0]), min(rule[1] + slack + 1, reach[1])
    starts, ends = scorer.scores(claim, "start", within), scorer.scores(claim, "end", within)
    if not starts:
        return
    index = np.array(sorted(starts))
    s, e = np.meshgrid(index, index, indexing="ij")
    inter = np.minimum(e, rule[1]) - np.maximum(s, rule[0]) + 1
    longer = np.maximum(e - s + 1, rule[1] - rule[0] + 1)
    cue = claim["cue_token"]
    allowed = (s <= e) & ~((s < cue) & (cue < e)) & (inter >= min_overlap * longer)
    if not allowed.any():
        return
    first_scores, last_scores = np.array([starts[i] for i in index]), np.array([ends[i] for i in index])
    total = first_scores[:, None] + last_scores
    best = np.unravel_index(np.argmax(np.where(allowed, total, -np.inf)), total.shape)
    claim["edges"] = (_softmax_at(first_scores, best[0]), _softmax_at(last_scores, best[1]))
    first, last = doc[int(index[best[0]])], doc[int(index[best[1]])]
    if first.dep_ == "mark" and first.lower_ in MARKERS and first.i < last.i:
        first = doc[first.i + 1]  # PolNeAR keeps "that" in the content; a reader does not (shared gold)
    start, end = trimmed_chars(doc, first.idx, last.idx + len(last))
    if end > start:
        claim["content_start"], claim["content_end"] = start, end


def _softmax_at(scores: np.ndarray, i: int) -> float:
    return float(1.0 / np.exp(scores - scores[i]).sum())


def _content_heads(doc: Doc, rule: tuple[int, int] | None) -> dict[str, set[int]]:
    """Edges of the pattern's content subtree: where the parse says the clause begins and ends."""
    if rule is None:
        return {}
    span = doc[rule[0] : rule[1] + 1]
    root = span.root
    return {"start": {root.left_edge.i}, "end": {root.right_edge.i}}


def _word(t: Token | None) -> str:
    if t is None:
        return "</s>"
    if "\n" in t.text:
        return "<p>"
    return t.lower_ if t.is_stop or t.is_punct else t.pos_


def _bucket(n: int) -> str:
    """The signed distance in steps: "0", "+1", "-3", "+40", "-99" (beyond)."""
    return _BUCKETS.get(n) or ("+99" if n > 0 else "-99")


_BUCKETS = {
    n: ("+" if n > 0 else "-") + str(next((s for s in _STEPS if abs(n) <= s), 99)) if n else "0"
    for n in range(-_STEPS[-1], _STEPS[-1] + 1)
}
