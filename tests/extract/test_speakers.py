"""The source model's candidates, features and choice, on hand-parsed docs (no spaCy model)."""

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution import speakers


def _update_doc() -> Doc:
    """A time-stamped update the parser read as "10:45 a.m. says": the time is the subject."""
    words = ["10:45", "a.m.", "The", "governor", "says", "polls", "close", "late", "."]
    return Doc(
        English().vocab,
        words=words,
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[1, 4, 3, 1, 4, 6, 4, 6, 4],
        deps=["nummod", "nsubj", "det", "appos", "ROOT", "nsubj", "ccomp", "advmod", "punct"],
        pos=["NUM", "NOUN", "DET", "NOUN", "VERB", "NOUN", "VERB", "ADV", "PUNCT"],
        lemmas=["10:45", "a.m.", "the", "governor", "say", "poll", "close", "late", "."],
        sent_starts=[True] + [False] * 8,
        ents=["B-TIME", "I-TIME"] + ["O"] * 7,
    )


def _claim(doc: Doc) -> dict:
    """The claim the patterns propose: "says", its content, and the time as its source."""
    says, content = doc[4], doc[5:8]
    return {
        "cue_token": 4,
        "cue_start": says.idx,
        "cue_end": says.idx + len(says),
        "content_start": content.start_char,
        "content_end": content.end_char,
        "source_tokens": [doc[0], doc[1]],
        "source_start": 0,
        "source_end": doc[1].idx + len(doc[1]),
        "pattern": "clause",
        "claim_type": "indirect",
    }


def test_candidates_are_the_rule_choice_and_the_nominals_outside_cue_and_content():
    doc = _update_doc()
    # "10:45" is a modifier inside "a.m.", "polls" lies in the content.
    assert speakers.candidates(doc, _claim(doc)) == [speakers.NONE, 1, 3]


def test_features_give_the_path_from_the_cue_and_what_the_token_is():
    doc = _update_doc()
    features = speakers.features(doc, _claim(doc), quotes=[])
    assert {"path=_nsubj", "is_rule", "numeric", "side=left"} <= set(features[1])
    assert {"path=_nsubj_appos", "not_rule", "noun=governor", "verbs_between=0"} <= set(features[3])
    assert {"none", "none|rule", "none|lemma=say"} <= set(features[speakers.NONE])


def test_the_model_can_replace_the_rule_choice_or_keep_its_span():
    doc = _update_doc()
    claim = _claim(doc)
    speakers.choose(doc, claim, [], {"numeric": -2.0, "noun=governor": 1.0})
    assert doc.text[claim["source_start"] : claim["source_end"]] == "The governor"
    assert [t.text for t in claim["source_tokens"]] == ["The", "governor"]

    claim = _claim(doc)
    speakers.choose(doc, claim, [], {"is_rule": 1.0})
    assert doc.text[claim["source_start"] : claim["source_end"]] == "10:45 a.m."

    claim = _claim(doc)
    speakers.choose(doc, claim, [], {"none": 1.0})
    assert claim["source_start"] is None and claim["source_tokens"] is None


def test_the_choice_keeps_how_sure_the_model_is_of_it():
    # Three candidates (no source, "a.m.", "governor"): a tie of the best two halves the sureness.
    doc = _update_doc()
    claim = _claim(doc)
    speakers.choose(doc, claim, [], {"none": -20.0, "numeric": -1.0, "noun=governor": -1.0})
    assert claim["source_sure"] == pytest.approx(0.5, abs=1e-6)
    claim = _claim(doc)
    speakers.choose(doc, claim, [], {"none": -20.0, "noun=governor": 10.0})
    assert claim["source_sure"] > 0.999
