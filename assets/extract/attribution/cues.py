"""The attribution cue lexicon: verbs that introduce what someone says, believes or intends.

Hand-grouped lemmas (`data/lexicons/speech_verbs.txt`, `belief_verbs.txt`, `intention_verbs.txt`)
give the `claim_type`; the lexicon learned from PolNeAR's train split (`data/cue_lexicon.json`,
rebuilt by `pipelines/train/cue_lexicon.py`) adds the verbs news writers use to report stances
("criticized", "endorsed", "called for"). A verb outside both never makes a claim. The nouns
that name a source (roles, ranks, documents, outlets, people, organizations) and the nouns that
report a claim are kept here as well.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from .. import lexicons

CUE_LEXICON_PATH = Path(__file__).parents[1] / "data" / "cue_lexicon.json"

SPEECH = lexicons.words("speech_verbs")
BELIEF = lexicons.words("belief_verbs")
INTENTION = lexicons.words("intention_verbs")
ALL_CUES = SPEECH | BELIEF | INTENTION

# Raising verbs: in "Okafor appears to be spending more", the subject is part of what is
# reported, and nobody is named as holding the view.
RAISING = lexicons.words("raising_verbs")
# "continued to defend", "tried to portray": the verb they go on with heads the cue.
ASPECT = lexicons.words("aspect_verbs")
# Cues whose object is the one addressed: "told reporters", "assured allies".
ADDRESSEE_OBJECT = lexicons.words("addressee_cues")
AUDIENCE_NOUNS = lexicons.words("audience_nouns")
# Cues that take an infinitive as their content ("want to conclude").
INFINITIVE_CONTENT = INTENTION | lexicons.words("infinitive_cues")

# Nouns naming unnamed sources: "a senior Western official", "people familiar with the talks".
ROLE_NOUNS = lexicons.words("role_nouns")
RANKS = lexicons.words("source_ranks")
DOCUMENT_NOUNS = lexicons.words("document_nouns")
OUTLET_NOUNS = lexicons.words("outlet_source_nouns")
PERSON_NOUNS = ROLE_NOUNS | lexicons.words("person_nouns")
ORGANIZATION_NOUNS = lexicons.words("organization_nouns")

# Nouns that report a claim through a that-clause: "Trump's claim that the vote was rigged".
BELIEF_NOUNS = lexicons.words("belief_nouns")
NOUN_CUES = lexicons.words("statement_nouns") | BELIEF_NOUNS


@lru_cache(maxsize=1)
def learned_cues() -> frozenset[str]:
    """Verb lemmas PolNeAR's annotators mark as cues often enough: the stance verbs beyond the lists."""
    if not CUE_LEXICON_PATH.exists():
        return frozenset()
    return frozenset(json.loads(CUE_LEXICON_PATH.read_text())["lemmas"])


def carried_verb(token: Token) -> Token | None:
    """The verb an aspect or raising verb goes on with ("continued [to defend]", "appeared [to
    blame]"), or None. Where that verb is a cue, it heads the claim: PolNeAR's annotators draw
    "appeared to blame" as one cue, its subject the source."""
    if token.lemma_.lower() not in ASPECT | RAISING:
        return None
    return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > token.i), None)


def is_cue(lemma: str) -> bool:
    """Whether a verb lemma can introduce a claim, where there is no cue model to ask."""
    return lemma in ALL_CUES or lemma in learned_cues()
