"""spaCy component: named entities → actor mentions with corrected types and country codes.

The small English model calls Kyiv a person and Vilnius an organization, joins names across
line breaks and misses names in all-caps headlines and datelines; this layer re-types what
the model found and adds what it missed, with data rather than word lists:

* countries, capitals, demonyms and cities from the gazetteer (`gazetteer.py`): "Britain" →
  GBR, "Ukrainians" → a group with UKR, "German officials" → DEU, "threats from Moscow" → the
  Russian government, while "the summit in Vilnius" and a dateline stay places;
* international organizations, seats of government and media outlets from the curated tables
  (`knowledge.py`), parties from the CIA World Factbook;
* people: titles split from names ("President Volodymyr Zelensky" → Volodymyr Zelensky,
  title President), a country from a title tied to one ("Ukrainian President …", "…, Ukraine's
  president") or else from the Factbook's office holders, surname-only mentions merged with
  the one full name in the article that they can stand for;
* anaphora: "the Alliance" after NATO and "the newspaper" after an outlet become mentions of
  that actor.

Every mention carries the canonical key the corpus-wide `actors` table is built from.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .extensions import guarded
from .gazetteer import gazetteer, name_key
from .knowledge import directory, factbook, fold, given_name_lexicon, namesake, office_holder, person_country
from .spans import sentence_index

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Names that mark a media outlet the curated table does not list; the model only says ORG.
OUTLET_PATTERN = re.compile(
    r"\b(Times|Post|Journal|News|Herald|Guardian|Telegraph|Gazette|Tribune|Daily|Magazine|"
    r"Press|Reuters|Bloomberg|BBC|CNN|NBC|CBS|ABC|Fox|AFP|AP|TASS|RIA|Interfax|Politico|Axios|"
    r"Economist|Spiegel|Monde|Jazeera|NPR|Independent|Observer|Chronicle|Wire|Agency|Radio|"
    r"TV|Television|Broadcasting|Xinhua|Kyodo|Yonhap|Ukrinform|Newsweek|Vox|HuffPost|Breitbart)\b"
)
# Nouns that refer back to an outlet the curated table does not list ("the newspaper").
OUTLET_NOUNS = {
    "newspaper",
    "paper",
    "daily",
    "outlet",
    "publication",
    "magazine",
    "broadcaster",
    "network",
    "channel",
    "tabloid",
    "weekly",
    "news agency",
}
# Prepositions after which a capital is a place ("summit in Vilnius"), not a government.
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "around", "into", "across", "throughout", "to", "via"}
# Names the model labels ORG or PERSON that are no party: diseases, time zones.
NON_ACTORS = re.compile(
    r"^(?:COVID(?:-19)?|Covid(?:-19)?|SARS(?:-CoV-2)?|MERS|Ebola|HIV|AIDS|H1N1|H5N1|Zika|"
    r"UTC|GMT|BST|CET|CEST|EST|EDT|PST|PDT|CST|CDT|MST|MDT|AEST|AEDT|IST|JST)$"
)
TITLE_WORDS = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defence Minister|"
    r"Defense Minister|Interior Minister|Finance Minister|Minister|Chancellor|Secretary of State|"
    r"Defense Secretary|Defence Secretary|Secretary|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|"
    r"Mayor|King|Queen|Prince|Princess|Pope|General|Gen\.|Colonel|Col\.|Dr\.|Dr|Mr\.|Mr|Mrs\.|Mrs|Ms\.|Ms|"
    r"Sir|Lord|Lady|Judge|Justice|Speaker|Chairman|Chairwoman|Chief|Premier|Ambassador|Commissioner|"
    r"Sheikh|Emir|Crown Prince|Supreme Leader|Patriarch|Archbishop|Bishop|Cardinal|Professor|Prof\."
)
TITLES = re.compile(rf"^(?:(?:former|Former|then|late)\s+)?(?:(?:{TITLE_WORDS})\s+)+")
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# The United Kingdom's constituent countries: places in GBR, not the sovereign state.
CONSTITUENTS = {"england": "GBR", "scotland": "GBR", "wales": "GBR", "northern ireland": "GBR"}
# Capitals that are also common words or names elsewhere ('Victoria', 'Kingston'): the model
# must find them itself.
AMBIGUOUS_CAPITALS = {
    "male",
    "victoria",
    "kingston",
    "hamilton",
    "georgetown",
    "san jose",
    "san josé",
    "valletta",
    "roseau",
    "castries",
    "saint john's",
    "st. john's",
}
SMALL_WORDS = {"and", "of", "the", "de", "da", "du", "del", "la", "le", "al", "el", "and the"}
DATE_LIKE = re.compile(
    r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(/\d{2,4})?|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\(Reuters\)|\(AP\)|\(AFP\))",
    re.I,
)


@Language.factory("newsclaims_actors")
def make_actor_tagger(nlp: Language, name: str) -> ActorTagger:
    return ActorTagger(nlp.tokenizer)


class ActorTagger:
    """Sets `doc._.actor_mentions`: dicts with offsets, type, country code and canonical key
    (text, start, end, sentence, label, type, name, country_code, key; persons also title)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self._matcher: PhraseMatcher | None = None

    @guarded("actor_mentions")
    def __call__(self, doc: Doc) -> Doc:
        candidates = [
            (span, ent.label_) for ent in doc.ents if ent.label_ in ENTITY_LABELS for span in split_entity(ent)
        ]
        people = [e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 and e[0].lower_ in given_name_lexicon()]
        # A golfer's line of scores ('Ian Woosnam 70 76 71 70 288') is no team's.
        teams = [t for t in results_table_teams(doc) if not any(p.start < t.end and t.start < p.end for p in people)]
        if teams:
            team_tokens = {t.i for span in teams for t in span}
            candidates = [(s, label) for s, label in candidates if not any(t.i in team_tokens for t in s)]
            candidates.extend((span, "TEAM") for span in teams)
        taken = {t.i for span, _ in candidates for t in span}
        for span, label in self._gazetteer_hits(doc):
            if not any(t.i in taken for t in span):
                candidates.append((span, label))
                taken.update(t.i for t in span)
        mentions = []
        for span, label in sorted(candidates, key=lambda c: c[0].start):
            mention = describe_span(span, label)
            if mention is not None:
                mentions.append(mention)
        resolve_people(mentions)
        mentions.extend(find_anaphora(doc, mentions))
        mentions.sort(key=lambda m: (m["start"], m["end"]))
        doc._.actor_mentions = mentions
        return doc

    def _gazetteer_hits(self, doc: Doc) -> list[tuple[Span, str]]:
        """Countries, capitals, organizations and outlets the model did not label, in title
        case, or in capitals on an all-caps line (headlines, datelines)."""
        if self._matcher is None:
            self._matcher = _build_matcher(doc.vocab, self.tokenizer)
        hits = []
        for match_id, start, end in self._matcher(doc):
            span = doc[start:end]
            label = doc.vocab.strings[match_id]
            words = [t for t in span if t.is_alpha and t.lower_ not in SMALL_WORDS]
            if not words:
                continue
            if all(t.is_upper for t in words) and len(span.text) > 4:
                if not _all_caps_line(span):
                    continue
            elif label == "ACRONYM":
                if span.text not in directory().by_alias or _all_caps_line(span):
                    continue  # 'WHO' in a headline is most often the pronoun
                label = "ORG"
            elif not all(t.is_title or t.is_upper for t in words):
                continue
            hits.append((span, "ORG" if label == "ACRONYM" else label))
        # Longest first, then leftmost, without overlaps.
        hits.sort(key=lambda h: (-(h[0].end - h[0].start), h[0].start))
        chosen, used = [], set()
        for span, label in hits:
            if not any(t.i in used for t in span):
                chosen.append((span, label))
                used.update(t.i for t in span)
        return chosen


def _build_matcher(vocab, tokenizer) -> PhraseMatcher:
    gaz = gazetteer()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    places = set(gaz.names)
    places.update(c for c, iso3 in gaz.capitals.items() if c not in AMBIGUOUS_CAPITALS and _populous(iso3))
    places = {p for p in places if len(p) >= 4 and not p.isdigit()}
    matcher.add("GPE", [tokenizer(p) for p in sorted(places)])
    orgs, acronyms = set(), set()
    for alias in directory().by_alias:
        (acronyms if alias.isupper() or len(alias) <= 4 else orgs).add(alias)
    matcher.add("ORG", [tokenizer(a.lower()) for a in sorted(orgs)])
    matcher.add("ACRONYM", [tokenizer(a.lower()) for a in sorted(acronyms) if len(a) >= 2])
    return matcher


def _populous(iso3: str) -> bool:
    """Capitals of countries over a million people: the smaller ones' names are too often
    ordinary words or places elsewhere to match without the model's say."""
    country = gazetteer().countries.get(iso3)
    return country is not None and country.population >= 1_000_000


def _all_caps_line(span: Span) -> bool:
    doc = span.doc
    text = doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def split_entity(ent: Span) -> list[Span]:
    """The model's entity cut at line breaks and at free-standing brackets and dashes: a name
    never runs over 'Ponting\\nMichael' or 'Sri Lanka - Arjuna Ranatunga'."""
    doc = ent.doc
    parts, start = [], ent.start
    for t in ent:
        breaks = "\n" in t.text or "\n" in t.whitespace_ or (t.is_space and t.i > ent.start)
        free_punct = t.text in {"(", ")", "-", "--", "–", "—", "/", ",", ":", ";", '"', "“", "”"} and (
            t.whitespace_ or (t.i > 0 and doc[t.i - 1].whitespace_)
        )
        if free_punct or t.is_space:
            if t.i > start:
                parts.append(doc[start : t.i])
            start = t.i + 1
        elif breaks:
            parts.append(doc[start : t.i + 1])
            start = t.i + 1
    if start < ent.end:
        parts.append(doc[start : ent.end])
    if _all_caps_line(ent):
        # In a headline the model runs names into verbs ('BOSTON AT OAKLAND', 'BEAT SAN MARINO IN'):
        # cut at function words and keep a country or capital inside when there is one.
        parts = [q for p in parts for q in _split_caps(p)]
    out = []
    for p in parts:
        s, e = p.start, p.end
        while s < e and (doc[s].is_punct or doc[s].is_space) and doc[s].text not in {"."}:
            s += 1
        while e > s and (
            (doc[e - 1].is_punct or doc[e - 1].is_space)
            and not doc[e - 1].text.endswith(".")
            or (ent.label_ in {"PERSON", "GPE", "LOC", "NORP"} and doc[e - 1].is_digit)
        ):
            e -= 1
        if e > s:
            out.append(doc[s:e])
    return out


def results_table_teams(doc: Doc) -> list[Span]:
    """Names in a sports results line ('Ayr 6 Berwick 0', 'Barnsley 3 3 0 0 8 2 9') stand for
    teams: a capitalised run right before a plain score, on a line mostly made of scores.
    Athletes' times, distances and bowling figures ('13:06.45', '8-0-39-3') are not scores."""
    out = []
    line: list[Token] = []

    def flush() -> None:
        words = [t for t in line if not t.is_space]
        scores = [t for t in words if t.text.isdigit() and len(t.text) <= 3]
        if len(scores) < 2 or len(scores) < 0.3 * len(words):
            return
        run: list[Token] = []
        for t in words:
            if t.text.isdigit() and len(t.text) <= 3:
                if run and not any(d.is_digit for d in run):
                    out.append(doc[run[0].i : run[-1].i + 1])
                run = []
            elif (t.is_alpha or t.text in {".", "'s", "'"}) and (
                t.is_title or t.is_upper or (run and t.lower_ in {"of", "de", "."})
            ):
                run.append(t)
            else:
                run = []

    for t in doc:
        if "\n" in t.text or "\n" in t.whitespace_:
            if not t.is_space:
                line.append(t)
            flush()
            line = []
        else:
            line.append(t)
    flush()
    gaz = gazetteer()
    return [s for s in out if not gaz.country(s.text, loose=False) and s.text.lower() not in SMALL_WORDS]


def _split_caps(span: Span) -> list[Span]:
    doc = span.doc
    pieces, start = [], span.start
    for t in span:
        if t.is_stop and t.lower_ not in {"of", "the", "and", "de", "la", "du", "del"}:
            if t.i > start:
                pieces.append(doc[start : t.i])
            start = t.i + 1
    if start < span.end:
        pieces.append(doc[start : span.end])
    gaz = gazetteer()
    out = []
    for piece in pieces:
        best = None
        for i in range(piece.start, piece.end):
            for j in range(piece.end, i, -1):
                sub = doc[i:j]
                if gaz.country(sub.text, loose=False) or gaz.capital(sub.text) or gaz.place(sub.text):
                    if best is None or len(sub) > len(best):
                        best = sub
                    break
        out.append(best if best is not None and len(best) < len(piece) and len(piece) > 2 else piece)
    return out


def describe_span(ent: Span, label: str) -> dict | None:
    gaz = gazetteer()
    span = _trim(ent)
    if span is None:
        return None
    text = span.text
    if NON_ACTORS.match(text) or not _mostly_latin(text):
        return None  # a disease or a time zone; or a script the English model cannot read
    if label == "TEAM":
        return _mention(span, "ORG", "organization", text, None)
    actor_type, name, code, title, evidenced = None, text, None, None, False
    entry = directory().lookup(text) if label != "NORP" else None
    if entry is not None and label == "PERSON" and len(text) < 5:
        entry = None  # 'Sun' the surname, not The Sun
    bare = name_key(text)

    if entry is not None:
        actor_type, name, code = entry.actor_type, entry.name, entry.country
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
    elif label == "PERSON":
        actor_type = "person"
        name, title = _split_title(text)
        name = _clean_person_name(name)
        if not name:
            return None
        code, title, evidenced = _person_country(span, name, title)
    elif label == "ORG" and _looks_like_person(span):
        actor_type = "person"  # 'Naomi Martisius said': the model's ORG on a person's name
        name = _clean_person_name(text)
        code, title, evidenced = _person_country(span, name, None)
    elif label == "ORG":
        party = _party(text)
        if OUTLET_PATTERN.search(text):
            actor_type = "media_outlet"
        else:
            actor_type = "organization"
        code = party or _country_in(span)
    else:
        actor_type = "location"
        code = _country_in(span)
    mention = _mention(span, label, actor_type, name, code)
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
        "key": actor_key(actor_type, name, code),
    }


def actor_key(actor_type: str, name: str, code: str | None) -> str:
    """The canonical key an actor's id is derived from: stable for the same party.

    Countries by ISO code; people by a transliteration-tolerant form of the name
    ('Zelensky' = 'Zelenskyy'); groups by name and country; others by normalised name.
    """
    if actor_type == "country":
        return f"country:{code}"
    if actor_type == "person":
        return f"person:{fold(name)}"
    bare = name_key(name).replace(".", "")  # 'D.C.' = 'DC', 'U.S. Senate' = 'US Senate'
    return f"{actor_type}:{bare}" + (f":{code}" if actor_type == "group" and code else "")


def resolve_people(mentions: list[dict]) -> None:
    """Within one article: a surname alone ('Zelensky', 'President Zelenskyy') stands for the
    one full name with that surname, or, when several people share it, for the first one
    introduced; without a full name, for the Factbook's office holder the title names or its
    one namesake from a country the article mentions. Every mention of a person shares the
    country code its best-evidenced mention has. Two full names are never merged."""
    countries = {m["country_code"] for m in mentions if m["type"] == "country" and m["country_code"]}
    people = [m for m in mentions if m["type"] == "person"]
    full: dict[str, dict[str, dict]] = {}  # folded surname → key → first mention
    for m in people:
        parts = m["name"].split()
        if len(parts) >= 2:
            full.setdefault(fold(_surname(parts)), {}).setdefault(m["key"], m)
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
                type="person", name=m["text"], country_code=None, title=None, key=actor_key("person", m["text"], None)
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
                m["country_code"] = m["country_code"] or person_country(holder.split()[:-1], parts[0])
    gaz = gazetteer()
    for m in people:
        # 'Melbourne' labelled PERSON, in an article naming no one of that surname: the city.
        if m["label"] == "PERSON" and " " not in m["name"] and name_key(m["text"]) in gaz.big_places:
            m.update(type="location", name=m["text"], country_code=gaz.place(m["text"]), title=None)
            m["key"] = actor_key("location", m["text"], None)
    people = [m for m in people if m["type"] == "person"]
    codes: dict[str, tuple[int, str]] = {}
    for m in people:
        if m["country_code"]:
            rank = 0 if m.get("_evidence") else 1
            if m["key"] not in codes or rank < codes[m["key"]][0]:
                codes[m["key"]] = (rank, m["country_code"])
    for m in people:
        if m["key"] in codes:
            m["country_code"] = codes[m["key"]][1]
        m.pop("_evidence", None)


def _one_sense_per_article(mentions: list[dict]) -> None:
    """The same name typed person here and organization there in one article ('Red Hat')
    takes the type most of its mentions have. Places are left alone: a capital's
    government/place reading depends on each sentence, and a town's name in a results table
    is its team."""
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
                m.update({k: model[k] for k in ("type", "name", "country_code", "key")})
                if best == "person":
                    m["title"] = model.get("title")


def find_anaphora(doc: Doc, mentions: list[dict]) -> list[dict]:
    """'the Alliance' after NATO, 'the bloc' after the EU, 'the newspaper' after an outlet:
    a definite noun phrase whose head is a noun that refers back to the nearest earlier actor
    it fits becomes a mention of that actor. Entities the model found ('Alliance') are
    re-pointed in place; bare noun phrases are added with the label ANAPHOR."""
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
        fields = {k: target[k] for k in ("type", "name", "country_code", "key")}
        if existing is not None:
            existing.update(fields)
        else:
            added.append(
                {
                    "text": doc.text[start : token.idx + len(token)],
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


def _referring_nouns() -> set[str]:
    nouns = set(OUTLET_NOUNS)
    for e in directory().entries:
        nouns.update(e.nouns)
    return nouns


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


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0250" for c in letters) >= 0.8 * len(letters)


def _trim(ent: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive so the span names only the actor."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    span = doc[start:end]
    return span if span.text.strip() else None


def _is_locative(span: Span) -> bool:
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS


def _is_dateline(span: Span) -> bool:
    """'KYIV, June 15 (Reuters) -', 'LONDON 1996-08-30': a place opening a line, before a date."""
    doc = span.doc
    before = doc.text[: span.start_char].rsplit("\n", 1)[-1]
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


def _split_title(text: str) -> tuple[str, str | None]:
    m = TITLES.match(text)
    if not m:
        return text, None
    return text[m.end() :].strip(), m.group(0).strip()


def _clean_person_name(name: str) -> str:
    name = re.sub(r"[’']s$", "", name).strip(" ,.")
    return re.sub(r"\s+", " ", name)


def _surname(parts: list[str]) -> str:
    while len(parts) > 1 and parts[-1].lower().strip(",") in NAME_SUFFIXES:
        parts = parts[:-1]
    return parts[-1]


TITLE_HEADS = {
    "president",
    "minister",
    "chancellor",
    "leader",
    "secretary",
    "ambassador",
    "king",
    "queen",
    "prince",
    "senator",
    "governor",
    "mayor",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "general",
    "envoy",
    "diplomat",
    "lawmaker",
    "politician",
    "head",
    "chief",
    "commander",
    "dictator",
    "monarch",
    "emir",
    "opposition",
    "activist",
    "journalist",
    "candidate",
    "player",
    "striker",
    "athlete",
    "champion",
    "director",
    "chairman",
    "writer",
    "author",
    "actor",
    "actress",
    "singer",
    "businessman",
    "billionaire",
    "citizen",
    "national",
    "captain",
    "coach",
    "negotiator",
    "representative",
    "officer",
    "judge",
    "prosecutor",
}


def _person_country(span: Span, name: str, title: str | None) -> tuple[str | None, str | None, bool]:
    """(ISO3, title, evidenced): from a title tied to a country in the text ('Ukrainian
    President …', "…, Ukraine's president"), else from the Factbook's office holders."""
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
                if code is None and (j - i > 1 or phrase.lower() not in _common_title_words()):
                    code = gaz.place(phrase) if len(phrase) > 3 else None
                if code:
                    return code, title, True
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"} and any(ent.start <= t.i < ent.end for t in title_tokens):
                code = gaz.demonym(ent.text) or gaz.country(ent.text, loose=False) or gaz.capital(ent.text)
                if code:
                    return code, title, True
    parts = name.split()
    if len(parts) >= 2:
        return person_country(parts[:-1], _surname(parts)), title, False
    return None, title, False


def _common_title_words() -> set[str]:
    return {w.lower() for w in re.split(r"\\?[|\s.()]+", TITLE_WORDS) if w} | {
        "former",
        "then",
        "late",
        "foreign",
        "deputy",
    }


ORG_WORDS = set(
    """inc inc. corp corp. co co. ltd ltd. llc plc group company party university college
    school bank association foundation institute council committee ministry agency union
    league club fc united city airlines airways hospital church times news press media
    partners capital holdings international fund trust society centre center board office
    department commission court police army force forces network systems technologies
    motors energy records studios games""".split()
)


def _looks_like_person(span: Span) -> bool:
    """A two- or three-word title-case name opening with a known given name, and no word of
    an organization's name ('Naomi Martisius', not 'Victoria University')."""
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
