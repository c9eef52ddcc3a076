"""Small helpers over spaCy tokens and spans shared by the extraction components."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

QUOTE_CHARS = "\"“”‘’'«»„"
TRIM_CHARS = QUOTE_CHARS + " \t\r\n,.;:—–-"


def line_before(doc: Doc, start_char: int) -> str:
    """The part of its line before a character offset."""
    text = doc_text(doc)
    return text[text.rfind("\n", 0, start_char) + 1 : start_char]


def overlap_share(a0: int, a1: int, b0: int, b1: int) -> float:
    """Overlap of two character spans, as a share of the longer one."""
    inter = min(a1, b1) - max(a0, b0)
    return inter / max(a1 - a0, b1 - b0, 1) if inter > 0 else 0.0


def names_a_time(prep: Token) -> bool:
    """Whether a prepositional phrase says when ("on Monday", "in 2019"), not what or who."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def paragraph_range(doc: Doc, token_index: int) -> range:
    """The token indices of the paragraph holding a token, between the tokens that hold a line
    break; the breaks are found once per doc."""
    breaks = doc.user_data.get("newsclaims_breaks")
    if breaks is None:
        breaks = [t.i for t in doc if "\n" in t.text]
        doc.user_data["newsclaims_breaks"] = breaks
    before, after = bisect_left(breaks, token_index), bisect_right(breaks, token_index)
    return range(breaks[before - 1] + 1 if before else 0, breaks[after] if after < len(breaks) else len(doc))


def sentence_index(doc: Doc, token_index: int) -> int:
    """Sentence number of a token, from 0; the sentence starts are computed once per doc."""
    starts = doc.user_data.get("newsclaims_sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["newsclaims_sent_starts"] = starts
    return bisect_right(starts, token_index) - 1


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once: spaCy joins every token's text anew on each access.

    Kept in `doc.user_data` (merging tokens leaves the text as it is); the last component that
    reads it drops it (`forget_text`), so docs do not carry it further.
    """
    text = doc.user_data.get("newsclaims_text")
    if text is None:
        text = doc.user_data["newsclaims_text"] = doc.text
    return text


def forget_text(doc: Doc) -> None:
    """Drop the text `doc_text` kept."""
    doc.user_data.pop("newsclaims_text", None)


def trimmed_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of text[start:end] without surrounding quotes, spaces and punctuation."""
    text = doc_text(doc)
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def token_span_chars(tokens: list[Token]) -> tuple[int, int]:
    """Turn a run of tokens into the character offsets the tables store."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree_tokens(token: Token, exclude: set[int] | None = None) -> list[Token]:
    """The token's subtree in order, leaving out the subtrees rooted at `exclude`."""
    exclude = exclude or set()
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        if t.i in exclude and t.i != token.i:
            continue
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def contiguous(tokens: list[Token]) -> list[Token]:
    """The run of `tokens` that contains the first one without gaps (a subtree minus a cut-out)."""
    if not tokens:
        return tokens
    run = [tokens[0]]
    for t in tokens[1:]:
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    return run


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    """The span over the characters start:end, widened to whole tokens (None when there is none)."""
    return doc.char_span(start, end, alignment_mode="expand")
