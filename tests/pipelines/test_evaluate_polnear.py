"""Why a gold attribution was missed, as `newsclaims eval polnear` counts the misses."""

import pytest

from pipelines.evaluate.polnear import Attribution, attribution_of, miss_kind, no_claim_reason, trimmed
from tests.conftest import hand_parsed


def span(a: int, b: int) -> frozenset[int]:
    return frozenset(range(a, b))


# "The mayor said the bridge will reopen in May." — source 0-9, cue 10-14, content 15-45.
GOLD = Attribution(source=span(0, 9), cue=span(10, 14), content=span(15, 45))


@pytest.mark.parametrize(
    "claim, kind",
    [
        (Attribution(source=span(50, 55), cue=span(10, 14), content=span(15, 45)), "source"),
        (Attribution(cue=span(10, 14), content=span(15, 45)), "source"),
        (Attribution(source=span(0, 9), cue=span(10, 14), content=span(15, 25)), "content narrow"),
        (Attribution(source=span(0, 9), cue=span(10, 14), content=span(15, 80)), "content wide"),
        (Attribution(source=span(0, 9), cue=span(10, 14), content=span(60, 80)), "content elsewhere"),
        (Attribution(source=span(0, 9), cue=span(60, 64), content=span(65, 80)), "no claim"),
    ],
)
def test_a_miss_is_told_by_what_the_nearest_claim_got_wrong(claim, kind):
    assert miss_kind([claim], GOLD) == kind


def test_spans_are_trimmed_of_any_whitespace_quotes_and_punctuation():
    text = "“Okafor\xa0”, said"
    assert trimmed(text, 0, 10) == set(range(1, 7))  # the no-break space is whitespace too


def test_with_no_claim_at_all_the_miss_is_no_claim():
    assert miss_kind([], GOLD) == "no claim"


def test_a_claims_content_is_scored_without_the_attribution_inside_it():
    """As PolNeAR's annotators leave the interrupting attribution out of the content's fragments."""
    text = "“The bridge will reopen,” the mayor said. “It is safe.”"
    claim = {
        "cue_start": 36,
        "cue_end": 40,
        "source_start": 26,
        "source_end": 35,
        "content_start": 1,
        "content_end": 54,
    }
    whole = attribution_of(text, claim).content
    assert "".join(text[i] for i in sorted(whole)) == "The bridge will reopen,” the mayor said. “It is safe"
    claim |= {"content_gap_start": 24, "content_gap_end": 43}
    assert text[24:43] == "” the mayor said. “"
    pieces = attribution_of(text, claim).content
    assert "".join(text[i] for i in sorted(pieces)) == "The bridge will reopenIt is safe"


@pytest.mark.parametrize(
    "text, content, marked",
    [
        ("Okafor said that the bridge will reopen.", "the bridge will reopen", "that the bridge will reopen"),
        ("She said that “the fund is safe.”", "the fund is safe", "that “the fund is safe"),
        ("She asked whether the fund is safe.", "whether the fund is safe", "whether the fund is safe"),
        ("Okafor said the bridge will reopen.", "the bridge will reopen", "the bridge will reopen"),
    ],
)
def test_the_opening_that_is_scored_apart_as_polnear_keeps_it(text, content, marked):
    start = text.index(content)
    claim = {"cue_start": text.index("s"), "cue_end": text.index("s") + 4, "content_start": start}
    claim["content_end"] = start + len(content)
    assert attribution_of(text, claim).text["content"] == content
    assert attribution_of(text, claim, keep_marker=True).text["content"] == marked


MAYOR = """
The + 1 det DET the
mayor + 2 nsubj NOUN mayor
said + 2 ROOT VERB say
the + 4 det DET the
bridge + 6 nsubj NOUN bridge
will + 6 aux AUX will
reopen + 2 ccomp VERB reopen
in + 6 prep ADP in
May _ 7 pobj PROPN May
. _ 2 punct PUNCT .
"""
SAID = Attribution(source=span(0, 9), cue=span(10, 14), content=span(15, 44))


def _proposal(content_start: int, parent: int | None = None) -> dict:
    """A claim on "said", sourced to "The mayor", its content from `content_start` to the end."""
    return {
        "cue_start": 10,
        "cue_end": 14,
        "content_start": content_start,
        "content_end": 44,
        "source_start": 0,
        "source_end": 9,
        "parent": parent,
    }


class _CueModel:
    def __init__(self, cue: bool) -> None:
        self.cue = cue

    def is_cue(self, token) -> bool:
        return self.cue


@pytest.mark.parametrize(
    "gold, proposals, cue, reason",
    [
        (SAID, [_proposal(15)], True, "dropped, right"),
        (SAID, [_proposal(38)], True, "dropped"),
        (SAID, [_proposal(15, parent=0)], True, "nested"),
        (SAID, [], True, "verb over"),
        (SAID, [], False, "verb under"),
        (Attribution(cue=span(26, 30), content=span(31, 44)), [], True, "auxiliary"),
        (Attribution(cue=span(4, 9), content=span(15, 44)), [], True, "noun"),
        (Attribution(content=span(15, 44)), [], True, "no cue"),
    ],
)
def test_a_miss_with_no_claim_is_told_by_what_was_proposed_and_what_heads_its_cue(gold, proposals, cue, reason):
    doc = hand_parsed(MAYOR, "pos", "lemmas")
    scored = [(p, attribution_of(doc.text, p)) for p in proposals]
    assert no_claim_reason(doc, gold, scored, _CueModel(cue)) == reason
