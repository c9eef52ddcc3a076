"""One claim for one statement reported through a chain of verbs: "they could not resist
pointing out that …", "it is steering clear of criticizing …", "took to Twitter to accuse …".

Each verb of the chain proposes the claim, with the same source and content; kept both, one
statement would be two rows. The claim of the last verb stays, its cue reaching back over the
first (`cue_span.name_cue_whole` reads `cue_governor`), as PolNeAR's annotators draw it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..spans import overlap_share

HOPS = 3  # how far up the parse the first verb may be: "could not resist [pointing] out"


def merge_chained(doc: Doc, claims: list[dict]) -> list[dict]:
    """The top-level claims without those whose statement a verb they govern reports again; the
    claim that stays names the first verb as its `cue_governor`. Parent links are left as they were."""
    dropped = set()
    for inner in claims:
        for outer in claims:
            if inner is outer or id(outer) in dropped or not _same_statement(doc, outer, inner):
                continue
            inner["cue_governor"] = outer.get("cue_governor", outer["cue_token"])
            dropped.add(id(outer))
    return [c for c in claims if id(c) not in dropped] if dropped else claims


def _same_statement(doc: Doc, outer: dict, inner: dict) -> bool:
    """Whether `outer`'s cue governs `inner`'s, close by and before it, with the same source and
    mostly the same content."""
    if outer["parent"] is not None or inner["parent"] is not None or outer.get("source_start") is None:
        return False
    if (outer["source_start"], outer["source_end"]) != (inner["source_start"], inner["source_end"]):
        return False
    if overlap_share(outer["content_start"], outer["content_end"], inner["content_start"], inner["content_end"]) < 0.5:
        return False
    if outer["cue_end"] <= outer["source_start"] < inner["cue_start"]:
        return False  # the cue would hold its source
    governor, token = doc[outer["cue_token"]], doc[inner["cue_token"]]
    for _ in range(HOPS):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == governor.i:
            return governor.i < inner["cue_token"]
    return False
