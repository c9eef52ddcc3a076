"""The cue as its verb group, on hand-parsed docs (no spaCy model)."""

import pytest

from assets.extract.attribution.cue_span import name_cue_whole
from tests.conftest import hand_claim, hand_parsed


def _doc(rows: str):
    """Rows of text, space, head, label, part of speech and lemma (see `hand_parsed`)."""
    return hand_parsed(rows, "pos", "lemmas")


NEGATED = """
Okafor + 3 nsubj PROPN Okafor
has + 3 aux AUX have
not + 3 neg PART not
said + 3 ROOT VERB say
taxes + 6 nsubj NOUN tax
would + 6 aux AUX would
rise _ 3 ccomp VERB rise
. _ 3 punct PUNCT .
"""
PARTICLE = """
Costa + 1 nsubj PROPN Costa
pointed + 1 ROOT VERB point
out + 1 prt ADP out
costs + 4 nsubj NOUN cost
rose _ 1 ccomp VERB rise
. _ 1 punct PUNCT .
"""
# "sharply" misparsed as the cue's adverb: it stays in the content that holds it.
CONTENT_BEFORE = """
Prices + 1 nsubj NOUN price
rose + 3 ccomp VERB rise
sharply + 3 advmod ADV sharply
said + 3 ROOT VERB say
Okafor _ 3 nsubj PROPN Okafor
. _ 3 punct PUNCT .
"""
PREPOSITION = """
Costa + 1 nsubj PROPN Costa
called + 1 ROOT VERB call
for + 1 prep ADP for
an + 4 det DET an
inquiry _ 2 pobj NOUN inquiry
. _ 1 punct PUNCT .
"""
ASPECT = """
Okafor + 2 nsubj PROPN Okafor
has + 2 aux AUX have
continued + 2 ROOT VERB continue
to + 4 aux PART to
defend + 2 xcomp VERB defend
the + 6 det DET the
plan _ 4 dobj NOUN plan
. _ 2 punct PUNCT .
"""
NOUN_CUE = """
Her + 1 poss PRON her
criticism + 1 ROOT NOUN criticism
of + 1 prep ADP of
taxes _ 2 pobj NOUN tax
"""


@pytest.mark.parametrize(
    "rows, cue, content, source, text, lemma, what",
    [
        (NEGATED, 3, (4, 6), 0, "has not said", "say", "taxes would rise"),
        (PARTICLE, 1, (3, 4), 0, "pointed out", "point out", "costs rose"),
        (CONTENT_BEFORE, 3, (0, 2), 4, "said", "say", "Prices rose sharply"),
        (PREPOSITION, 1, (2, 4), 0, "called for", "call", "an inquiry"),  # the content began with it
        (PREPOSITION, 1, (3, 4), 0, "called for", "call", "an inquiry"),  # the content began after it
        (NOUN_CUE, 1, (3, 3), 0, "criticism of", "criticism", "taxes"),  # a stance noun's preposition too
        (ASPECT, 4, (5, 6), 0, "has continued to defend", "defend", "the plan"),  # the verb it goes on with
    ],
)
def test_the_cue_is_its_verb_group(rows, cue, content, source, text, lemma, what):
    doc = _doc(rows)
    claim = hand_claim(doc, cue, content, source)
    name_cue_whole(doc, claim)
    assert (doc.text[claim["cue_start"] : claim["cue_end"]], claim["cue_lemma"]) == (text, lemma)
    assert doc.text[claim["content_start"] : claim["content_end"]] == what
