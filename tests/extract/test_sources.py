"""How a source is named from its head, on hand-parsed docs (no spaCy model)."""

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.sources import source_tokens


def _doc(rows: str) -> Doc:
    """A doc from one token a line: text, whether a space follows (_ or +), head index, label,
    entity tag."""
    table = [line.split() for line in rows.strip().splitlines()]
    return Doc(
        English().vocab,
        words=[r[0] for r in table],
        spaces=[r[1] == "+" for r in table],
        heads=[int(r[2]) for r in table],
        deps=[r[3] for r in table],
        ents=[r[4] for r in table],
    )


DATELINE = """
MADRID + 3 compound O
-- + 3 punct O
Mayor + 3 compound O
Lopez + 4 nsubj O
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
        (HYPHENATED, 3, "Coal-state senators"),  # a hyphen inside a word stays
        (ADVERB_AND_DATE, 3, "a review panel"),  # "Even" and "in 2019" are not the panel's name
        (PLACE, 1, "A panel in Ohio"),  # a place is
    ],
)
def test_a_source_is_named_by_its_phrase_without_what_the_parser_ran_into_it(rows, head, name):
    doc = _doc(rows)
    tokens = source_tokens(doc[head])
    assert doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])] == name
