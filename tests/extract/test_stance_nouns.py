"""Claims carried by a noun the noun cue model trusts, on hand-parsed docs (no spaCy model)."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.features import noun_complement, noun_cue_features
from assets.extract.attribution.model import AttributionModel, Logistic, using
from assets.extract.attribution.patterns import stance_noun_claim


def _doc() -> Doc:
    words = ["Her", "criticism", "of", "the", "deal", "grew", "."]
    return Doc(
        English().vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 5, 1, 4, 2, 5, 5],
        deps=["poss", "nsubj", "prep", "det", "pobj", "ROOT", "punct"],
        pos=["PRON", "NOUN", "ADP", "DET", "NOUN", "VERB", "PUNCT"],
        lemmas=["her", "criticism", "of", "the", "deal", "grow", "."],
        sent_starts=[True] + [False] * 6,
    )


def _model(weight: float) -> AttributionModel:
    return AttributionModel(
        cue=Logistic({}), cue_threshold=0.5, noun_cue=Logistic({"noun=criticism": weight}), noun_cue_threshold=0.5
    )


def test_a_nouns_complement_and_what_the_noun_cue_model_sees():
    doc = _doc()
    assert noun_complement(doc[1]).text == "deal"
    assert noun_complement(doc[4]) is None  # "deal" has no complement
    features = noun_cue_features(doc[1], doc[4])
    assert {"noun=criticism", "noun|link=criticism|prep=of", "noun_dep=nsubj", "governor=grow"} <= set(features)
    assert "owner=PRON" in features


def test_a_trusted_noun_proposes_its_complement_with_its_possessor_as_source():
    doc = _doc()
    with using(_model(5.0)):
        claim = stance_noun_claim(doc[1])
    assert doc.text[claim["cue_start"] : claim["cue_end"]] == "criticism"
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the deal"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Her"
    assert claim["pattern"] == "stance_noun"
    assert claim["claim_type"] == "other"  # a stance, not reported words
    with using(_model(-5.0)):
        assert stance_noun_claim(doc[1]) is None
    with using(None):
        assert stance_noun_claim(doc[1]) is None
