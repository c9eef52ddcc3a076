"""Names of things, not parties: games, software, technologies and titles the model calls ORG.

"Minetest is an open-source game", "a new operating system, Rocky Linux", "Stream as a rolling
release", "DRM (digital rights management)", "the Divisional Railway Manager (DRM)": the article
says what the name stands for, and it is no party that can speak or be spoken about as one.
Every mention of such a name in the article is dropped. The nouns that mark a work are kept as data (`work_nouns.txt`); names of
the curated tables are never dropped ('Twitter, a social media platform').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .. import lexicons
from ..knowledge import directory

WORK_NOUNS = lexicons.words("work_nouns")
ORG_WORDS = lexicons.words("organization_name_words")
SMALL_WORDS = lexicons.words("name_small_words")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
_DROPPABLE = {"organization", "person", "location", "media_outlet"}


def drop_works(doc: Doc, mentions: list[dict]) -> list[dict]:
    """The mentions without those of names the article describes as a work or a concept."""
    names = work_names(doc)
    if not names:
        return mentions
    return [
        m
        for m in mentions
        if not (m["type"] in _DROPPABLE and m["text"] in names and directory().lookup(m["text"]) is None)
    ]


def work_names(doc: Doc) -> set[str]:
    """Names the article itself calls a game, a system, a technology; acronyms of concepts and titles."""
    out: set[str] = set()
    for t in doc:
        if t.pos_ == "PROPN":
            noun = _described_as(t)
            if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in WORK_NOUNS:
                out.update({_name_of(t), t.text})  # 'CentOS Stream', and 'Stream' as the model may cut it
        if _ACRONYM.match(t.text) and _concept_acronym(t):
            out.add(t.text)
    return {n for n in out if n}


def _described_as(t: Token) -> Token | None:
    """The noun a name is said to be: 'X is a game', 'a system, X', 'X as a rolling release'."""
    head = t.head
    if t.dep_ == "nsubj" and head.lemma_ == "be":
        return next((c for c in head.children if c.dep_ == "attr"), None)
    if t.dep_ == "appos":
        return head
    prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _name_of(token: Token) -> str:
    """The proper name a token heads: its compound words before it and itself."""
    start = token.i
    while start > 0 and (prev := token.doc[start - 1]).dep_ == "compound" and prev.pos_ == "PROPN":
        start -= 1
    return token.doc[start : token.i + 1].text


def _concept_acronym(t: Token) -> bool:
    """'DRM (digital rights management' or 'the Divisional Railway Manager (DRM)': no party's acronym.

    An acronym followed by a lower-case expansion in brackets, or defined in brackets after
    words whose initials it is, the last of which names no organization.
    """
    doc = t.doc
    if t.i + 2 < len(doc) and doc[t.i + 1].text == "(" and doc[t.i + 2].is_lower and doc[t.i + 2].is_alpha:
        return True
    if t.i < 2 or doc[t.i - 1].text != "(" or t.i + 1 >= len(doc) or doc[t.i + 1].text != ")":
        return False
    words: list[Token] = []
    i = t.i - 2
    while i >= 0 and len(words) < len(t.text) + 3 and (doc[i].is_title or doc[i].lower_ in SMALL_WORDS):
        if doc[i].is_title:
            words.insert(0, doc[i])
        i -= 1
    words = words[-len(t.text) :]
    if "".join(w.text[0] for w in words) != t.text:
        return False
    return not any(w.ent_type_ in {"ORG", "GPE", "NORP", "FAC"} for w in words) and words[-1].lower_ not in ORG_WORDS
