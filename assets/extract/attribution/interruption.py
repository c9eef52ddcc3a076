"""The attribution that interrupts a claim's content: “We will win,” he said. “Nobody can stop us.”

A content is stored as one span (`text[content_start:content_end]`), so a quotation broken by its
own cue and source holds them: ',” he said. “'. That stretch is not what was said — PolNeAR's
annotators leave it out, a reader skips it — and a date or a name in it ("he said in August",
"said Lindqvist") tells when and by whom, not what. The gap is kept beside the span, so the
content's own words are the span without it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token


def in_gap(offset: int, claim: dict) -> bool:
    """Whether a character offset lies in the attribution that interrupts a claim's content."""
    gap = claim.get("content_gap_start"), claim.get("content_gap_end")
    return gap[0] is not None and gap[0] <= offset < gap[1]


def content_gap(doc: Doc, claim: dict, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The character range inside the claim's content that is its own attribution, or None.

    Between two quotations, the gap runs from the end of the one before the cue to the start of
    the one after it (", said Lindqvist, speaking of the debate. "); without quotations around
    the cue, it is the cue's phrase with the source ("…, the mayor said on Monday, …"), or where
    that phrase holds the content, the cue and the source with what lies between them. A
    quoted cue is part of what is said, and a cue at either edge interrupts nothing.
    """
    c0, c1, k0, k1 = claim["content_start"], claim["content_end"], claim["cue_start"], claim["cue_end"]
    if not (c0 < k0 and k1 < c1):
        return None
    around = [(q0, q1) for q0, q1 in quotes if q0 <= c1 and c0 <= q1]
    if any(q0 <= k0 < q1 for q0, q1 in around):
        return None
    before = [q1 for q0, q1 in around if q1 <= k0]
    after = [q0 for q0, q1 in around if q0 >= k1]
    if before and after:
        return max(before), min(after)
    s0, s1 = claim.get("source_start"), claim.get("source_end")
    cue = doc[claim["cue_token"]]
    words = aside(cue)
    for lo, hi in ((words[0].idx, words[-1].idx + len(words[-1])), (k0, k1)):
        if s0 is not None and c0 < s0 and s1 < c1:
            lo, hi = min(lo, s0), max(hi, s1)
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is not None and c0 < span.start_char and span.end_char < c1:
            return span.start_char, span.end_char
    return None


def aside(cue: Token) -> list[Token]:
    """A parenthetical cue's own words, up to the comma that closes them: what the parser hangs
    on the cue after that comma ("…, Okafor said, [by a tax on tourists]") is the content's."""
    close = next((c.i for c in cue.rights if c.text == "," and c.dep_ == "punct"), None)
    return [t for t in cue.subtree if close is None or t.i <= close]
