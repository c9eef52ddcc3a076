"""spaCy component: named entities → actor mentions with corrected types and country codes."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .. import lexicons
from ..extensions import guarded
from ..gazetteer import gazetteer
from ..knowledge import directory, given_name_lexicon
from .actor_types import dateline_places, describe_span
from .anaphora import find_anaphora
from .boundaries import (
    SMALL_WORDS,
    all_caps_line,
    caps_lines,
    initial_names,
    split_entity,
)
from .context import affiliation_countries
from .identity import (
    acronym_repeats,
    first_words_of_organizations,
    headline_names,
    headline_repeats,
    join_short_forms,
    one_type_per_name,
)
from .national import national_bodies
from .outlet_cues import outlets_from_cues
from .people import resolve_people
from .repeats import athletes_before_country, surname_repeats
from .teams import contest_teams, team_spans
from .works import drop_works

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Capitals that are also common words or names elsewhere ('Victoria', 'Kingston'): the model
# must find them itself.
AMBIGUOUS_CAPITALS = lexicons.words("ambiguous_capitals")


@Language.factory("newsclaims_actors")
def make_actor_tagger(nlp: Language, name: str) -> ActorTagger:
    """Build the `newsclaims_actors` component for a pipeline."""
    return ActorTagger(nlp.tokenizer)


class ActorTagger:
    """Give every doc its actor mentions, typed and keyed, for the actor tables.

    Sets `doc._.actor_mentions`: dicts with offsets, type, country code and canonical key (text,
    start, end, sentence, label, type, name, country_code, key; persons also title).
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        """Keep the tokenizer: the gazetteer's phrase patterns are built with it on first use."""
        self.tokenizer = tokenizer
        self._matcher: PhraseMatcher | None = None

    @guarded("actor_mentions")
    def __call__(self, doc: Doc) -> Doc:
        """Find, type and resolve the actors of one doc."""
        candidates = [
            (span, ent.label_) for ent in doc.ents if ent.label_ in ENTITY_LABELS for span in split_entity(ent)
        ]
        people = [e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 and e[0].lower_ in given_name_lexicon()]
        teams = team_spans(doc, people, {t.i for span, _ in candidates for t in span})
        if teams:
            team_tokens = {t.i for span in teams for t in span}
            candidates = [(s, label) for s, label in candidates if not any(t.i in team_tokens for t in s)]
            candidates.extend((span, "TEAM") for span in teams)
        initials = initial_names(doc) + athletes_before_country(doc, {t.i for span, _ in candidates for t in span})
        if initials:  # 'S. Waugh', 'Irina Privalova ( Russia )': a person, whatever the model made of it
            initial_tokens = {t.i for span in initials for t in span}
            candidates = [(s, label) for s, label in candidates if not any(t.i in initial_tokens for t in s)]
            candidates.extend((span, "PERSON") for span in initials)
        taken = {t.i for span, _ in candidates for t in span}
        named = [s for s, label in candidates if label == "PERSON"]
        for span in surname_repeats(doc, named, taken):
            if not any(t.i in taken for t in span):
                candidates.append((span, "PERSON"))
                taken.update(t.i for t in span)
        for span in dateline_places(doc):  # 'GENEVA 1996-08-30': a place, known or not
            candidates = [(s, label) for s, label in candidates if not (s.start < span.end and span.start < s.end)]
            candidates.append((span, "GPE"))
            taken.update(t.i for t in span)
        for span, label in self._gazetteer_hits(doc):
            if not any(t.i in taken for t in span):
                candidates.append((span, label))
                taken.update(t.i for t in span)
        mentions = []
        for span, label in sorted(candidates, key=lambda c: c[0].start):
            mention = describe_span(span, label)
            if mention is not None:
                mentions.append(mention)
        mentions = drop_works(doc, mentions)
        lines = caps_lines(doc)
        if lines:  # headlines and datelines: capitals say nothing of a name there
            caps = {m["start"] for m in mentions if any(lo <= m["start"] < hi for lo, hi in lines)}
            mentions = headline_names(mentions, caps)
            mentions.extend(headline_repeats(doc, mentions, lines))
        one_type_per_name(mentions)
        contest_teams(doc, mentions)
        first_words_of_organizations(mentions)
        resolve_people(mentions)
        join_short_forms(doc, mentions)
        mentions.extend(acronym_repeats(doc, mentions))
        affiliation_countries(doc, mentions)
        national_bodies(mentions)
        outlets_from_cues(doc, mentions)
        mentions.extend(find_anaphora(doc, mentions))
        mentions.sort(key=lambda m: (m["start"], m["end"]))
        for m in mentions:
            m.pop("_team", None)
        doc._.actor_mentions = mentions
        return doc

    def _gazetteer_hits(self, doc: Doc) -> list[tuple[Span, str]]:
        """Add the countries, capitals, organizations and outlets the model did not label.

        Matches in title case, or in capitals on an all-caps line (headlines, datelines);
        the longest first, then the leftmost, without overlaps.
        """
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
                if not all_caps_line(span):
                    continue
            elif label == "ACRONYM":
                if span.text not in directory().by_alias or all_caps_line(span):
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


def _build_matcher(vocab: Vocab, tokenizer: Callable[[str], Doc]) -> PhraseMatcher:
    """Phrase patterns for the gazetteer's places and the curated organizations' names and acronyms."""
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
    """Match by name only the capitals of countries over a million people.

    The smaller ones' names are too often ordinary words or places elsewhere to match without
    the model's say.
    """
    country = gazetteer().countries.get(iso3)
    return country is not None and country.population >= 1_000_000
