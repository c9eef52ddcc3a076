"""Asset metadata the Dagster UI renders well: row count, column schema, a preview of rows.

Previews are for people: empty cells for nulls (not `nan`), and the name of what an id points
to (who spoke, which article) beside the id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import dagster as dg
import pandas as pd
import pyarrow as pa

from .contract import TABLE, foreign_keys
from .parts import current_parts, scan
from .storage import duckdb_connection

if TYPE_CHECKING:
    from .settings import NewsclaimsSettings

PREVIEW_ROWS = 10
PREVIEW_CHARS = 80


def column_schema(schema: pa.Schema) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=f.name,
                type=str(f.type),
                description=(f.metadata or {}).get(b"description", b"").decode() or None,
            )
            for f in schema
        ]
    )


def table_metadata(df: pd.DataFrame, schema: pa.Schema) -> dict:
    return {
        "dagster/row_count": len(df),
        "dagster/column_schema": column_schema(schema),
        "preview": dg.MetadataValue.md(preview(df)),
    }


def preview(df: pd.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """The first rows as Markdown, long strings shortened and nulls left blank."""
    if not len(df):
        return "_no rows_"  # most checks' failing rows: nothing to convert
    head = df.head(rows).copy()
    for col in head.columns:
        if head[col].dtype == object or str(head[col].dtype).startswith("str"):
            head[col] = head[col].map(_cell)
    head = head.astype(object).where(head.notna(), None)
    return head.to_markdown(index=False, missingval="") if len(head) else "_no rows_"


def _cell(value: object) -> object:
    """A string on one line (a line break or `|` would break the Markdown table), shortened."""
    if not isinstance(value, str):
        return value
    value = " ".join(value.split()).replace("|", "\\|")
    return value if len(value) <= PREVIEW_CHARS else value[: PREVIEW_CHARS - 1] + "…"


def named_preview(df: pd.DataFrame, table: str, settings: NewsclaimsSettings, rows: int = PREVIEW_ROWS) -> str:
    """`preview`, with each reference to another table followed by the label of the row it names
    (the contract's `label`): a claim shows who spoke and the article's title, not only ids."""
    head = df.head(rows).copy()
    with duckdb_connection(settings) as con:
        for child, column, parent, key in foreign_keys():
            if child != table or column not in head.columns:
                continue
            parts = current_parts(settings.warehouse, parent)
            if not parts:
                continue
            ids = head[column].dropna().unique().tolist()
            if not ids:
                continue
            found = con.execute(
                f"SELECT {key}, {TABLE[parent].label[0]} FROM {scan(parts)} WHERE {key} IN (SELECT unnest(?))",
                [ids],
            ).fetchall()
            names = dict(found)
            label = column.removesuffix("_id")
            if label in head.columns:
                label = f"{label}_name"
            head.insert(head.columns.get_loc(column) + 1, label, head[column].map(names))
    return preview(head, rows)
