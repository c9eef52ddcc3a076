"""A claim's cue as its verb group: "has not said", "is also urging", "laid out", "called for".

The patterns and the models work on the cue's head word. A reader, and PolNeAR's annotators,
take the cue to be the whole verb group: the auxiliaries, negation and adverbs before the verb
("did not address", "has also questioned"), its particle ("pointed out") and the preposition
that opens its content ("called for [an inquiry]"). The negation matters most: "did not say"
is not "said". `cue_lemma` keeps the head word's lemma ("say"), so cues can still be counted
across their tenses.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..spans import token_span_chars
from . import cues

BEFORE_DEPS = {"aux", "auxpass", "neg", "advmod"}
AFTER_DEPS = {"prt"}


def name_cue_whole(doc: Doc, claim: dict) -> None:
    """Widen the claim's cue span to the verb group of its head word and set `cue_lemma`; a
    preposition the content began with moves from the content to the cue."""
    cue = doc[claim["cue_token"]]
    claim["cue_lemma"] = "according to" if claim.get("claim_type") == "according_to" else cue.lemma_.lower()
    span = doc.char_span(claim["cue_start"], claim["cue_end"], alignment_mode="expand")
    if span is None or not span.start <= cue.i < span.end:
        return
    taken = [(claim["content_start"], claim["content_end"])]
    if claim.get("source_start") is not None:
        taken.append((claim["source_start"], claim["source_end"]))
    children = {t.i: t for t in cue.children}
    if cue.dep_ == "acomp" and span.start == cue.head.i:  # "has not been critical of": the copula's group
        children |= {t.i: t for t in cue.head.children if t.i < cue.head.i}

    def joins(i: int, deps: set[str]) -> bool:
        return i in children and children[i].dep_ in deps and not any(a <= doc[i].idx < b for a, b in taken)

    first, last = span.start, span.end - 1
    while joins(first - 1, BEFORE_DEPS):
        first -= 1
    governor = claim.get("cue_governor")
    aspect = cue.head if governor is None else doc[governor]
    if governor is not None or aspect.i == first - 1 and cues.carried_verb(aspect) == cue:
        # "has continued to defend", "could not resist pointing out": the group of the verb the
        # cue goes on from (a claim merged by `chains.merge_chained` names it)
        first = aspect.i
        children |= {t.i: t for t in aspect.children if t.i < first}
        while joins(first - 1, BEFORE_DEPS):
            first -= 1
    while joins(last + 1, AFTER_DEPS):
        last += 1
        claim["cue_lemma"] += " " + doc[last].lower_
    after = doc[last + 1] if last + 2 < len(doc) else None
    if after is not None and after.i in children and after.dep_ == "prep" and claim.get("content_gap_start") is None:
        following = doc[after.i + 1]
        if after.idx == claim["content_start"] and following.idx < claim["content_end"]:
            last += 1
            claim["content_start"] = following.idx
        elif following.idx == claim["content_start"]:
            last += 1
    claim["cue_start"], claim["cue_end"] = token_span_chars([doc[first], doc[last]])
