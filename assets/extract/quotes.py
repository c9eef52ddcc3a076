"""Quotation spans in raw text, including quotes that run over several paragraphs."""

from __future__ import annotations

import re

# Curly quotes may span paragraphs (see `_closing`); straight quotes stay within one paragraph.
_STRAIGHT = re.compile(r'"[^"\n]+"')
# Typewriter pairs of apostrophes, as some archives write quotation marks: ''Hopefully,'' he said.
_DOUBLED = re.compile(r"''(?:(?!'')[^\n])+''")
_MIN_WORDS = 3


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inside, without the quote marks."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"“", text):
        start = m.start()
        if spans and start < spans[-1][1]:
            continue
        end = _closing(text, start)
        if end is not None:
            spans.append((start + 1, end))
    for m in _STRAIGHT.finditer(text):
        if not any(s - 1 <= m.start() < e + 1 for s, e in spans):
            spans.append((m.start() + 1, m.end() - 1))
    for m in _DOUBLED.finditer(text):
        if not any(s - 2 <= m.start() < e + 2 for s, e in spans):
            spans.append((m.start() + 2, m.end() - 2))
    return sorted(s for s in spans if len(text[s[0] : s[1]].split()) >= _MIN_WORDS)


def _closing(text: str, start: int) -> int | None:
    """Offset of the ” that closes the quote opened at `start`.

    A paragraph break inside a quote is allowed only when the next paragraph reopens it with “,
    the newspaper convention for a quotation that continues.
    """
    i = start + 1
    while True:
        close = text.find("”", i)
        brk = text.find("\n", i)
        if close == -1:
            return None
        if brk == -1 or close < brk:
            return close
        nxt = brk
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt < len(text) and text[nxt] == "“":
            i = nxt + 1
            continue
        return None
