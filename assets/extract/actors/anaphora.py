"""Anaphora: "the Alliance" after NATO and "the newspaper" after an outlet are mentions of it."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicons
from ..knowledge import directory
from ..spans import doc_text, sentence_index

# Nouns that refer back to an outlet the curated table does not list ("the newspaper").
OUTLET_NOUNS = lexicons.words("outlet_anaphors")


def find_anaphora(doc: Doc, mentions: list[dict]) -> list[dict]:
    """Point 'the Alliance', 'the bloc' or 'the newspaper' at the actor it refers back to.

    A definite noun phrase whose head is a noun that refers back to the nearest earlier actor it
    fits becomes a mention of that actor: 'the Alliance' after NATO, 'the bloc' after the EU,
    'the newspaper' after an outlet. Entities the model found ('Alliance') are re-pointed in
    place; bare noun phrases are returned as new mentions with the label ANAPHOR.
    """
    d = directory()
    by_start = {m["start"]: m for m in mentions}
    covered = {i for m in mentions for i in range(m["start"], m["end"])}
    added = []
    history: list[dict] = []  # earlier mentions of organizations and outlets, in text order
    ordered = sorted(mentions, key=lambda m: m["start"])
    pointer = 0
    for token in doc:
        while pointer < len(ordered) and ordered[pointer]["end"] <= token.idx:
            m = ordered[pointer]
            if m["type"] in {"organization", "media_outlet"} and m["label"] != "ANAPHOR":
                history.append(m)
            pointer += 1
        noun = _anaphor_noun(token)
        if noun is None:
            continue
        start = token.idx if noun != "news agency" else doc[token.i - 1].idx
        existing = by_start.get(start)
        if existing is None and any(i in covered for i in range(start, token.idx + len(token))):
            continue
        if existing is not None and d.lookup(existing["text"]) is not None:
            continue  # a name in its own right ("the Commonwealth"), not an anaphor
        target = _antecedent(history, noun)
        if target is None:
            continue
        fields = {k: target.get(k) for k in ("type", "name", "country_code", "country_source", "key")}
        if existing is not None:
            existing.update(fields)
        else:
            added.append(
                {
                    "text": doc_text(doc)[start : token.idx + len(token)],
                    "start": start,
                    "end": token.idx + len(token),
                    "sentence": sentence_index(doc, token.i),
                    "label": "ANAPHOR",
                    **fields,
                }
            )
    return added


def _anaphor_noun(token: Token) -> str | None:
    """The referring noun when `token` heads 'the <noun>' (or 'the news agency')."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} and nxt.tag_ != "POS":
        return None  # 'the paper mill'
    lower = token.lower_
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if lower == "agency" and prev is not None and prev.lower_ == "news":
        prev = token.doc[token.i - 2] if token.i > 1 else None
        lower = "news agency"
    if prev is None or prev.lower_ != "the":
        return None
    if lower not in _referring_nouns():
        return None
    return lower


@lru_cache(maxsize=1)
def _referring_nouns() -> frozenset[str]:
    """Nouns that can refer back to an actor: the outlet anaphors and the curated tables' nouns."""
    nouns = set(OUTLET_NOUNS)
    for e in directory().entries:
        nouns.update(e.nouns)
    return frozenset(nouns)


def _antecedent(history: list[dict], noun: str) -> dict | None:
    d = directory()
    for m in reversed(history[-30:]):
        entry = d.lookup(m["name"])
        if entry is not None:
            if noun in entry.nouns:
                return m
        elif m["type"] == "media_outlet" and noun in OUTLET_NOUNS:
            return m
    return None
