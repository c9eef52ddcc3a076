"""People: titles split from names, a country from the title, and one person per surname.

"President Volodymyr Zelensky" → Volodymyr Zelensky, title President; a country from a title
tied to one ("Ukrainian President …", "…, Ukraine's president") or else from the Factbook's
office holders; surname-only mentions merged with the one full name in the article that they
can stand for.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import lexicons
from ..gazetteer import gazetteer, name_key
from ..knowledge import directory, fold, namesake, office_holder, person_country
from .context import apposition_country, country_before
from .keys import actor_key, surname

# Titles before a name, as a regular expression: one or more, after 'former', 'late', ….
TITLE_WORDS = "|".join(t.replace(".", r"\.") for t in lexicons.entries("person_titles"))
TITLE_QUALIFIERS = lexicons.entries("title_qualifiers")
TITLES = re.compile(rf"^(?:(?:{'|'.join(TITLE_QUALIFIERS)})\s+)?(?:(?:{TITLE_WORDS})\s+)+")
# The words of the titles, lower-cased ('foreign', 'minister', 'sen'): no place on their own.
COMMON_TITLE_WORDS = frozenset(
    {w.lower() for t in lexicons.entries("person_titles") for w in re.split(r"[\s.]+", t) if w}
    | {q.lower() for q in TITLE_QUALIFIERS}
)
# Nouns heading a phrase that describes a person ('the Ukrainian president').
TITLE_HEADS = lexicons.words("title_heads")


def resolve_people(mentions: list[dict]) -> None:
    """Merge the mentions of one person within an article.

    A surname alone ('Zelensky', 'President Zelenskyy') stands for the one full name with that
    surname, or, when several people share it, for the first one introduced; without a full
    name, for the Factbook's office holder the title names or its one namesake from a country
    the article mentions. Every mention of a person shares the country code its best-evidenced
    mention has. Two full names are never merged.
    """
    countries = {m["country_code"] for m in mentions if m["type"] == "country" and m["country_code"]}
    people = [m for m in mentions if m["type"] == "person"]
    full: dict[str, dict[str, dict]] = {}  # folded surname → key → first mention
    for m in people:
        parts = m["name"].split()
        if len(parts) >= 2:
            full.setdefault(fold(surname(parts)), {}).setdefault(m["key"], m)
    # The model sometimes labels a lone surname ORG or GPE ('Lebed said …' after 'Alexander
    # Lebed'): a one-word organization or place that is the surname of a person named in the
    # article (or of the Factbook's one namesake from a country the article mentions) is that
    # person, unless the gazetteer or the curated tables know the name.
    for m in mentions:
        if (
            m["type"] in {"organization", "location"}
            and m["label"] in {"ORG", "GPE", "LOC", "FAC"}
            and " " not in m["text"]
            and (fold(m["text"]) in full or namesake(m["text"], countries))
            and directory().lookup(m["text"]) is None
            and gazetteer().country(m["text"], loose=False) is None
            and gazetteer().place(m["text"]) is None
        ):
            m.update(
                type="person",
                name=m["text"],
                country_code=None,
                country_source=None,
                title=None,
                key=actor_key("person", m["text"], None),
            )
            people.append(m)
    _one_sense_per_article(mentions)
    people = [m for m in mentions if m["type"] == "person"]
    for m in people:
        parts = m["name"].split()
        if len(parts) == 1:
            options = full.get(fold(parts[0]), {})
            earlier = [o for o in options.values() if o["start"] < m["start"]]
            if len(options) == 1:
                target = next(iter(options.values()))
                m["name"], m["key"] = target["name"], target["key"]
            elif earlier:
                # 'Joe Biden … Hunter Biden … Biden said': news style gives the bare surname
                # to the first person introduced and names the others in full.
                target = min(earlier, key=lambda o: o["start"])
                m["name"], m["key"] = target["name"], target["key"]
            elif not options and (holder := office_holder(parts[0], m.get("title")) or namesake(parts[0], countries)):
                # 'President Trump', or 'Trump' in an article about the US, never named in full.
                m["name"], m["key"] = holder, actor_key("person", holder, None)
                if not m["country_code"]:
                    m["country_code"] = person_country(holder.split()[:-1], parts[0])
                    m["country_source"] = "factbook" if m["country_code"] else None
    gaz = gazetteer()
    for m in people:
        # 'Melbourne' labelled PERSON, in an article naming no one of that surname: the city.
        if m["label"] == "PERSON" and " " not in m["name"] and name_key(m["text"]) in gaz.big_places:
            code = gaz.place(m["text"])
            m.update(type="location", name=m["text"], country_code=code, country_source="gazetteer", title=None)
            m["key"] = actor_key("location", m["text"], None)
    people = [m for m in people if m["type"] == "person"]
    codes: dict[str, tuple[int, str, str | None]] = {}
    for m in people:
        if m["country_code"]:
            rank = 0 if m.get("_evidence") else 1
            if m["key"] not in codes or rank < codes[m["key"]][0]:
                codes[m["key"]] = (rank, m["country_code"], m.get("country_source"))
    for m in people:
        if m["key"] in codes:
            m["country_code"], m["country_source"] = codes[m["key"]][1:]
        m.pop("_evidence", None)


def _one_sense_per_article(mentions: list[dict]) -> None:
    """Give a name one type throughout an article.

    The same name typed person here and organization there ('Red Hat') takes the type most of
    its mentions have. Places are left alone: a capital's government/place reading depends on
    each sentence, and a town's name in a results table is its team.
    """
    groups: dict[str, list[dict]] = {}
    for m in mentions:
        if m["type"] in {"person", "organization", "media_outlet"} and m["label"] != "ANAPHOR":
            groups.setdefault(m["text"], []).append(m)
    for group in groups.values():
        kinds = [m["type"] for m in group]
        if len(set(kinds)) < 2:
            continue
        best = max(set(kinds), key=lambda k: (kinds.count(k), -kinds.index(k)))
        model = next(m for m in group if m["type"] == best)
        for m in group:
            if m["type"] != best:
                m.update({k: model.get(k) for k in ("type", "name", "country_code", "country_source", "key")})
                if best == "person":
                    m["title"] = model.get("title")


def split_title(text: str) -> tuple[str, str | None]:
    """Separate a title from the name it stands before ('President Volodymyr Zelensky').

    (name, title); the title is None when the text opens with none.
    """
    m = TITLES.match(text)
    if not m:
        # 'Qatari Emir Tamim bin Hamad', "Yemen's President …": a country before the title.
        first, _, rest = text.partition(" ")
        gaz = gazetteer()
        if rest and (gaz.demonym(first) or gaz.country(first, loose=False)) and (m := TITLES.match(rest)):
            return rest[m.end() :].strip(), f"{first} {m.group(0).strip()}"
        return text, None
    return text[m.end() :].strip(), m.group(0).strip()


def clean_person_name(name: str) -> str:
    """Strip a possessive, edge punctuation and runs of spaces from a person's name."""
    name = re.sub(r"[’']s$", "", name).strip(" ,.")
    return re.sub(r"\s+", " ", name)


def title_and_country(span: Span, name: str, title: str | None) -> tuple[str | None, str | None, bool]:
    """Find a person's title and the country it ties them to.

    (ISO3, title, evidenced): from a title tied to a country in the text ('Ukrainian President
    …', "…, Ukraine's president"), evidenced; else from the Factbook's office holders.
    """
    gaz = gazetteer()
    doc = span.doc
    root = span.root
    title_tokens: list[Token] = []
    # Left of the name inside its noun phrase: 'former US President', "Ukraine's President".
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.is_space or t.lower_ in {"the", "a", "an", "this", "that"} or (t.is_punct and t.tag_ != "POS"):
            break
        if t.tag_ != "POS" and not (i < t.head.i < span.end):
            break
        title_tokens.insert(0, t)
        i -= 1
    # Appositions: 'Zelensky, the Ukrainian president' or "Ukraine's president, Volodymyr Zelensky".
    phrases = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        phrases.append(root.head)
    for head in phrases:
        if head.lemma_.lower() in TITLE_HEADS:
            title_tokens.extend(
                t
                for t in head.subtree
                if not (span.start <= t.i < span.end)
                and not any(
                    a.dep_ in {"relcl", "acl"} for a in (t, *t.ancestors) if a.i != head.i and head in a.ancestors
                )
            )
    written = " ".join(t.text for t in title_tokens if t.tag_ != "POS" and not t.is_punct).strip() or None
    title = title or written
    words = [t.text for t in title_tokens if t.tag_ != "POS"] + (title.split() if title else [])
    if any(w.lower() in TITLE_HEADS for w in words):
        # Longest phrase first: 'New Mexico Governor' is a US state's, not Mexico's.
        for i in range(len(words)):
            for j in range(min(len(words), i + 3), i, -1):
                phrase = " ".join(words[i:j]).removesuffix("'s").removesuffix("’s")
                if not phrase[:1].isupper() or phrase.lower() in TITLE_HEADS:
                    continue
                code = gaz.demonym(phrase) or gaz.country(phrase, loose=False)
                if code is None and (j - i > 1 or phrase.lower() not in COMMON_TITLE_WORDS):
                    code = gaz.place(phrase) if len(phrase) > 3 else None
                if code:
                    return code, title, True
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"} and any(ent.start <= t.i < ent.end for t in title_tokens):
                code = gaz.demonym(ent.text) or gaz.country(ent.text, loose=False) or gaz.capital(ent.text)
                if code:
                    return code, title, True
    code = country_before(span) or apposition_country(span)
    if code:
        return code, title or written, True
    parts = name.split()
    if len(parts) >= 2:
        return person_country(parts[:-1], surname(parts)), title, False
    return None, title, False
