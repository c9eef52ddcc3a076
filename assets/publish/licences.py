"""What each part of a release may be shared under, and the release made without the publishers' text.

The annotations (ids, offsets, types, sources, actors, TIMEX3 values, names and short spans)
are ours: CC BY 4.0. The articles' text, and the claims' `content` quoted from it at length,
belong to their publishers. A release therefore leaves every column the contract marks as
`text_columns` empty unless the user says they hold the right to share the text
(`newsclaims publish --with-text`); `content_sha256` and the offsets let whoever holds the
articles put the text back (`newsclaims attach-text`).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from assets.core.contract import CONTRACT

ANNOTATIONS = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
PUBLISHERS = {
    "name": "LicenseRef-publisher-copyright",
    "title": "Copyright of each article's publisher (articles.publisher): shared only by those who hold the right",
}
# SPDX ids the catalogs (Hugging Face, Zenodo, DataCite) know; "other" where the text is included.
HUB_LICENCE = {False: "cc-by-4.0", True: "other"}


def text_columns() -> dict[str, tuple[str, ...]]:
    """{table: columns holding the publishers' words}, from the contract."""
    return {t.name: t.text_columns for t in CONTRACT if t.text_columns}


def without_text(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The tables with every text column set to null (same schema, same rows, same offsets)."""
    out = dict(tables)
    for name, columns in text_columns().items():
        table = out[name]
        for column in columns:
            i = table.schema.get_field_index(column)
            table = table.set_column(i, table.schema.field(i), pa.nulls(table.num_rows, table.schema.field(i).type))
        out[name] = table
    return out


def holds_text(tables: dict[str, pa.Table]) -> bool:
    """Whether any text column holds a value."""
    return any(pc.count(tables[name].column(c)).as_py() > 0 for name, cols in text_columns().items() for c in cols)


def resource_licences(table: str, with_text: bool) -> list[dict]:
    """The licences of one table as a Data Package resource lists them."""
    if with_text and table in text_columns():
        return [ANNOTATIONS, PUBLISHERS]
    return [ANNOTATIONS]


def terms(with_text: bool) -> list[dict]:
    """The parts of a release and the terms of each: for the data card, Croissant and the catalogs."""
    cols = ", ".join(f"{t}.{c}" for t, cs in text_columns().items() for c in cs)
    ours = {
        "part": "annotations",
        "what": f"every table and column but {cols}: ids, offsets, types, sources, actors, dates, and the "
        "short spans naming them (titles, names, cues, time expressions)",
        "licence": ANNOTATIONS,
    }
    if with_text:
        text = {
            "part": "text",
            "what": f"{cols}: the publishers' own words, included by whoever made this release, who declared "
            "that they hold the right to share them",
            "licence": PUBLISHERS,
        }
    else:
        text = {
            "part": "text",
            "what": f"{cols}: left empty (null). content_sha256, url and the offsets identify the text; whoever "
            "holds the articles puts it back with `newsclaims attach-text`, which checks the hashes",
            "licence": None,
        }
    return [ours, text]
