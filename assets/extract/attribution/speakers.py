"""Which noun phrase of the cue's sentence is a claim's source, chosen by a learned model.

The patterns take the cue's grammatical subject, and the parse often misleads them: a time
stamp ("12:15 p.m. Donald Trump says"), a headline run into the sentence, the object of a
control verb ("forced Stumpf to admit"), the subject of a verb two conjuncts away. A
conditional logit scores every noun, proper noun and pronoun of the cue's sentence, and "no
source", by the dependency path from the cue, what the token is, where it stands, and whether
the patterns chose it; the best becomes the source. Fitted on PolNeAR train by
`newsclaims train attribution`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .sources import phrase_head, set_source, source_tokens
from .tagger_probs import token_p

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOMINAL = {"NOUN", "PROPN", "PRON"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "quantmod"}
MAX_PATH = 4
NONE = -1  # the "no source" candidate


def candidates(doc: Doc, claim: dict) -> list[int]:
    """The tokens that may head the claim's source: the patterns' choice, and the nominals of the
    cue's sentence outside its cue and content that are not modifiers inside another noun
    phrase; NONE first."""
    cue = doc[claim["cue_token"]]
    rule = rule_head(doc, claim)
    out = [NONE] + ([rule] if rule is not None else [])
    for t in cue.sent:
        if t.pos_ not in NOMINAL or t.i in {cue.i, rule}:
            continue
        if claim["cue_start"] <= t.idx < claim["cue_end"] or claim["content_start"] <= t.idx < claim["content_end"]:
            continue
        if t.dep_ in MODIFIER_DEPS and t.head.pos_ in {"NOUN", "PROPN"} and t.head.i != cue.i:
            continue
        out.append(t.i)
    return out


def rule_head(doc: Doc, claim: dict) -> int | None:
    """The head token of the source the patterns chose (None without one)."""
    tokens = claim.get("source_tokens")
    return phrase_head(tokens).i if tokens else None


def features(doc: Doc, claim: dict, quotes: list[tuple[int, int]]) -> dict[int, dict[str, float]]:
    """Features of each candidate (`candidates`) as the claim's source."""
    cue = doc[claim["cue_token"]]
    lemma, pattern = cue.lemma_.lower(), claim.get("pattern") or "quote"
    rule = rule_head(doc, claim)
    has_rule = "rule" if rule is not None else "norule"
    out = {
        NONE: dict.fromkeys(
            [
                "none",
                f"none|{has_rule}",
                f"none|pattern={pattern}|{has_rule}",
                f"none|cue_dep={cue.dep_}",
                f"none|lemma={lemma}",
                f"none|type={claim['claim_type']}",
            ],
            1.0,
        )
    }
    for i in candidates(doc, claim)[1:]:
        t = doc[i]
        path = _path(cue, t)
        side = "left" if i < cue.i else "right"
        is_rule = "is_rule" if i == rule else "not_rule"
        f = [
            f"path={path}",
            f"path|pattern={path}|{pattern}",
            f"path|lemma={path}|{lemma}",
            f"path|cue_pos={path}|{cue.pos_}",
            is_rule,
            f"{is_rule}|pattern={pattern}",
            f"{is_rule}|path={path}",
            f"pos={t.pos_}",
            f"dep={t.dep_}",
            f"dep|head_pos={t.dep_}|{t.head.pos_}",
            f"ent={t.ent_type_ or 'none'}",
            f"side={side}",
            f"side|dist={side}|{_distance(abs(i - cue.i))}",
            f"side|pattern={side}|{pattern}",
        ]
        if t.pos_ == "PRON":
            f.append(f"pron={t.lower_}")
        elif t.pos_ == "NOUN":
            f.append(f"noun={t.lemma_.lower()}")
        lo, hi = sorted((i, cue.i))
        between = doc[lo + 1 : hi]
        if any("\n" in b.text for b in between):
            f.append("across_paragraph")
        verbs = sum(b.pos_ in {"VERB", "AUX"} for b in between)
        f.append(f"verbs_between={min(verbs, 3)}")
        if any(q0 <= t.idx < q1 for q0, q1 in quotes):
            f.append("in_quote")
        if t.i == t.sent.start or "\n" in doc[t.i - 1].text:
            f.append("starts_line")
        if t.like_num or t.ent_type_ in {"TIME", "DATE", "CARDINAL", "PERCENT", "MONEY"}:
            f.append("numeric")
        tp = token_p(t, "source")
        if tp is not None:
            f.append(f"t_src={int(tp * 10)}")
        out[i] = dict.fromkeys(f, 1.0)
    return out


def choose(doc: Doc, claim: dict, quotes: list[tuple[int, int]], weights: dict[str, float]) -> None:
    """Set the claim's source to the best-scoring candidate; the patterns' own span is kept when
    the model picks the head the patterns chose. How sure the model is of it (its softmax
    probability among the candidates) is kept in `claim["source_sure"]` for the claim model."""
    scored = features(doc, claim, quotes)
    totals = {i: sum(weights.get(f, 0.0) for f in scored[i]) for i in scored}
    best = max(totals, key=lambda i: (totals[i], -abs(i - claim["cue_token"])))
    claim["source_sure"] = 1 / sum(math.exp(min(t - totals[best], 0.0)) for t in totals.values())
    if best == rule_head(doc, claim):
        return
    set_source(claim, source_tokens(doc[best]) if best != NONE else None)


def _path(a: Token, b: Token) -> str:
    """The dependency path from `a` up to the lowest common head and down to `b`: "^conj_nsubj"."""
    up_chain = [a, *a.ancestors]
    position = {t.i: n for n, t in enumerate(up_chain)}
    down = []
    for t in [b, *b.ancestors]:
        if t.i in position:
            up = [x.dep_ for x in up_chain[: position[t.i]]]
            if len(up) + len(down) > MAX_PATH:
                return "far"
            return "".join("^" + d for d in up) + "".join("_" + d for d in reversed(down))
        down.append(t.dep_)
    return "apart"


def _distance(n: int) -> int:
    return next((s for s in (1, 2, 3, 5, 8, 13, 20) if n <= s), 99)
