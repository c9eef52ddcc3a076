"""Actor types: what a name stands for (country, location, group, person, organization, outlet).

The model calls Kyiv a person and Vilnius an organization; here the gazetteer and the curated
tables decide: "Britain" → a country, "Ukrainians" → a group with UKR, "German officials" →
DEU, "threats from Moscow" → the Russian government while "the summit in Vilnius" and a
dateline stay places; international organizations and outlets from the curated tables,
parties from the CIA World Factbook.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .. import lexicons
from ..gazetteer import gazetteer, name_key
from ..knowledge import directory, factbook, given_name_lexicon
from ..spans import doc_text, line_before, sentence_index
from .boundaries import mostly_latin, trim
from .context import country_before
from .keys import actor_key
from .people import clean_person_name, split_title, title_and_country

# Names that mark a media outlet the curated table does not list; the model only says ORG.
OUTLET_PATTERN = re.compile(rf"\b({'|'.join(lexicons.entries('outlet_name_words'))})\b")
# Prepositions after which a capital is a place ("summit in Vilnius"), not a government.
LOCATIVE_PREPOSITIONS = lexicons.words("locative_prepositions")
# Names the model labels ORG or PERSON that are no party: diseases, time zones.
NON_ACTORS = re.compile(rf"^(?:{'|'.join(lexicons.entries('non_actor_names'))})$")
# The United Kingdom's constituent countries: places in GBR, not the sovereign state.
CONSTITUENTS: dict[str, str] = lexicons.table("constituent_countries")["countries"]
DATE_LIKE = re.compile(
    r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(/\d{2,4})?|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\(Reuters\)|\(AP\)|\(AFP\))",
    re.I,
)
ORG_WORDS = lexicons.words("organization_name_words")


def describe_span(ent: Span, label: str) -> dict | None:
    """Type a name and key it, so each mention says which party it stands for.

    None when the span names no party: a disease or a time zone, a script the English model
    cannot read, an adjective such as 'Western'.
    """
    gaz = gazetteer()
    span = trim(ent)
    if span is None:
        return None
    text = span.text
    if NON_ACTORS.match(text) or not mostly_latin(text):
        return None  # a disease or a time zone; or a script the English model cannot read
    if _is_slug(span) and not (gaz.country(text, loose=False) or gaz.capital(text) or gaz.place(text)):
        return None  # 'SOCCER - ', 'ATHLETICS - ': a wire story's topic word, no party
    if label == "TEAM":
        return {**_mention(span, "ORG", "organization", text, None), "_team": True}
    actor_type, name, code, title, evidenced = None, text, None, None, False
    source = "gazetteer"  # where the code comes from: factbook, context, gazetteer or curated
    entry = directory().lookup(text) if label != "NORP" else None
    if entry is not None and label == "PERSON" and len(text) < 5:
        entry = None  # 'Sun' the surname, not The Sun
    bare = name_key(text)

    if entry is not None:
        actor_type, name, code, source = entry.actor_type, entry.name, entry.country, "curated"
        if actor_type == "country" and code in gaz.countries:
            name = gaz.countries[code].name
    elif label == "NORP":
        demonym = gaz.demonym(text) or gaz.country(text, loose=False)
        plural = span[-1].tag_ in {"NNPS", "NNS"} or (span[-1].text.endswith("s") and not span[-1].text.endswith("ss"))
        if demonym and plural and name_key(text) not in gaz.names:  # "Ukrainians": the people
            actor_type, code = "group", demonym
        elif demonym:  # "German officials": the adjective mentions the country
            actor_type, code, name = "country", demonym, gaz.countries[demonym].name
        elif plural and span[-1].pos_ in {"PROPN", "NOUN"} and text[:1].isupper():
            actor_type = "group"  # "Republicans", "Muslims": a group tied to no country
        else:
            return None  # "Western", "Islamic": no party to tie the mention to
    elif bare in CONSTITUENTS:
        actor_type, code = "location", CONSTITUENTS[bare]
    elif iso3 := gaz.country(text, loose=False):
        actor_type, code, name = "country", iso3, gaz.countries[iso3].name
        if _is_dateline(span):
            actor_type, name = "location", text
    elif capital := gaz.capital(text):
        code = capital
        if _is_locative(span) or _is_dateline(span):
            actor_type = "location"
        else:  # "Kyiv's requirements", "threats from Moscow": the capital stands for its government
            actor_type, name = "country", gaz.countries[capital].name
    elif label in {"GPE", "LOC", "FAC"} and (place := gaz.place(text)):
        actor_type, code = "location", place
    elif label in {"GPE", "LOC"} and (iso3 := gaz.country(text, loose=True)):
        if gaz.is_whole_country_name(text):
            actor_type, code, name = "country", iso3, gaz.countries[iso3].name
        else:  # 'South Australia', 'Northern Syria', 'the Persian Gulf': a place, in it or not
            actor_type, code = "location", gaz.region(text)
    elif label in {"PERSON", "ORG"} and (place := _place_not_party(span, label)):
        # 'Ras Tanura' labelled PERSON, 'in Abqaiq' or 'the Abqaiq facility' labelled ORG: a town.
        actor_type, code = "location", place
    elif label == "PERSON":
        actor_type = "person"
        name, title = split_title(text)
        name = clean_person_name(name)
        if not name:
            return None
        code, title, evidenced = title_and_country(span, name, title)
        source = "context" if evidenced else "factbook"
    elif label == "ORG" and _looks_like_person(span):
        actor_type = "person"  # 'Naomi Martisius said': the model's ORG on a person's name
        name = clean_person_name(text)
        code, title, evidenced = title_and_country(span, name, None)
        source = "context" if evidenced else "factbook"
    elif label == "ORG":
        party = _party(text)
        if OUTLET_PATTERN.search(text):
            actor_type = "media_outlet"
        else:
            actor_type = "organization"
        code = party or _country_in(span) or country_before(span, titles_only=True)
        source = "factbook" if party else "context"
    else:
        actor_type = "location"
        code, source = _country_in(span), "context"
    mention = _mention(span, label, actor_type, name, code)
    mention["country_source"] = source if code else None
    if actor_type == "person":
        mention["title"] = title
        if code and evidenced:
            mention["_evidence"] = True
    return mention


def _mention(span: Span, label: str, actor_type: str, name: str, code: str | None) -> dict:
    return {
        "text": span.text,
        "start": span.start_char,
        "end": span.end_char,
        "sentence": sentence_index(span.doc, span.start),
        "label": label,
        "type": actor_type,
        "name": name,
        "country_code": code,
        "country_source": None,
        "key": actor_key(actor_type, name, code),
    }


def _place_not_party(span: Span, label: str) -> str | None:
    """The country of a GeoNames place the model took for a person or an organization, else None.

    A person only when the name has two words or more, none a given name ('Ras Tanura'), or
    follows a locative preposition; an organization only after a locative preposition or
    before the noun it names a site for ('the Abqaiq facility').
    """
    place = gazetteer().place(span.text)
    if place is None or directory().lookup(span.text) is not None:
        return None
    words = [t for t in span if not t.is_space]
    if _is_locative(span):
        return place
    if label == "PERSON":
        known = given_name_lexicon()
        return place if len(words) >= 2 and not any(t.lower_ in known for t in words) else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    site = after is not None and after.pos_ == "NOUN" and span.root.dep_ == "compound" and span.root.head == after
    return place if site and not any(t.lower_ in ORG_WORDS for t in words) else None


def _is_locative(span: Span) -> bool:
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS


def _is_dateline(span: Span) -> bool:
    """'KYIV, June 15 (Reuters) -', 'LONDON 1996-08-30': a place opening a line, before a date."""
    doc = span.doc
    before = line_before(doc, span.start_char)
    if before.strip() and not re.fullmatch(r"[A-Z][A-Za-z .'-]*,\s*", before):
        return False
    i = span.end
    while i < len(doc) and (
        doc[i].text in {",", "-", "—", "–"} or doc[i].is_space or doc[i].ent_type_ in {"GPE", "LOC"} or doc[i].is_upper
    ):
        if DATE_LIKE.match(doc[i].text) and not doc[i].is_punct:
            return True
        i += 1
    return i < len(doc) and bool(DATE_LIKE.match(doc[i].text))


def _is_slug(span: Span) -> bool:
    """'SOCCER - LEADING SCORES': capitals opening a line, right before a dash."""
    doc = span.doc
    if not span.text.isupper() or line_before(doc, span.start_char).strip():
        return False
    return span.end < len(doc) and doc[span.end].text in {"-", "--", "–", "—"}


DATELINE_REST = re.compile(
    r"\s*(?:,\s*[A-Z][A-Za-z.' -]{1,30}?\s*)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}\b|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)"
)


def dateline_places(doc) -> list[Span]:
    """The place opening a dateline ('BONN 1996-08-30', 'TAVILDARA , Tajikistan 1996-08-30').

    Capitals at the start of a line, before a date (or a comma, a name and a date); the model
    often leaves a town it does not know unlabelled there.
    """
    out = []
    text = doc_text(doc)
    for t in doc:
        if not (t.i == 0 or "\n" in doc[t.i - 1].text or "\n" in doc[t.i - 1].whitespace_):
            continue
        end = t.i
        while end < len(doc) and end - t.i < 5 and _caps_word(doc[end]):
            end += 1
            if "\n" in doc[end - 1].whitespace_:
                break
            if end + 1 < len(doc) and doc[end].text == "." and _caps_word(doc[end + 1]):
                end += 1  # 'ST. LOUIS'
        if end > t.i and DATELINE_REST.match(text, doc[end - 1].idx + len(doc[end - 1].text)):
            out.append(doc[t.i : end])
    return out


def _caps_word(t) -> bool:
    return t.is_upper and len(t.text) > 1 and (t.is_alpha or t.text.rstrip(".").replace("'", "").isalpha())


def _looks_like_person(span: Span) -> bool:
    """Catch the people the model labels ORG ('Naomi Martisius said').

    A two- or three-word title-case name opening with a known given name, and no word of an
    organization's name ('Victoria University').
    """
    words = [t for t in span if not t.is_space]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
        return False
    if any(t.lower_ in ORG_WORDS for t in words) or directory().lookup(span.text) or _party(span.text):
        return False
    return words[0].lower_ in given_name_lexicon()


def _party(text: str) -> str | None:
    parties = factbook().parties
    key = re.sub(r"^the\s+", "", text.strip(), flags=re.I).lower()
    return parties.get(key) if len(key) > 3 else None


def _country_in(span: Span) -> str | None:
    """'Russian Defence Ministry' → RUS, 'Times of Malta' → MLT: a country named inside."""
    gaz = gazetteer()
    found = set()
    for t in span:
        if t.is_title or t.is_upper:
            code = gaz.demonym(t.text) or gaz.country(t.text, loose=False)
            if code:
                found.add(code)
    return found.pop() if len(found) == 1 else None
