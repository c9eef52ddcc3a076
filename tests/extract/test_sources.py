"""How a source is named from its head, and how a claim's source span reads, on hand-parsed docs
(no spaCy model)."""

import numpy as np
import pytest

from assets.extract.attribution.sources import name_source_whole, source_beside_cue, source_tokens
from assets.extract.attribution.tagger_probs import set_probabilities
from tests.conftest import hand_claim, hand_parsed


def _doc(rows: str):
    """Rows of text, space, head, label and entity tag (see `hand_parsed`)."""
    return hand_parsed(rows, "ents")


DATELINE = """
MADRID + 3 compound O
-- + 3 punct O
Mayor + 3 compound O
Lopez + 4 nsubj O
said + 4 ROOT O
no _ 4 dobj O
. _ 4 punct O
"""
PLACE_AS_HEAD = """
MADRID + 4 nsubj O
-- + 0 punct O
Mayor + 3 compound O
Lopez + 0 appos O
said + 4 ROOT O
no _ 4 dobj O
. _ 4 punct O
"""
HYPHENATED = """
Coal _ 2 compound O
- _ 2 punct O
state + 3 compound O
senators + 4 nsubj O
said + 4 ROOT O
no _ 4 dobj O
. _ 4 punct O
"""
ADVERB_AND_DATE = """
Even + 3 advmod O
a + 3 det O
review + 3 compound O
panel + 6 nsubj O
in + 3 prep O
2019 + 4 pobj B-DATE
found + 6 ROOT O
gaps _ 6 dobj O
. _ 6 punct O
"""
PLACE = """
A + 1 det O
panel + 4 nsubj O
in + 1 prep O
Ohio + 2 pobj B-GPE
found + 4 ROOT O
gaps _ 4 dobj O
. _ 4 punct O
"""


@pytest.mark.parametrize(
    "rows, head, name",
    [
        (DATELINE, 3, "Mayor Lopez"),  # a dash between spaces ends the dateline
        (PLACE_AS_HEAD, 0, "Mayor Lopez"),  # the name after it, where the parser made the place its head
        (HYPHENATED, 3, "Coal-state senators"),  # a hyphen inside a word stays
        (ADVERB_AND_DATE, 3, "a review panel"),  # "Even" and "in 2019" are not the panel's name
        (PLACE, 1, "A panel in Ohio"),  # a place is
    ],
)
def test_a_source_is_named_by_its_phrase_without_what_the_parser_ran_into_it(rows, head, name):
    doc = _doc(rows)
    tokens = source_tokens(doc[head])
    assert doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])] == name


RELATIVE = """
Officials + 5 nsubj O
who + 2 nsubj O
saw + 0 relcl O
the + 4 det O
plan + 2 dobj O
said + 5 ROOT O
it + 8 nsubj O
would + 8 aux O
fail _ 5 ccomp O
. _ 5 punct O
"""
POSSESSIVE = """
Okafor _ 2 poss O
's + 0 case O
claim + 2 ROOT O
that + 6 mark O
taxes + 6 nsubj O
will + 6 aux O
rise _ 2 acl O
. _ 2 punct O
"""
OWN_CUE = """
The + 1 det O
official + 8 nsubj O
who + 3 nsubj O
said + 1 relcl O
the + 5 det O
deal + 6 nsubj O
was + 3 ccomp O
dead + 6 acomp O
left _ 8 ROOT O
. _ 8 punct O
"""
APPOSITIVE_CLAUSE = """
Mira + 1 compound O
Patel _ 7 nsubj O
, + 1 punct O
who + 4 nsubj O
leads + 1 relcl O
the + 6 det O
union + 4 dobj O
said + 7 ROOT O
talks + 9 nsubj O
failed _ 7 ccomp O
. _ 7 punct O
"""
AFTER_CUE = """
Talks + 1 nsubj O
failed _ 3 ccomp O
, + 3 punct O
said + 3 ROOT O
Mira + 5 compound O
Patel _ 3 nsubj O
, + 5 punct O
who + 8 nsubj O
leads + 5 relcl O
the + 10 det O
union _ 8 dobj O
. _ 3 punct O
"""


@pytest.mark.parametrize(
    "rows, head, cue, content, span",
    [
        (RELATIVE, 0, 5, (6, 8), "Officials who saw the plan"),  # the clause says which officials
        (POSSESSIVE, 0, 2, (4, 6), "Okafor's"),  # the possessive's mark, as the text has it
        (APPOSITIVE_CLAUSE, 1, 7, (8, 9), "Mira Patel"),  # a clause after a comma tells more of her
        (AFTER_CUE, 5, 3, (0, 1), "Mira Patel, who leads the union"),  # unless she follows the cue
        (OWN_CUE, 1, 3, (4, 7), "The official"),  # a clause holding the claim itself stays out
    ],
)
def test_a_claims_source_span_keeps_the_clauses_that_say_which_one(rows, head, cue, content, span):
    doc = _doc(rows)
    for token in doc:
        token.tag_ = "POS" if token.dep_ == "case" else ""
    claim = hand_claim(doc, cue, content) | {"source_tokens": source_tokens(doc[head])}
    name_source_whole(claim)
    assert doc.text[claim["source_start"] : claim["source_end"]] == span


QUOTED_AROUND = """
“ _ 2 punct O
We + 2 nsubj O
won _ 5 ccomp O
, _ 5 punct O
” + 5 punct O
said + 5 ROOT O
Mira + 7 compound O
Patel _ 5 nsubj O
, + 7 punct O
who + 10 nsubj O
leads + 7 relcl O
the + 12 det O
union _ 10 dobj O
. + 5 punct O
“ _ 16 punct O
We + 16 nsubj O
rest _ 16 ROOT O
. _ 16 punct O
” _ 16 punct O
"""


def test_a_quotation_around_the_source_does_not_hold_its_clause():
    """The content runs from one quotation to the next; what lies between them is its gap, not content."""
    doc = _doc(QUOTED_AROUND)
    claim = {
        "source_tokens": source_tokens(doc[7]),
        "cue_start": doc[5].idx,
        "cue_end": doc[5].idx + len(doc[5]),
        "content_start": doc[1].idx,
        "content_end": doc[16].idx + len(doc[16]),
        "content_gap_start": doc[4].idx + 1,
        "content_gap_end": doc[14].idx,
    }
    name_source_whole(claim)
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Mira Patel, who leads the union"


@pytest.mark.parametrize(
    "rows, head, cue, content, p, span",
    [
        (APPOSITIVE_CLAUSE, 1, 7, (8, 9), 0.8, "Mira Patel, who leads the union"),  # the tagger takes it
        (AFTER_CUE, 5, 3, (0, 1), 0.2, "Mira Patel"),  # the tagger leaves it, though she follows the cue
    ],
)
def test_the_tagger_decides_a_clause_set_off_by_a_comma(rows, head, cue, content, p, span):
    """Where the word-piece tagger ran (the accurate profile), its mean source probability over
    the clause decides, not the side of the cue the source stands on."""
    doc = _doc(rows)
    # One word piece a token; the clause after the comma ("who leads the union") gets `p` as source.
    clause = {t.i for t in doc[head].rights if t.dep_ == "relcl" for t in t.subtree}
    offsets = np.array([[t.idx, t.idx + len(t)] for t in doc], dtype=np.int32)
    probs = np.array([[1 - p, p, 0, 0] if t.i in clause else [1.0, 0, 0, 0] for t in doc], dtype=np.float32)
    set_probabilities(doc, offsets, probs)
    claim = hand_claim(doc, cue, content) | {"source_tokens": source_tokens(doc[head])}
    name_source_whole(claim)
    assert doc.text[claim["source_start"] : claim["source_end"]] == span


# A misparse runs the cue into the source: "Said Ellis: prices rose." and "Chris Christie, eager
# to jab senators, spoke."
CUE_IN_NAME = """
Said + 1 compound O
Ellis _ 1 ROOT O
: + 1 punct O
prices + 4 nsubj O
rose _ 1 appos O
. _ 1 punct O
"""
CUE_IN_MODIFIER = """
Chris + 1 compound O
Christie _ 8 nsubj O
, + 1 punct O
eager + 1 amod O
to + 5 aux O
jab + 3 xcomp O
senators _ 5 dobj O
, + 1 punct O
spoke _ 8 ROOT O
. _ 8 punct O
"""


@pytest.mark.parametrize(
    "rows, tokens, cue, name",
    [
        (CUE_IN_NAME, (0, 2), 0, "Ellis"),
        (CUE_IN_MODIFIER, (0, 8), 5, "Chris Christie"),
        (CUE_IN_MODIFIER, (0, 2), 8, "Chris Christie"),  # a source apart from its cue stays whole
    ],
)
def test_a_source_never_holds_its_own_cue(rows, tokens, cue, name):
    doc = _doc(rows)
    claim = {"cue_start": doc[cue].idx, "cue_end": doc[cue].idx + len(doc[cue])}
    claim["source_tokens"] = list(doc[tokens[0] : tokens[1]])
    source_beside_cue(claim)
    assert doc.text[claim["source_start"] : claim["source_end"]] == name
