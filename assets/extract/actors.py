"""spaCy component: named entities → actor mentions with corrected types and country codes.

The small English model calls Kyiv a person and Vilnius an organization; this layer re-types
entities with the gazetteer (countries, capitals, demonyms) and recognises media outlets, so
every mention carries the canonical key the corpus-wide `actors` table is built from.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import guarded
from .gazetteer import gazetteer, normalise
from .spans import sentence_index

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Names that mark a media outlet; the model only says ORG.
OUTLET_PATTERN = re.compile(
    r"\b(Times|Post|Journal|News|Herald|Guardian|Telegraph|Gazette|Tribune|Daily|Magazine|"
    r"Press|Reuters|Bloomberg|BBC|CNN|NBC|CBS|ABC|Fox|AFP|AP|TASS|RIA|Interfax|Politico|Axios|"
    r"Economist|Spiegel|Monde|Jazeera|NPR|Independent|Observer|Chronicle|Wire|Agency|Radio|"
    r"TV|Television|Broadcasting|Xinhua|Kyodo|Yonhap|Ukrinform|Newsweek|Vox|HuffPost|Breitbart)\b"
)
# Prepositions after which a capital is a place ("summit in Vilnius"), not a government.
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "around", "into", "across", "throughout", "to", "via"}
TITLES = re.compile(
    r"^(?:(?:President|Prime Minister|Minister|Chancellor|Secretary|Senator|Sen\.|Rep\.|"
    r"Representative|Governor|Gov\.|Mayor|King|Queen|Prince|Princess|Pope|General|Gen\.|"
    r"Dr\.|Mr\.|Mrs\.|Ms\.|Sir|Lord|Lady|Judge|Justice|Speaker|Chairman|Chief|Foreign Minister|"
    r"Defence Minister|Defense Secretary|Secretary of State|Vice President)\s+)+"
)


@Language.factory("newsclaims_actors")
def make_actor_tagger(nlp: Language, name: str) -> ActorTagger:
    return ActorTagger()


class ActorTagger:
    """Sets `doc._.actor_mentions`: dicts with offsets, type, country code and canonical key."""

    @guarded("actor_mentions")
    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        people: dict[str, str] = {}  # surname → full name seen earlier in the article
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            mention = describe_entity(ent, people)
            if mention is not None:
                mentions.append(mention)
        doc._.actor_mentions = mentions
        return doc


def describe_entity(ent: Span, people: dict[str, str]) -> dict | None:
    gaz = gazetteer()
    span = _trim(ent)
    if span is None:
        return None
    text = span.text
    label = ent.label_
    actor_type, name, code = None, text, None

    demonym = (gaz.demonym(text) or gaz.country(text)) if label == "NORP" else None
    iso3 = gaz.country(text, loose=label in {"GPE", "LOC"}) if label != "NORP" else None
    capital = gaz.capital(text) if iso3 is None and label != "NORP" else None
    if iso3:
        actor_type, code, name = "country", iso3, gaz.countries[iso3].name
    elif capital:
        code = capital
        if _is_locative(span):
            actor_type = "location"
        else:  # "Kyiv's requirements", "threats from Moscow": the capital stands for its government
            actor_type, name = "country", gaz.countries[capital].name
    elif label == "NORP":
        if not demonym:
            return None  # "Western", "Democrat": no country to tie the mention to
        if span[-1].tag_ in {"NNPS", "NNS"}:  # "Ukrainians": the people, a group
            actor_type, code = "group", demonym
        else:  # "German officials": the adjective mentions the country
            actor_type, code, name = "country", demonym, gaz.countries[demonym].name
    elif label == "PERSON":
        actor_type = "person"
        name = TITLES.sub("", text).strip()
        parts = name.split()
        if len(parts) >= 2:
            people[parts[-1]] = name
        elif name in people:
            name = people[name]
    elif label == "ORG":
        actor_type = "media_outlet" if OUTLET_PATTERN.search(text) else "organization"
    else:
        actor_type = "location"
    return {
        "text": text,
        "start": span.start_char,
        "end": span.end_char,
        "sentence": sentence_index(span.doc, span.start),
        "label": label,
        "type": actor_type,
        "name": name,
        "country_code": code,
        "key": actor_key(actor_type, name, code),
    }


def actor_key(actor_type: str, name: str, code: str | None) -> str:
    """The canonical key an actor's id is derived from: stable for the same party."""
    if actor_type == "country":
        return f"country:{code}"
    return f"{actor_type}:{normalise(name)}" + (f":{code}" if actor_type == "group" and code else "")


def _trim(ent: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive so the span names only the actor."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = doc[start:end]
    return span if span.text.strip() else None


def _is_locative(span: Span) -> bool:
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS
