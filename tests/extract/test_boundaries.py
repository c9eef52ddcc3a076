"""What the content extent models see of a token, on a hand-parsed doc (no spaCy model)."""

from types import SimpleNamespace

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.boundaries import BoundaryScorer, boundary_features, refine
from assets.extract.attribution.component import redraw_contents


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


def _claim(doc: Doc, content_end: int = 7) -> dict:
    """The claim of “said”: the clause pattern takes the tokens from “the” to `content_end` (exclusive)."""
    content = doc[2:content_end]
    return {
        "cue_token": 1,
        "cue_start": doc[1].idx,
        "cue_end": doc[1].idx + 4,
        "content_start": content.start_char,
        "content_end": content.end_char,
        "source_start": None,
        "source_end": None,
        "pattern": "clause",
        "claim_type": "indirect",
        "parent": None,
        "confidence": 0.9,
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


def _long_doc() -> Doc:
    """A doc of “She said the plan works in theory, but not in practice.”"""
    words = ["She", "said", "the", "plan", "works", "in", "theory", ",", "but", "not", "in", "practice", "."]
    return Doc(
        English().vocab,
        words=words,
        spaces=[True, True, True, True, True, True, False, True, True, True, True, False, False],
        heads=[1, 1, 3, 4, 1, 4, 5, 4, 4, 10, 4, 10, 1],
        deps=["nsubj", "ROOT", "det", "nsubj", "ccomp", "prep", "pobj", "punct", "cc", "neg", "prep", "pobj", "punct"],
        pos=["PRON", "VERB", "DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT", "CCONJ", "PART", "ADP", "NOUN", "PUNCT"],
        sent_starts=[True] + [False] * 12,
    )


# Extent models that want the content to start next to the cue and to end before a comma, or
# else before the full stop.
STOP_AT_COMMA = SimpleNamespace(
    content_start=SimpleNamespace(weights={"next_to_cue": 5.0}),
    content_end=SimpleNamespace(weights={"nb=,": 5.0, "nb=.": 1.0}),
)


def test_an_extent_keeps_near_the_patterns_span_unless_let_go_further():
    doc = _long_doc()
    scorer = BoundaryScorer(doc, STOP_AT_COMMA.content_start, STOP_AT_COMMA.content_end)
    near, free = _claim(doc, 12), _claim(doc, 12)  # the whole clause
    refine(doc, near, scorer)  # "the plan works in theory" keeps half the pattern's span: too little
    refine(doc, free, scorer, min_overlap=0.2)
    assert doc.text[near["content_start"] : near["content_end"]] == "the plan works in theory, but not in practice"
    assert doc.text[free["content_start"] : free["content_end"]] == "the plan works in theory"


def test_a_kept_claims_content_is_drawn_again_more_freely():
    doc = _long_doc()
    claim = _claim(doc, 12)
    redraw_contents(doc, [claim], [], STOP_AT_COMMA)
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the plan works in theory"
    assert (claim["parent"], claim["confidence"]) == (None, 0.9)
