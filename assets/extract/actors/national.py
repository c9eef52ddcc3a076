"""National bodies without a country in their name: the country the article is about says it.

"The Senate voted …", "Democrats in Congress …", "the Democratic Party's nomination": news names
a country's legislature, court or party without its country when the article is about that
country. Such a name gets the article's country (`country_source` = context) when one country
clearly dominates its mentions; and when the curated tables hold that body under a name with its
country ("US Senate" for "Senate", "US Supreme Court" for "Supreme Court of the United States"),
the mention becomes that curated actor.

Which names are such bodies comes from data, not a list here: the curated organizations whose
names lose a country word ("US Senate" → "senate"), the names of `national_body_names.txt`
(generic names no curated row spells out), and the parties the CIA World Factbook lists in more
than one country ("Democratic Party").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import lexicons
from ..gazetteer import gazetteer, name_key
from ..knowledge import Entry, directory, factbook
from .keys import actor_key

# The article's country must hold at least this share of its coded mentions, and this many.
DOMINANT_SHARE = 0.5
DOMINANT_MIN = 2


def article_country(mentions: list[dict]) -> str | None:
    """The one country an article is about: most of the country codes its mentions carry.

    Counts countries, places and people with a code; None when no country holds at least half
    of them, or fewer than two mentions give it.
    """
    codes = Counter(
        m["country_code"]
        for m in mentions
        if m["country_code"] and m["type"] in {"country", "location", "person"} and m["label"] != "ANAPHOR"
    )
    if not codes:
        return None
    (code, n), *_ = codes.most_common(1)
    return code if n >= DOMINANT_MIN and n >= DOMINANT_SHARE * sum(codes.values()) else None


def national_bodies(mentions: list[dict]) -> None:
    """Give legislatures, courts and shared party names the country of the article, in place.

    Only organizations with no code of their own; a curated body of that country
    ('US Senate') replaces the mention's name, type and key.
    """
    todo = [m for m in mentions if m["type"] == "organization" and not m["country_code"] and m["label"] != "ANAPHOR"]
    todo = [m for m in todo if _bare(m["name"]) in _generic_names() or _bare(m["name"]) in factbook().party_countries]
    if not todo:
        return
    country = article_country(mentions)
    if country is None:
        return
    for m in todo:
        bare = _bare(m["name"])
        entry = _curated_bodies().get((bare, country))
        if entry is not None:
            m.update(
                type=entry.actor_type,
                name=entry.name,
                country_code=country,
                country_source="context",
                key=actor_key(entry.actor_type, entry.name, country),
            )
        elif bare in _generic_names() or country in factbook().party_countries.get(bare, ()):
            m.update(country_code=country, country_source="context")


def _bare(name: str) -> str:
    return name_key(name).replace(".", "")


@lru_cache(maxsize=1)
def _generic_names() -> frozenset[str]:
    """Names of bodies any country may have: the curated ones without their country, and the lexicon's."""
    names = {_bare(n) for n in lexicons.entries("national_body_names")}
    names.update(bare for bare, _ in _curated_bodies())
    return frozenset(names)


@lru_cache(maxsize=1)
def _curated_bodies() -> dict[tuple[str, str], Entry]:
    """(name without its country word, country) → the curated body: ('senate', 'USA') → US Senate."""
    out: dict[tuple[str, str], Entry] = {}
    for entry in directory().entries:
        if entry.actor_type != "organization" or not entry.country:
            continue
        for alias in (entry.name, *entry.aliases):
            generic = _without_country(alias, entry.country)
            if generic and generic != _bare(alias):
                out.setdefault((generic, entry.country), entry)
    return out


def _country_words(phrase: str) -> str | None:
    gaz = gazetteer()
    return gaz.demonym(phrase) or gaz.country(phrase, loose=False)


def _without_country(name: str, country: str) -> str | None:
    """'US Senate' → 'senate', 'Supreme Court of the United States' → 'supreme court' (for USA)."""
    words = re.sub(r"\s+of\s+the\s+", " of ", name).split()
    kept, dropped = [], False
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 3), i, -1):
            if _country_words(" ".join(words[i:j])) == country:
                dropped = True
                if kept and kept[-1].lower() == "of":
                    kept.pop()
                i = j
                break
        else:
            kept.append(words[i])
            i += 1
    return _bare(" ".join(kept)) if dropped and kept else None
