"""What the content extent models see of a token, on a hand-parsed doc (no spaCy model)."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.boundaries import boundary_features


def _doc() -> Doc:
    words = ["She", "said", "the", "plan", "works", "in", "theory", "."]
    return Doc(
        English().vocab,
        words=words,
        spaces=[True, True, True, True, True, True, False, False],
        heads=[1, 1, 3, 4, 1, 4, 5, 1],
        deps=["nsubj", "ROOT", "det", "nsubj", "ccomp", "prep", "pobj", "punct"],
        pos=["PRON", "VERB", "DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
        sent_starts=[True] + [False] * 7,
    )


def _claim(doc: Doc) -> dict:
    content = doc[2:7]  # "the plan works in theory", as the clause pattern takes it
    return {
        "cue_token": 1,
        "cue_start": doc[1].idx,
        "cue_end": doc[1].idx + 4,
        "content_start": content.start_char,
        "content_end": content.end_char,
        "pattern": "clause",
    }


def test_last_token_features_place_it_against_the_cue_and_the_patterns_span():
    doc = _doc()
    ends = boundary_features(doc, _claim(doc), "end")
    # "theory" ends the pattern's span and the clause's subtree; "in" stands one token before.
    assert {"rule=0", "pattern|rule=clause|0", "rel=+6", "content_head_edge", "pos=NOUN"} <= set(ends[6])
    assert {"rule=-1", "rel=+4", "word=in"} <= set(ends[5])
    assert "content_head_edge" not in ends[5]
    assert 1 not in ends  # the cue itself is never an edge


def test_first_token_features_place_it_against_the_cue_and_the_patterns_span():
    doc = _doc()
    starts = boundary_features(doc, _claim(doc), "start")
    assert {"rule=0", "rel=+1", "next_to_cue", "content_head_edge", "word=the"} <= set(starts[2])
    assert {"rule=-2", "rel=-1", "next_to_cue", "cue_child_edge=nsubj"} <= set(starts[0])  # "She"
