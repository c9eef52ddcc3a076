"""The word-piece tagger's probabilities as features of the attribution models, on a
hand-made doc and hand-set probabilities (no spaCy model, no torch)."""

import numpy as np
from spacy.tokens import Doc

from assets.extract.attribution.boundaries import token_features
from assets.extract.attribution.features import cue_features, tagger_features
from assets.extract.attribution.tagger_probs import around_p, set_probabilities, span_p
from tests.conftest import hand_parsed

ROWS = """
Holt + 1 nsubj PROPN Holt
said + 1 ROOT VERB say
taxes + 4 nsubj NOUN tax
would + 4 aux AUX would
fall _ 1 ccomp VERB fall
. _ 1 punct PUNCT .
"""


def _doc(with_probabilities: bool = True) -> Doc:
    doc = hand_parsed(ROWS, "pos", "lemmas")
    if with_probabilities:
        # One word piece a word but "taxes" (tax + ##es); columns: none, source, cue, content.
        offsets = np.array([[0, 4], [5, 9], [10, 13], [13, 15], [16, 21], [22, 26], [26, 27]], dtype=np.int32)
        probs = np.array(
            [
                [0.1, 0.9, 0.0, 0.0],
                [0.05, 0.0, 0.95, 0.0],
                [0.2, 0.0, 0.0, 0.8],
                [0.0, 0.0, 0.0, 1.0],
                [0.1, 0.0, 0.0, 0.9],
                [0.3, 0.0, 0.0, 0.7],
                [0.9, 0.0, 0.0, 0.1],
            ],
            dtype=np.float32,
        )
        set_probabilities(doc, offsets, probs)
    return doc


def test_a_span_takes_the_mean_over_the_word_pieces_it_covers():
    doc = _doc()
    assert span_p(doc, 10, 15, "content") == np.float32(0.9)  # "taxes": (0.8 + 1.0) / 2
    assert round(span_p(doc, 0, 4, "source"), 3) == 0.9
    assert span_p(doc, 5, 5, "cue") is None  # an empty span
    before, after = around_p(doc, 10, 26, "content")  # "taxes would fall"
    assert (round(before, 3), round(after, 3)) == (0.0, 0.1)  # "Holt said" before, "." after


def test_features_carry_the_probabilities_only_where_the_tagger_ran():
    doc, bare = _doc(), _doc(with_probabilities=False)
    assert "t_cue=9" in cue_features(doc[1])
    assert not any(f.startswith("t_") for f in cue_features(bare[1]))
    assert {"t_in=4", "t_out=0", "t_in|out=4|0"} <= set(token_features(doc, 2, "start"))  # "taxes" after "said"
    assert not any(f.startswith("t_") for f in token_features(bare, 2, "start"))
    claim = {"cue_start": 5, "cue_end": 9, "content_start": 10, "content_end": 26, "source_start": 0, "source_end": 4}
    features = tagger_features(doc, claim)
    assert round(features["t_cue"], 3) == 0.95 and features["t_cue=4"] == 1.0
    assert round(features["t_source"], 3) == 0.9 and round(features["t_after"], 3) == 0.1
    assert tagger_features(bare, claim) == {}
