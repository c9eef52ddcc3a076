"""Actors: named entities → actor mentions with corrected types and country codes.

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

One module per job: `boundaries` (cutting and trimming the model's entities), `actor_types`
(what a name stands for), `people`, `anaphora`, `keys` (canonical keys) and `component` (the
spaCy factory `newsclaims_actors`, registered when that module is imported; the package itself
imports no spaCy, so the tables can use its keys in a process that parses nothing).
"""

from .keys import NAME_SUFFIXES, actor_key

__all__ = ["NAME_SUFFIXES", "actor_key"]
