"""Quotation spans in raw text, including quotes that run over several paragraphs."""

from __future__ import annotations

import re

OPENING = {"“", '"'}
CLOSING = {"”", '"'}
# Typewriter pairs of apostrophes, as some archives write quotation marks: ''Hopefully,'' he said.
_DOUBLED = re.compile(r"''(?:(?!'')[^\n])+''")
_MIN_WORDS = 3
_MARK_OR_BREAK = re.compile(r'[“”"]|\n\s*')


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Find the quotations in raw text, which the parse alone cannot bound.

    (start, end) of each quotation's inside, without the quote marks; quotations of three words
    or more, and shorter ones that a comma leaves open ("“They sue,” he said. “…”"): a word or
    two in quote marks is otherwise a title or a scare quote.
    """
    spans = _marked_quotes(text)
    for m in _DOUBLED.finditer(text):
        if not any(s - 2 <= m.start() < e + 2 for s, e in spans):
            spans.append((m.start() + 2, m.end() - 2))
    return sorted(s for s in spans if _speech(text[s[0] : s[1]]))


def _speech(quoted: str) -> bool:
    return len(quoted.split()) >= _MIN_WORDS or quoted.rstrip().endswith(",")


def _marked_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations between double quote marks, curly or straight, in one scan.

    Writers and archives mix the marks (“…" closes as well as “…”). A quotation still open at
    the end of a paragraph goes on only when the next paragraph reopens it, the newspaper
    convention for a quotation that continues; otherwise the opening mark was a stray one.
    """
    spans: list[tuple[int, int]] = []
    start = None  # offset after the opening mark of the quotation being read
    reopened = -1  # offset of a mark that reopens the quotation in a new paragraph
    for m in _MARK_OR_BREAK.finditer(text):
        i, mark = m.start(), m.group()
        if i == reopened:
            continue
        if mark[0] == "\n":
            if start is not None:
                if m.end() < len(text) and text[m.end()] in OPENING:
                    reopened = m.end()
                else:
                    start = None
        elif start is None and mark in OPENING:
            start = i + 1
        elif start is not None and mark in CLOSING:
            spans.append((start, i))
            start = None
    return spans
