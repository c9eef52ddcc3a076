"""The claim patterns on hand-parsed docs (no spaCy model)."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.patterns import verb_claim


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
