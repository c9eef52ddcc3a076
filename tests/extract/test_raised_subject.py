"""The subject a cue with no source leaves in its content, on hand-parsed docs (no spaCy model)."""

from assets.extract.attribution.raised_subject import take_subject
from tests.conftest import hand_parsed

EXPECTED = """
The + 1 det DET the
bridge + 3 nsubjpass NOUN bridge
is + 3 auxpass AUX be
expected + 3 ROOT VERB expect
to + 5 aux PART to
open _ 3 xcomp VERB open
. _ 3 punct PUNCT .
"""
# The parser hung "called" (after the cue) on the subject: its subtree runs past the cue.
RUN_ON = """
The + 1 det DET the
program + 3 nsubjpass NOUN program
is + 3 auxpass AUX be
labelled + 3 ROOT VERB label
as + 3 prep ADP as
a + 6 det DET a
file + 4 pobj NOUN file
called _ 1 acl VERB call
. _ 3 punct PUNCT .
"""


def _claim(doc, content: tuple[int, int], pattern: str) -> dict:
    return {
        "cue_token": 3,
        "cue_start": doc[2].idx,
        "cue_end": doc[3].idx + len(doc[3]),
        "content_start": doc[content[0]].idx,
        "content_end": doc[content[1]].idx + len(doc[content[1]]),
        "source_start": None,
        "pattern": pattern,
    }


def test_the_subject_opens_the_content_and_the_cue_is_its_gap():
    doc = hand_parsed(EXPECTED, "pos", "lemmas")
    claim = _claim(doc, (4, 5), "infinitive")
    take_subject(doc, claim)
    assert doc.text[claim["content_start"] : claim["content_end"]] == "The bridge is expected to open"
    assert doc.text[claim["content_gap_start"] : claim["content_gap_end"]] == " is expected "


def test_a_subject_that_runs_past_its_cue_is_left_out():
    doc = hand_parsed(RUN_ON, "pos", "lemmas")
    claim = _claim(doc, (5, 6), "nominal")
    take_subject(doc, claim)
    assert doc.text[claim["content_start"] : claim["content_end"]] == "a file"
    assert "content_gap_start" not in claim


def test_a_claim_with_a_source_keeps_its_content():
    doc = hand_parsed(EXPECTED, "pos", "lemmas")
    claim = _claim(doc, (4, 5), "infinitive") | {"source_start": doc[1].idx}
    take_subject(doc, claim)
    assert doc.text[claim["content_start"] : claim["content_end"]] == "to open"
