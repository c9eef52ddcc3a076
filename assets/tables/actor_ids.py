"""Corpus-wide actor identity: which staged actor ids are one real-world party.

Each article's mentions carry an id derived from their canonical key (`person:volodimir
zelenski`, `country:UKR`). Across articles, people are named differently: a surname alone
("Zelensky") in an article that never gives the full name, or "Joe Biden" here and "Joseph
Biden" there. This step maps every staged id onto a canonical one:

* a full name joins the one earlier person with the same surname (spelling-tolerant) whose
  given name agrees ('Joe' ~ 'Joseph', 'J.' ~ 'Joseph') and whose country does not differ;
* a surname alone joins the one person with that surname; with two ("Joe Biden", "Hunter
  Biden") it stays an actor of its own: two people are never merged on a shared surname.

The mapping is kept in `staging/actor_ids.parquet` and only ever grows: an id assigned once
keeps pointing at the same actor, so every actor_id survives when more articles arrive, and a
cluster's id is that of its first member. Re-running the same batches gives the same ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from assets.core.contract import STAGED_ACTOR_MENTIONS
from assets.core.parts import current_parts, registry_path
from assets.core.storage import read_staged, write_table
from assets.extract.actors import NAME_SUFFIXES, actor_key
from assets.extract.gazetteer import name_key
from assets.extract.knowledge import directory, fold, given_names_agree, wikidata_id

REGISTRY_SCHEMA = pa.schema(
    [
        pa.field("staged_id", pa.string()),  # id a mention was staged with (sha1 of its key)
        pa.field("actor_id", pa.string()),  # canonical actor it belongs to
        pa.field("key", pa.string()),
        pa.field("name", pa.string()),
        pa.field("actor_type", pa.string()),
        pa.field("country_code", pa.string()),
        # What a new actor is compared by, kept so that a run compares it with the few actors
        # of the same surname or name rather than reading every name of the corpus again.
        pa.field("surname", pa.string()),  # people: the folded surname (`_split`)
        pa.field("merge_key", pa.string()),  # `merge_key(name)`
    ]
)
FIELDS = ("staged_id", "key", "name", "actor_type", "country_code")


def staged_mentions(warehouse: Path) -> pd.DataFrame:
    return read_staged(warehouse / "staging" / "actor_mentions", STAGED_ACTOR_MENTIONS)


def canonical_ids(warehouse: Path, mentions: pd.DataFrame | None = None, update: bool = True) -> dict[str, str]:
    """staged actor_id → canonical actor_id for every staged mention; new ids are assigned
    (and, with `update`, recorded) without changing any earlier assignment.

    A new person is compared with the registered people of its surname alone, a new actor of
    another type with those of its name: the cost follows the new actors, not the registry.
    """
    mentions = staged_mentions(warehouse) if mentions is None else mentions
    path = registry_path(warehouse)
    registry = read_registry(path)
    mapping = dict(zip(registry["staged_id"].to_pylist(), registry["actor_id"].to_pylist()))
    new = _describe_new(warehouse, mentions, mapping)
    if new.empty:
        return mapping
    # In order of first appearance, full names before surnames of the same day, so a re-run
    # of the same batches, or of all of them at once, assigns as the incremental runs did.
    people = [
        {**r, "country_code": _code(r["country_code"])} for r in new[new["actor_type"] == "person"].to_dict("records")
    ]
    people.sort(key=lambda r: (r["first"], len(r["name"].split()) < 2, -r["n"], r["staged_id"]))
    surnames = {_split(r["name"])[1] for r in people}
    clusters = _person_clusters(_records(_members(registry, _registered(registry, "surname", surnames, people=True))))
    by_surname = _surname_index(clusters)
    added = []
    for record in people:
        target = _join(record, clusters, by_surname)
        canonical = target if target is not None else record["staged_id"]
        mapping[record["staged_id"]] = canonical
        clusters[canonical].append(record)
        by_surname[_split(record["name"])[1]].add(canonical)
        added.append({**{k: record[k] for k in FIELDS}, "actor_id": canonical})
    others = new[new["actor_type"] != "person"].to_dict("records")
    named = _records(_registered(registry, "merge_key", {merge_key(r["name"]) for r in others})) + added
    by_name = _name_index(named, _named_in_full(registry, named))
    for record in others:
        canonical = _same_name(record, by_name) or record["staged_id"]
        mapping[record["staged_id"]] = canonical
        by_name.setdefault(merge_key(record["name"]), (canonical, record["actor_type"], record["name"]))
        added.append({**{k: record[k] for k in FIELDS}, "actor_id": canonical})
    if update:
        write_table(pa.concat_tables([registry, _with_keys(added)]), path, REGISTRY_SCHEMA)
    return mapping


def read_registry(path: Path) -> pa.Table:
    """The registry, with its columns to search by (computed for one written before they were kept)."""
    if not path.exists():
        return REGISTRY_SCHEMA.empty_table()
    table = pq.read_table(path)
    if not {"surname", "merge_key"} <= set(table.column_names):
        table = _with_keys(table.to_pylist())
    return table.select(REGISTRY_SCHEMA.names).cast(REGISTRY_SCHEMA)


def _with_keys(rows: list[dict]) -> pa.Table:
    """Registry rows with the columns a registry is searched by; a country code is a string or null."""
    columns = {
        **{c: [r.get(c) for r in rows] for c in ("staged_id", "actor_id", "key", "name", "actor_type")},
        "country_code": [_code(r.get("country_code")) for r in rows],
        "surname": [_split(r["name"])[1] if r["actor_type"] == "person" else None for r in rows],
        "merge_key": [merge_key(r["name"]) for r in rows],
    }
    return pa.table(columns, schema=REGISTRY_SCHEMA)


def _registered(registry: pa.Table, column: str, values: set[str], people: bool = False) -> pa.Table:
    """The registered rows whose `column` is one of `values` (people only, with `people`)."""
    found = pc.is_in(registry[column], value_set=pa.array(sorted(values), pa.string()))
    if people:
        found = pc.and_(found, pc.equal(registry["actor_type"], "person"))
    return registry.filter(found)


def _members(registry: pa.Table, some: pa.Table) -> pa.Table:
    """Every registered person of the actors `some` rows belong to, in registry order."""
    return _registered(registry, "actor_id", set(some["actor_id"].to_pylist()) - {None}, people=True)


def _records(table: pa.Table) -> list[dict]:
    return [{k: r[k] for k in (*FIELDS, "actor_id")} for r in table.to_pylist()]


def _named_in_full(registry: pa.Table, rows: list[dict]) -> set[str]:
    """The people among the actors of `rows` with a member named in full (registered or in `rows`)."""
    some = pa.table(
        {"actor_id": [r["actor_id"] for r in rows if r["actor_type"] == "person"]},
        schema=pa.schema([("actor_id", pa.string())]),
    )
    members = _records(_members(registry, some)) + rows
    return {r["actor_id"] for r in members if r["actor_type"] == "person" and " " in str(r["name"]).strip()}


def _describe_new(warehouse: Path, mentions: pd.DataFrame, known: dict[str, str]) -> pd.DataFrame:
    """One row per staged id not yet registered: its key, usual name, type and code, and when
    it was first seen, in the order new ids are assigned (earliest, most mentioned first)."""
    columns = ["staged_id", "key", "name", "actor_type", "country_code", "first", "n"]
    todo = mentions[[a not in known for a in mentions["actor_id"]]]
    if todo.empty:
        return pd.DataFrame(columns=columns)
    parts = current_parts(warehouse, "articles")
    days = {}
    ids = sorted({a for a in todo["article_id"] if isinstance(a, str)})
    if parts and ids:
        articles = pq.read_table(parts, columns=["article_id", "published_at"], filters=[("article_id", "in", ids)])
        articles = articles.to_pandas()
        days = dict(zip(articles["article_id"], articles["published_at"].astype("string").fillna("9999")))
    out = []
    for staged, group in todo.groupby("actor_id", sort=True):
        kinds = Counter(group["actor_type"])
        kind = max(kinds, key=lambda k: (kinds[k], k))
        names = Counter(group.loc[group["actor_type"] == kind, "actor_name"])
        name = max(names, key=lambda n: (names[n], len(n), n))
        codes = Counter(c for c in group["country_code"] if isinstance(c, str) and c)
        code = max(codes, key=lambda c: (codes[c], c)) if codes else None
        first = min((days.get(a, "9999") for a in group["article_id"]), default="9999")
        key = actor_key(kind, name, code)
        out.append(
            {
                "staged_id": staged,
                "key": key,
                "name": name,
                "actor_type": kind,
                "country_code": code,
                "first": first,
                "n": len(group),
            }
        )
    df = pd.DataFrame(out, columns=columns)
    df["neg_n"] = -df["n"]
    return df.sort_values(["first", "neg_n", "staged_id"], kind="stable").drop(columns="neg_n")


def merge_key(name: str) -> str:
    """Compare names across articles: no case, accents, punctuation, 'the' or plural 's'.

    'Houthis' = 'Houthi', 'Blankenship/Mohr' = 'Blankenship-Mohr'; digits are kept ('G7' is not 'G20').
    """
    text = unicodedata.normalize("NFKD", name_key(name if isinstance(name, str) else ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def types_compatible(a: str, b: str) -> bool:
    """Types one party may be given in different articles: any but a country, a person with no group."""
    if "country" in (a, b):
        return a == b
    return {a, b} != {"person", "group"}


def _name_index(rows: list[dict], named_in_full: set[str]) -> dict[str, tuple[str, str, str]]:
    """Merge key → (the first registered actor with that name, its type); curated names apart.
    `named_in_full`: the people with a member named in full."""
    index: dict[str, tuple[str, str, str]] = {}
    for r in rows:
        if r["actor_type"] == "person" and " " not in str(r["name"]).strip() and r["actor_id"] in named_in_full:
            continue  # a surname of someone named in full is that person, not a name of its own
        index.setdefault(merge_key(r["name"]), (r["actor_id"], r["actor_type"], r["name"]))
    return index


def _same_name(record: dict, by_name: dict[str, tuple[str, str, str]]) -> str | None:
    """The earlier actor of the same name and a compatible type, else None.

    A name in the curated tables keeps its own actor ('The Guardian' is not 'Guardians').
    """
    key = merge_key(record["name"])
    found = by_name.get(key)
    if not key or found is None or not may_merge(found[2], found[1], record["name"], record["actor_type"]):
        return None
    return found[0]


def may_merge(name_a: str, type_a: str, name_b: str, type_b: str) -> bool:
    """Tell whether two actors of the same merge key may be one party.

    Compatible types, and not two names of which one is curated and written otherwise
    ('The Guardian' and 'Guardians', 'Time' and 'The Times').
    """
    if not types_compatible(type_a, type_b):
        return False
    curated = directory().lookup(name_a) or directory().lookup(name_b)
    return curated is None or name_key(name_a) == name_key(name_b)


def _code(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _person_clusters(rows: list[dict]) -> dict[str, list[dict]]:
    clusters: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["actor_type"] == "person":
            clusters[r["actor_id"]].append(r)
    return clusters


def _surname_index(clusters: dict[str, list[dict]]) -> dict[str, set[str]]:
    """Folded surname → the clusters with a member of that surname: a new person is compared
    with those alone, not with every person of the corpus."""
    index: dict[str, set[str]] = defaultdict(set)
    for canonical, members in clusters.items():
        for m in members:
            index[_split(m["name"])[1]].add(canonical)
    return index


@lru_cache(maxsize=2**16)
def _split(name: str) -> tuple[tuple[str, ...], str]:
    parts = name.split()
    while len(parts) > 1 and parts[-1].lower().strip(",") in NAME_SUFFIXES:
        parts = parts[:-1]
    return tuple(parts[:-1]), fold(parts[-1]) if parts else ""


def _join(record: dict, clusters: dict[str, list[dict]], by_surname: dict[str, set[str]]) -> str | None:
    """The one existing person cluster `record` can only be, else None."""
    given, surname = _split(record["name"])
    code = _code(record.get("country_code"))
    full_matches, surname_only = [], []
    for canonical in sorted(by_surname.get(surname, ())):
        members = clusters[canonical]
        member_names = [_split(m["name"]) for m in members]
        if not any(s == surname for _, s in member_names):
            continue
        codes = {c for m in members if (c := _code(m.get("country_code")))}
        if code and codes and code not in codes:
            continue
        fulls = [g for g, s in member_names if g and s == surname]
        if not given:
            (full_matches if fulls else surname_only).append(canonical)
        elif fulls:
            if all(given_names_agree(given[0], g[0]) for g in fulls):
                full_matches.append(canonical)
        else:
            surname_only.append(canonical)
    if not given:  # a surname alone: only when one person has it
        options = full_matches + surname_only
        return options[0] if len(options) == 1 else None
    if len(full_matches) == 1:
        return full_matches[0]
    if not full_matches and len(surname_only) == 1:
        return surname_only[0]
    return None


def apply(df: pd.DataFrame, mapping: dict[str, str], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rewrite staged actor ids in `columns` to their canonical ids."""
    df = df.copy()
    for column in columns:
        if column in df.columns:
            df[column] = df[column].map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)
    return df


def with_wikidata(actors: pd.DataFrame) -> pd.DataFrame:
    """Fill `wikidata_id` for the actors the curated and country data know (never for people)."""
    actors["wikidata_id"] = [
        wikidata_id(t, n, c if isinstance(c, str) else None) if t != "person" else None
        for t, n, c in zip(actors["actor_type"], actors["name"], actors["country_code"])
    ]
    return actors
