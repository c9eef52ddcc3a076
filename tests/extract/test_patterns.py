"""The claim patterns on hand-parsed docs (no spaCy model)."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.patterns import according_to_claim, verb_claim
from tests.conftest import hand_parsed


def test_what_a_cue_reports_stops_at_its_paragraph():
    """A parse that runs the next paragraph into the cue's object does not carry it into the
    content."""
    words = ["Critics", "criticized", "the", "plan", ".", "\n\n", "Nobody", "asked", "the", "towns", "."]
    doc = Doc(
        English().vocab,
        words=words,
        spaces=[True, True, True, False, False, False, True, True, True, False, False],
        heads=[1, 1, 3, 1, 1, 4, 7, 3, 9, 7, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "punct", "dep", "nsubj", "relcl", "det", "dobj", "punct"],
        pos=["NOUN", "VERB", "DET", "NOUN", "PUNCT", "SPACE", "PRON", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["critic", "criticize", "the", "plan", ".", "\n\n", "nobody", "ask", "the", "town", "."],
    )
    claim = verb_claim(doc[1])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the plan"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Critics"


def _doc(words, spaces, heads, deps, pos, lemmas):
    return Doc(English().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_a_cue_ending_its_paragraph_with_a_colon_reports_the_next_paragraph():
    """A cue ending its paragraph with a colon ("Costa added:") reports the paragraph below.

    The parser leaves such a cue without a complement.
    """
    doc = _doc(
        words=[
            "Costa",
            "added",
            ":",
            "\n\n",
            "We",
            "will",
            "rebuild",
            "the",
            "bridge",
            ".",
            "\n\n",
            "Rain",
            "fell",
            ".",
        ],
        spaces=[True, False, False, False, True, True, True, True, False, False, False, True, False, False],
        heads=[1, 1, 1, 2, 6, 6, 6, 8, 6, 6, 9, 12, 12, 12],
        deps=[
            "nsubj",
            "ROOT",
            "punct",
            "dep",
            "nsubj",
            "aux",
            "ROOT",
            "det",
            "dobj",
            "punct",
            "dep",
            "nsubj",
            "ROOT",
            "punct",
        ],
        pos=[
            "PROPN",
            "VERB",
            "PUNCT",
            "SPACE",
            "PRON",
            "AUX",
            "VERB",
            "DET",
            "NOUN",
            "PUNCT",
            "SPACE",
            "NOUN",
            "VERB",
            "PUNCT",
        ],
        lemmas=[
            "Costa",
            "add",
            ":",
            "\n\n",
            "we",
            "will",
            "rebuild",
            "the",
            "bridge",
            ".",
            "\n\n",
            "rain",
            "fall",
            ".",
        ],
    )
    claim = verb_claim(doc[1])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "We will rebuild the bridge"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Costa"
    assert claim["pattern"] == "colon"


def test_a_colon_after_the_cue_points_to_the_clause_after_it():
    """In "The port reopens, Lindqvist said: ships come." the claim is what follows the colon.

    Not the clause the parser also hung on the cue before it.
    """
    doc = _doc(
        words=["The", "port", "reopens", ",", "Lindqvist", "said", ":", "ships", "come", "."],
        spaces=[True, True, False, True, True, False, True, True, False, False],
        heads=[1, 2, 5, 5, 5, 5, 5, 8, 5, 5],
        deps=["det", "nsubj", "ccomp", "punct", "nsubj", "ROOT", "punct", "nsubj", "ccomp", "punct"],
        pos=["DET", "NOUN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"],
        lemmas=["the", "port", "reopen", ",", "Lindqvist", "say", ":", "ship", "come", "."],
    )
    claim = verb_claim(doc[5])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "ships come"
    assert claim["pattern"] == "clause"


def test_called_for_someone_to_act_reports_the_for_to_clause():
    """The parser makes "for the council to resign" an adverbial clause; it is what was called for."""
    doc = _doc(
        words=["The", "mayor", "called", "for", "the", "council", "to", "resign", "."],
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[1, 2, 2, 7, 5, 7, 7, 2, 2],
        deps=["det", "nsubj", "ROOT", "mark", "det", "nsubj", "aux", "advcl", "punct"],
        pos=["DET", "NOUN", "VERB", "SCONJ", "DET", "NOUN", "PART", "VERB", "PUNCT"],
        lemmas=["the", "mayor", "call", "for", "the", "council", "to", "resign", "."],
    )
    claim = verb_claim(doc[2])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the council to resign"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "The mayor"


def test_a_which_clause_after_a_comma_is_not_the_nominal_content():
    """In "criticized the deal, which was signed in May" the relative clause is the writer's aside."""
    doc = _doc(
        words=["Okafor", "criticized", "the", "deal", ",", "which", "was", "signed", "in", "May", "."],
        spaces=[True, True, True, False, True, True, True, True, True, False, False],
        heads=[1, 1, 3, 1, 3, 7, 7, 3, 7, 8, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "punct", "nsubjpass", "auxpass", "relcl", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        lemmas=["Okafor", "criticize", "the", "deal", ",", "which", "be", "sign", "in", "May", "."],
    )
    claim = verb_claim(doc[1])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the deal"


def test_a_who_clause_after_a_comma_is_not_the_nominal_content():
    """In "endorsed Okafor, who says she is honored" the relative clause is another claim."""
    doc = _doc(
        words=["Costa", "endorsed", "Okafor", ",", "who", "says", "she", "is", "honored", "."],
        spaces=[True, True, False, True, True, True, True, True, False, False],
        heads=[1, 1, 1, 2, 5, 2, 7, 5, 7, 1],
        deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "relcl", "nsubj", "ccomp", "acomp", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "AUX", "ADJ", "PUNCT"],
        lemmas=["Costa", "endorse", "Okafor", ",", "who", "say", "she", "be", "honored", "."],
    )
    claim = verb_claim(doc[1])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "Okafor"


def test_a_clause_opening_with_a_for_to_clause_keeps_its_for():
    """Only a for-to clause that is the content itself loses its "for": "said for the plan to
    work, the city needs money" reports the whole clause."""
    doc = _doc(
        words=["Okafor", "said", "for", "the", "plan", "to", "work", ",", "the", "city", "needs", "money", "."],
        spaces=[True, True, True, True, True, True, False, True, True, True, True, False, False],
        heads=[1, 1, 6, 4, 6, 6, 10, 10, 9, 10, 1, 10, 1],
        deps=[
            "nsubj",
            "ROOT",
            "mark",
            "det",
            "nsubj",
            "aux",
            "advcl",
            "punct",
            "det",
            "nsubj",
            "ccomp",
            "dobj",
            "punct",
        ],
        pos=["PROPN", "VERB", "SCONJ", "DET", "NOUN", "PART", "VERB", "PUNCT", "DET", "NOUN", "VERB", "NOUN", "PUNCT"],
        lemmas=["Okafor", "say", "for", "the", "plan", "to", "work", ",", "the", "city", "need", "money", "."],
    )
    claim = verb_claim(doc[1])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "for the plan to work, the city needs money"


# "Writing" misparsed as a clausal complement of the cue, before it: the sentence's frame.
FRAMED = """
Writing + 6 ccomp VERB write
for + 0 prep ADP for
the + 3 det DET the
paper _ 1 pobj NOUN paper
, + 6 punct PUNCT ,
Barabak + 6 nsubj PROPN Barabak
noted + 6 ROOT VERB note
that + 10 mark SCONJ that
the + 9 det DET the
debate + 10 nsubj NOUN debate
mattered _ 6 ccomp VERB matter
. _ 6 punct PUNCT .
"""


def test_a_clause_framing_the_cue_gives_way_to_the_clause_it_reports():
    """A clause before the cue that is no quotation frames the sentence; the that-clause after
    the cue is what was noted."""
    doc = hand_parsed(FRAMED, "pos", "lemmas")
    claim = verb_claim(doc[6])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the debate mattered"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Barabak"


COUNTED = """
Okafor + 1 nsubj PROPN Okafor
won + 1 ROOT VERB win
41 + 3 nummod NUM 41
percent + 1 dobj NOUN percent
and + 1 cc CCONJ and
Costa + 6 nsubj PROPN Costa
took + 1 conj VERB take
38 _ 6 dobj NUM 38
, + 6 punct PUNCT ,
according + 6 prep VERB accord
to + 9 prep ADP to
the + 12 det DET the
count _ 10 pobj NOUN count
. _ 1 punct PUNCT .
"""


def test_according_to_closing_a_coordination_sources_all_of_it():
    """The parser hangs "according to" on the last conjunct; a reader takes it for the whole."""
    doc = hand_parsed(COUNTED, "pos", "lemmas")
    claim = according_to_claim(doc[9])
    assert doc.text[claim["content_start"] : claim["content_end"]] == "Okafor won 41 percent and Costa took 38"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "the count"
