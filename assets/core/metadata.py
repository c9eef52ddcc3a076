"""Asset metadata the Dagster UI renders well: row count, column schema, a preview of rows."""

from __future__ import annotations

import dagster as dg
import pandas as pd
import pyarrow as pa

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
    """The first rows as Markdown, long strings shortened so the table stays readable."""
    head = df.head(rows).copy()
    for col in head.columns:
        if head[col].dtype == object or str(head[col].dtype).startswith("str"):
            head[col] = head[col].map(
                lambda v: v if not isinstance(v, str) or len(v) <= PREVIEW_CHARS else v[: PREVIEW_CHARS - 1] + "…"
            )
    return head.to_markdown(index=False) if len(head) else "_no rows_"
