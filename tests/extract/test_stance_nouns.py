"""Claims carried by a noun the noun cue model trusts, on hand-parsed docs (no spaCy model)."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.cue_span import name_cue_whole
from assets.extract.attribution.features import noun_complement, noun_cue_features, stance_complement
from assets.extract.attribution.model import AttributionModel, Logistic, using
from assets.extract.attribution.patterns import stance_noun_claim
from tests.conftest import hand_parsed


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


SURE = """
Okafor + 1 nsubj PROPN Okafor
was + 1 ROOT AUX be
sure + 1 acomp ADJ sure
that + 6 mark SCONJ that
she + 6 nsubj PRON she
had + 6 aux AUX have
won _ 2 ccomp VERB win
. _ 1 punct PUNCT .
"""


def test_a_trusted_predicative_adjective_proposes_its_clause_with_the_copulas_subject_as_source():
    doc = hand_parsed(SURE, "pos", "lemmas")
    assert stance_complement(doc[2]).text == "won"
    assert stance_complement(doc[0]) is None  # a name is neither a noun nor an adjective
    features = noun_cue_features(doc[2], doc[6])
    assert {"noun=sure", "stance_pos=ADJ", "noun|link=sure|ccomp", "governor=be", "owner=PROPN"} <= set(features)
    model = AttributionModel(
        cue=Logistic({}), cue_threshold=0.5, noun_cue=Logistic({"noun=sure": 5.0}), noun_cue_threshold=0.5
    )
    with using(model):
        claim = stance_noun_claim(doc[2])
    assert doc.text[claim["cue_start"] : claim["cue_end"]] == "was sure"
    assert doc.text[claim["content_start"] : claim["content_end"]] == "she had won"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Okafor"
    assert claim["claim_type"] == "belief"


CRITICAL = """
Holt + 3 nsubj PROPN Holt
has + 3 aux AUX have
not + 3 neg PART not
been + 3 ROOT AUX be
critical + 3 acomp ADJ critical
of + 4 prep ADP of
the + 7 det DET the
plan _ 5 pobj NOUN plan
. _ 3 punct PUNCT .
"""


def test_a_stance_adjectives_cue_takes_the_copulas_auxiliaries_and_negation():
    doc = hand_parsed(CRITICAL, "pos", "lemmas")
    model = AttributionModel(
        cue=Logistic({}), cue_threshold=0.5, noun_cue=Logistic({"noun=critical": 5.0}), noun_cue_threshold=0.5
    )
    with using(model):
        claim = stance_noun_claim(doc[4])
    name_cue_whole(doc, claim)
    assert doc.text[claim["cue_start"] : claim["cue_end"]] == "has not been critical of"
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the plan"
    assert claim["cue_lemma"] == "critical"
