"""The subject a cue leaves in what it reports: "Okafor is expected to win", "the plan appears
to work".

A passive or raising cue says nothing of its grammatical subject: the expectation is that
Okafor wins, not Okafor's own. The subject is then part of the content, and the cue between
them is the content's gap, as PolNeAR's annotators draw it ("Okafor" + "to win …").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..spans import subtree_tokens
from . import cues

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RAISING_PATTERNS = {"infinitive", "nominal"}  # patterns whose content has no subject of its own
NOT_SUBJECTS = {"it", "there"}  # "it is expected that …": the content is the clause, not "it"


def take_subject(doc: Doc, claim: dict) -> None:
    """Open the content of a claim with no source with its cue's subject.

    Only a content without a subject of its own: an infinitive or a phrase after the cue ("is
    expected [to win]", "is viewed [as a bulwark]"), not a clause ("was asked [which …]", where
    the subject is who was asked).
    """
    cue = doc[claim["cue_token"]]
    if claim.get("source_start") is not None or claim.get("pattern") not in RAISING_PATTERNS:
        return
    if claim.get("content_gap_start") is not None or claim["content_start"] < claim["cue_end"]:
        return
    subject = next((t for t in cue.lefts if t.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.lower_ in NOT_SUBJECTS:
        return
    if cue.lemma_.lower() in cues.ADDRESSEE_OBJECT:
        return  # "Okafor was asked about the plan": the one addressed, not what was said
    words = subtree_tokens(subject)
    end = words[-1].idx + len(words[-1])
    if end > claim["cue_start"]:
        return  # a subject the parser ran past its cue: no span to take
    claim["content_gap_start"], claim["content_gap_end"] = end, claim["content_start"]
    claim["content_start"] = words[0].idx
