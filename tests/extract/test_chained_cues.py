"""Two kept claims that report one statement through a chain of verbs become one, on hand-parsed
docs (no spaCy model)."""

from assets.extract.attribution.chains import merge_chained
from assets.extract.attribution.cue_span import name_cue_whole
from tests.conftest import hand_claim, hand_parsed

# "They could not resist pointing out that taxes rose ."
CHAIN = """
They + 3 nsubj PRON they
could + 3 aux AUX could
not + 3 neg PART not
resist + 3 ROOT VERB resist
pointing + 3 xcomp VERB point
out + 4 prt ADP out
that + 8 mark SCONJ that
taxes + 8 nsubj NOUN tax
rose _ 4 ccomp VERB rise
. _ 3 punct PUNCT .
"""
# "Holt criticized the plan , saying that taxes rose ."
TWO_STATEMENTS = """
Holt + 1 nsubj PROPN Holt
criticized + 1 ROOT VERB criticize
the + 3 det DET the
plan _ 1 dobj NOUN plan
, + 1 punct PUNCT ,
saying + 1 advcl VERB say
that + 8 mark SCONJ that
taxes + 8 nsubj NOUN tax
rose _ 5 ccomp VERB rise
. _ 1 punct PUNCT .
"""


def _claim(doc, cue: int, content: tuple[int, int], source: int = 0) -> dict:
    return hand_claim(doc, cue, content, source) | {"parent": None, "confidence": 0.8}


def test_one_statement_through_a_chain_of_verbs_is_one_claim_with_the_whole_cue():
    doc = hand_parsed(CHAIN, "pos", "lemmas")
    resist, pointing = _claim(doc, 3, (7, 8)), _claim(doc, 4, (7, 8))
    (kept,) = merge_chained(doc, [resist, pointing])
    assert kept is pointing and kept["cue_governor"] == 3
    name_cue_whole(doc, kept)
    assert doc.text[kept["cue_start"] : kept["cue_end"]] == "could not resist pointing out"
    assert doc.text[kept["content_start"] : kept["content_end"]] == "taxes rose"


def test_chained_verbs_with_their_own_contents_or_sources_stay_two_claims():
    doc = hand_parsed(TWO_STATEMENTS, "pos", "lemmas")
    criticized, saying = _claim(doc, 1, (2, 3)), _claim(doc, 5, (7, 8))
    assert merge_chained(doc, [criticized, saying]) == [criticized, saying]  # the plan; taxes rose
    doc = hand_parsed(CHAIN, "pos", "lemmas")
    resist, pointing = _claim(doc, 3, (7, 8)), _claim(doc, 4, (7, 8), source=7)
    assert merge_chained(doc, [resist, pointing]) == [resist, pointing]  # another source
