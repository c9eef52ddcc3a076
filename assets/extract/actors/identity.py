"""Within-article identity: a later acronym or short form is the party named in full before it.

"The Kurdistan Workers' Party (PKK) … the PKK said": the acronym defined in brackets, or made of
the initials of an earlier name ("ANC" after "African National Congress"), is a mention of that
party. A first word alone is not: "Gazprom" after "Gazprom Neft" is another company, so a
one-word name the model took for a person, which opens an organization's name in the article
("Emirates" after "Emirates Airline"), is typed as an organization of its own.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import lexicons
from ..gazetteer import gazetteer
from ..knowledge import directory
from ..spans import doc_text, sentence_index
from .keys import actor_key

SMALL_WORDS = lexicons.words("name_small_words")
ORG_WORDS = lexicons.words("organization_name_words")
NAMED = {"organization", "media_outlet", "group"}
SHARED_FIELDS = ("type", "name", "country_code", "country_source", "key")
_DEFINED = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")


def join_short_forms(doc: Doc, mentions: list[dict]) -> None:
    """Point acronyms at the full name they abbreviate in the article, in place.

    An acronym written in brackets after a name ('… Party (PKK)') or made of the initials of
    the capitalised words of one earlier name (the only one) becomes a mention of that name;
    the curated tables' own acronyms (NATO, UN) already are.
    """
    full = [m for m in mentions if m["type"] in NAMED and " " in m["name"] and m["label"] != "ANAPHOR"]
    if not full:
        return
    defined: dict[str, dict] = {}
    for m in full:
        found = _DEFINED.match(doc_text(doc), m["end"])
        if found:
            defined.setdefault(found.group(1), m)
    for m in mentions:
        text = m["text"]
        if m["label"] == "ANAPHOR" or not _ACRONYM.match(text) or directory().lookup(text) is not None:
            continue
        if m["type"] == "country" or gazetteer().country(text, loose=False):
            continue
        target = defined.get(text) or defined.get(text.rstrip("s"))
        if target is None:
            earlier = {o["key"]: o for o in full if o["start"] < m["start"] and _initials(o["name"]) == text}
            target = next(iter(earlier.values())) if len(earlier) == 1 else None
        if target is not None and target is not m:
            m.update({k: target.get(k) for k in SHARED_FIELDS})
            m.pop("title", None)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in SMALL_WORDS and w[0].isupper()]
    return "".join(w[0] for w in words)


def first_words_of_organizations(mentions: list[dict]) -> None:
    """Type as an organization a one-word 'person' that opens an organization's name in the article.

    'Emirates Airline … Emirates said': the model's PERSON on the first word is the company's
    short name; it keeps a key of its own, as 'Gazprom' is not 'Gazprom Neft'.
    """
    firsts = {
        m["name"].split()[0]: m
        for m in mentions
        if m["type"] in {"organization", "media_outlet"} and " " in m["name"] and m["label"] != "ANAPHOR"
    }
    surnames = {m["name"].split()[-1] for m in mentions if m["type"] == "person" and " " in m["name"]}
    for m in mentions:
        if m["type"] == "person" and " " not in m["name"] and m["name"] in firsts and m["name"] not in surnames:
            org = firsts[m["name"]]
            m.update(
                type=org["type"],
                name=m["name"],
                country_code=org["country_code"],
                country_source=org.get("country_source"),
                key=actor_key(org["type"], m["name"], org["country_code"]),
            )
            m.pop("title", None)


# Mentions whose type the model's label decided and another mention of the name may correct.
_REVISABLE = {"organization", "location", "person"}
_COURTESY = re.compile(r"^(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor)\s+(?=[A-Z])")


def one_type_per_name(mentions: list[dict]) -> None:
    """Give every mention of a name in an article the type its best-attested mention shows, in place.

    'Dr Valeria Gazzola … Valeria Gazzola said', where the model labels the name ORG: a courtesy
    title makes the name a person's, and so are the name's other mentions. A one-word 'person'
    that a results line or fixture of the article names as a team, and no one's surname, is that
    team. Curated names, countries and anaphora keep their own type.
    """
    people: dict[str, dict] = {}
    teams: dict[str, dict] = {}
    for m in mentions:
        if m["label"] == "ANAPHOR":
            continue
        if m["type"] == "organization" and _COURTESY.match(m["text"]) and " " in m["text"].strip():
            name = _COURTESY.sub("", m["text"]).strip()
            m.update(
                type="person", name=name, country_code=None, country_source=None, key=actor_key("person", name, None)
            )
        if m["type"] == "person" and " " in m["name"]:
            people.setdefault(m["name"], m)
        elif m.get("_team"):
            teams.setdefault(m["text"], m)
    if not people and not teams:
        return
    surnames = {name.split()[-1] for name in people}
    for m in mentions:
        if m["label"] == "ANAPHOR" or m["type"] not in _REVISABLE or directory().lookup(m["text"]):
            continue
        target = people.get(m["name"]) if m["type"] != "person" else None
        if m["type"] == "person" and " " not in m["name"] and m["name"] not in surnames:
            target = teams.get(m["text"])  # 'Kent' the model took for a surname, in a report on Kent's match
        if target is not None:
            m.update({k: target.get(k) for k in SHARED_FIELDS})
            if target["type"] == "person":
                m["title"] = target.get("title")
            else:
                m.pop("title", None)


def headline_names(mentions: list[dict], caps: set[int]) -> list[dict]:
    """Read a name in an all-caps headline as the article's body reads it, in place.

    'MILAN 'S LENTINI MOVES TO ATALANTA': capitals say nothing there, so a headline name that
    the body writes in mixed case takes the body's type and key; one the body never names, and
    that neither the gazetteer nor the curated tables know, is dropped ('MAJOR LEAGUE RESULTS').
    `caps`: the start offsets of the mentions on all-caps lines.
    """
    if not caps:
        return mentions
    body = {m["text"].lower(): m for m in mentions if m["start"] not in caps and m["label"] != "ANAPHOR"}
    out = []
    for m in mentions:
        if (
            m["start"] in caps
            and m["type"] in _REVISABLE
            and m["text"].isupper()
            and len(m["text"]) > 4
            and not m.get("_team")
        ):
            known = body.get(m["text"].lower())
            if known is not None:
                m.update({k: known.get(k) for k in SHARED_FIELDS})
            elif m.get("country_source") is None and directory().lookup(m["text"]) is None:
                continue
        out.append(m)
    return out


def headline_repeats(doc: Doc, mentions: list[dict], caps_lines: list[tuple[int, int]]) -> list[dict]:
    """Mentions for the body's names where an all-caps headline repeats them unlabelled.

    'SOCCER - MILAN 'S LENTINI MOVES TO ATALANTA … Lentini joined Atalanta': the headline's
    'ATALANTA' is the body's Atalanta. `caps_lines`: (start, end) offsets of the all-caps lines.
    """
    if not caps_lines:
        return []
    covered = {i for m in mentions for i in range(m["start"], m["end"])}
    names = {}
    for m in mentions:
        if m["label"] != "ANAPHOR" and m["type"] in _REVISABLE and len(m["text"]) > 3 and not m["text"].isupper():
            names.setdefault(m["text"].upper(), m)
    if not names:
        return []
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    added = []
    for lo, hi in caps_lines:
        for found in pattern.finditer(doc_text(doc), lo, hi):
            start, end = found.span()
            if any(i in covered for i in range(start, end)):
                continue
            source = names[found.group(1)]
            covered.update(range(start, end))
            added.append(
                {
                    "text": found.group(1),
                    "start": start,
                    "end": end,
                    "sentence": sentence_index(doc, doc.char_span(start, end, alignment_mode="expand").start),
                    "label": source["label"],
                    **{k: source.get(k) for k in SHARED_FIELDS},
                }
            )
    return added


def acronym_repeats(doc: Doc, mentions: list[dict]) -> list[dict]:
    """Mentions for an acronym defined in brackets after a name, wherever the model left it unlabelled.

    'the Kurdistan Democratic Party ( KDP ) … KDP fighters': every 'KDP' is that party. Only for
    names with a word of an organization's (party, committee, union): the acronym of a product
    ('Red Hat Enterprise Linux (RHEL)') is left to the model.
    """
    defined: dict[str, dict] = {}
    for m in mentions:
        if m["type"] in NAMED and " " in m["name"] and m["label"] != "ANAPHOR":
            found = _DEFINED.match(doc_text(doc), m["end"])
            words = {w.lower() for w in m["name"].split()}
            if found and _ACRONYM.match(found.group(1)) and words & ORG_WORDS:
                defined.setdefault(found.group(1), m)
    if not defined:
        return []
    covered = {i for m in mentions for i in range(m["start"], m["end"])}
    added = []
    for t in doc:
        target = defined.get(t.text)
        if target is None or t.idx in covered or directory().lookup(t.text) is not None:
            continue
        added.append(
            {
                "text": t.text,
                "start": t.idx,
                "end": t.idx + len(t.text),
                "sentence": sentence_index(doc, t.i),
                "label": target["label"],
                **{k: target.get(k) for k in SHARED_FIELDS},
            }
        )
    return added
