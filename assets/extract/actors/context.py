"""Country from context: the title, possessive, adjective or phrase beside a name says it.

"US Secretary of State …", "Yemen's President …", "Chidi Okafor, a Nigerian lawyer", "… of the
Russian Foreign Ministry", "the Russian Foreign Ministry": the country is written next to the
name, so it is taken from there (`country_source` = context) before any lookup in the Factbook.
Countries and demonyms come from the gazetteer (countryinfo, country_converter, the Factbook's
nationalities), never from a list here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..gazetteer import gazetteer

# Prepositions whose object is where a person serves or goes, not their country
# ('the US ambassador to Germany').
TARGET_PREPOSITIONS = frozenset({"to", "in", "at", "for", "on", "against", "with", "from", "by"})
# Prepositions whose object is the body or country a person belongs to ('… of the Foreign Ministry').
AFFILIATION_PREPOSITIONS = lexicons.words("affiliation_prepositions")
TITLE_HEADS = lexicons.words("title_heads")
PERSON_NOUNS = lexicons.words("person_nouns")
DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


def code_of(words: list[str]) -> str | None:
    """The one country a run of title words names ('US', 'Yemen', 'German'), else None.

    Longest phrase first ('New Mexico Governor' is a US state's, not Mexico's); a demonym,
    a country name, or a multi-word place.
    """
    gaz = gazetteer()
    found = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 3), i, -1):
            phrase = " ".join(words[i:j]).removesuffix("'s").removesuffix("’s")
            if not phrase[:1].isupper():
                continue
            code = gaz.demonym(phrase) or gaz.country(phrase, loose=False)
            if code and phrase.isupper() and len(phrase) <= 3 and gaz.countries[code].population < 10_000_000:
                code = None  # 'IM' the chess title, not the Isle of Man: only large countries' short codes
            if code is None and j - i > 1:
                code = gaz.place(phrase)
            if code:
                found.append(code)
                i = j - 1
                break
        i += 1
    return found[0] if len(set(found)) == 1 else None


def country_before(span: Span, titles_only: bool = False) -> str | None:
    """A country among the words right before a name: "US Secretary of State X", "Yemen's X".

    Walks left over title-case words, title words and possessives; a country after 'to' or
    'in' is where the person serves ('ambassador to Germany') and is skipped. With
    `titles_only`, only a demonym, country or possessive right before counts (organizations:
    'the Russian Foreign Ministry').
    """
    doc = span.doc
    words: list[str] = []
    i = span.start - 1
    while i >= 0 and span.start - i <= 8:
        t = doc[i]
        if t.is_space or t.lower_ in DETERMINERS or (t.is_punct and t.tag_ != "POS") or t.is_sent_end:
            break
        if t.tag_ == "POS":
            i -= 1
            continue
        if t.lower_ in TARGET_PREPOSITIONS:
            if titles_only:
                break
            words = []  # 'to Germany': where they serve
        elif titles_only:
            if not (gazetteer().demonym(t.text) or gazetteer().country(t.text, loose=False)):
                break
            words.insert(0, t.text)
        elif t.is_title or t.is_upper or t.lower_ in TITLE_HEADS or t.lower_ == "of" or _title_word(t):
            words.insert(0, t.text)
        else:
            break
        i -= 1
    return code_of(words) if words else None


def _title_word(t: Token) -> bool:
    return t.pos_ in {"ADJ", "NOUN"} and t.head.i > t.i and t.lower_.isalpha() and t.dep_ in {"amod", "compound"}


def apposition_country(span: Span) -> str | None:
    """'Chidi Okafor, a Nigerian lawyer', "Linda Harrow, Canada's envoy": the adjective or possessive
    of the noun in apposition names the country."""
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        heads.append(root.head)
    for head in heads:
        if head.pos_ not in {"NOUN", "PROPN"}:
            continue
        words = [c.text for c in head.children if c.dep_ in {"amod", "compound", "poss", "nmod"} and c.i < head.i]
        code = code_of(words)
        if code:
            return code
    return None


def affiliation_tokens(span: Span) -> list[Token]:
    """The objects of '… of the Russian Foreign Ministry', "…, a spokesman for the UN": what the
    person belongs to, from the name itself or the noun in apposition."""
    root = span.root
    heads = [root] + [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        heads.append(root.head)
    out = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in AFFILIATION_PREPOSITIONS and prep.i >= span.end:
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def affiliation_countries(doc: Doc, mentions: list[dict]) -> None:
    """Give people without a country the country of the body or country they are 'of'.

    'Ilya Petrov of the Russian Foreign Ministry' → RUS when that ministry's mention has one;
    "Tomas Brink, a spokesman for Saudi Aramco" → SAU. Every mention of the person then shares it.
    """
    coded = [m for m in mentions if m["type"] in {"country", "organization", "media_outlet"} and m["country_code"]]
    if not coded:
        return
    found: dict[str, str] = {}
    for m in mentions:
        if m["type"] != "person" or m["country_code"] or m["key"] in found:
            continue
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is None:
            continue
        for obj in affiliation_tokens(span):
            hit = next((c for c in coded if c["start"] <= obj.idx < c["end"]), None)
            if hit is not None:
                found[m["key"]] = hit["country_code"]
                break
    for m in mentions:
        if m["type"] == "person" and m["key"] in found and not m["country_code"]:
            m["country_code"], m["country_source"] = found[m["key"]], "context"
