"""Why a gold attribution was missed, as `newsclaims eval polnear` counts the misses."""

import pytest

from pipelines.evaluate.polnear import Attribution, miss_kind


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


def test_with_no_claim_at_all_the_miss_is_no_claim():
    assert miss_kind([], GOLD) == "no claim"
