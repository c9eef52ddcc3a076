"""Quotation spans in raw text, including quotes that run over several paragraphs."""

from __future__ import annotations

import re

OPENING = {"“", '"'}
CLOSING = {"”", '"'}
# Typewriter pairs of apostrophes, as some archives write quotation marks: ''Hopefully,'' he said.
_DOUBLED = re.compile(r"''(?:(?!'')[^\n])+''")
_MIN_WORDS = 3


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inside, without the quote marks."""
    spans = _marked_quotes(text)
    for m in _DOUBLED.finditer(text):
        if not any(s - 2 <= m.start() < e + 2 for s, e in spans):
            spans.append((m.start() + 2, m.end() - 2))
    return sorted(s for s in spans if len(text[s[0] : s[1]].split()) >= _MIN_WORDS)


def _marked_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations between double quote marks, curly or straight, in one scan.

    Writers and archives mix the marks (“…" closes as well as “…”). A quotation still open at
    the end of a paragraph goes on only when the next paragraph reopens it, the newspaper
    convention for a quotation that continues; otherwise the opening mark was a stray one.
    """
    spans: list[tuple[int, int]] = []
    start = None  # offset after the opening mark of the quotation being read
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n" and start is not None:
            nxt = i
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if nxt < len(text) and text[nxt] in OPENING:
                i = nxt + 1  # the reopening mark belongs to the same quotation
                continue
            start = None
        elif start is None and ch in OPENING:
            start = i + 1
        elif start is not None and ch in CLOSING:
            spans.append((start, i))
            start = None
        i += 1
    return spans
