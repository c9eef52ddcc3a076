"""`datapackage.json`: the release as a Frictionless Data Package (v2).

Written by hand from the Arrow schemas (frictionless's own `Resource(path=[...])` fails on
multi-file Parquet and writes `"hash": "sha256:None"`); `frictionless validate` checks it.

A table in one file has that file as its `path`. A table split into parts has its folder
(`claims`): the standard's multipart `path: [...]` means "concatenate the bytes", which Parquet
files do not survive, and frictionless-py then reads the first part only; given the folder,
pyarrow (which frictionless reads Parquet with) reads every part, in order.

Two concessions to how frictionless-py reads Parquet (through pandas):
* a missing integer arrives as `nan` and a missing timestamp as `NaT`, so both are listed in
  `missingValues` beside the empty string (Parquet itself stores real nulls);
* a list column arrives as a NumPy array, which its `array` type rejects, so list columns are
  typed `any` and say in their description that they hold a list of strings.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa

from assets.core.contract import TABLE, foreign_keys

from .licences import ANNOTATIONS, resource_licences, terms

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
MISSING_VALUES = ["", "nan", "NaT"]
MAX_SOURCES = 50


def field_type(typ: pa.DataType) -> str:
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return "string"
    if pa.types.is_integer(typ):
        return "integer"
    if pa.types.is_floating(typ) or pa.types.is_decimal(typ):
        return "number"
    if pa.types.is_boolean(typ):
        return "boolean"
    if pa.types.is_date(typ):
        return "date"
    if pa.types.is_timestamp(typ):
        return "datetime"
    return "any"


def table_schema(name: str, schema: pa.Schema, references: list[tuple[str, str, str, str]]) -> dict:
    key = TABLE[name].key
    fields = []
    for f in schema:
        description = (f.metadata or {}).get(b"description", b"").decode()
        typ = field_type(f.type)
        if typ == "any" and pa.types.is_list(f.type):
            description = f"{description} A list of {field_type(f.type.value_type)}s.".strip()
        field = {"name": f.name, "type": typ, "description": description}
        if f.name in key:
            field["constraints"] = {"required": True}
        fields.append(field)
    descriptor = {
        "fields": fields,
        "primaryKey": list(key),
        "missingValues": MISSING_VALUES,
    }
    fks = [
        {"fields": [column], "reference": {"resource": parent, "fields": [parent_key]}}
        for child, column, parent, parent_key in references
        if child == name
    ]
    if fks:
        descriptor["foreignKeys"] = fks
    return descriptor


def sources(tables: dict[str, pa.Table]) -> list[dict]:
    """The input files the release was built from, with what each gave (the most prolific first)."""
    counts: dict[str, list[int]] = {}
    for i, name in enumerate(("articles", "rejected_inputs")):
        for uri in tables[name].column("input_uri").to_pylist():
            counts.setdefault((uri or "").split("#", 1)[0], [0, 0])[i] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    listed = [
        {"title": f"{path.rsplit('/', 1)[-1]}: {a} article(s), {r} rejected", "path": path}
        for path, (a, r) in ranked[:MAX_SOURCES]
    ]
    rest = ranked[MAX_SOURCES:]
    if rest:
        a, r = sum(c[0] for _, c in rest), sum(c[1] for _, c in rest)
        listed.append({"title": f"{len(rest)} more input files: {a} article(s), {r} rejected"})
    return listed


def datapackage(
    version: str,
    created_at: datetime,
    tables: dict[str, pa.Table],
    parts: dict[str, dict[str, int]],
    with_text: bool = False,
) -> dict:
    """The descriptor; each resource lists the licences of what it holds (`licences.py`)."""
    references = foreign_keys()
    resources = []
    for name, table in tables.items():
        files = sorted(parts[name])
        resources.append(
            {
                "name": name,
                "type": "table",
                "path": files[0] if len(files) == 1 else name,
                "format": "parquet",
                "mediatype": PARQUET_MEDIATYPE,
                "description": _description(name, with_text),
                "licenses": resource_licences(name, with_text),
                "schema": table_schema(name, table.schema, references),
            }
        )
    return {
        "$schema": PROFILE,
        "name": "newsclaims",
        "title": "newsclaims: who claims what, citing whom, and when",
        "description": (
            "Attributed claims found in news articles: articles, actors and their mentions, cited "
            "sources (named or anonymous), claims with character offsets into the article text, the "
            "actors claims are about, and time expressions normalised to TIMEX3 values. "
            + " ".join(f"{t['what'][0].upper()}{t['what'][1:]}." for t in terms(with_text))
        ),
        "version": version,
        "created": created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "keywords": ["news", "attribution", "claims", "quotes", "sources", "actors", "timex3"],
        "licenses": [ANNOTATIONS],
        "sources": sources(tables),
        "resources": resources,
    }


def _description(name: str, with_text: bool) -> str:
    columns = TABLE[name].text_columns
    if not columns:
        return TABLE[name].description
    held = ", ".join(columns)
    if with_text:
        return f"{TABLE[name].description} {held}: the publishers' words, under their copyright."
    return f"{TABLE[name].description} {held}: left empty in this release (the publishers' words)."
