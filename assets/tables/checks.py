"""Checks guarding the tables: a Great Expectations suite per table, and the keys and offsets
that span tables as DuckDB queries (each returns the failing rows).

The queries look at the rows of the batches the build wrote (`{new_<table>}`, see
`assets/core/checks.sql_check`) against whole parent tables, so a build costs what its new rows
cost; after a compaction every part is new and every row is checked again.
"""

from __future__ import annotations

from assets.core.checks import sql_check, suite_checks, table_checks
from assets.core.contract import CONTRACT, TABLES, foreign_keys

from .commit import batch_parts


def _offsets(table: str, text_col: str, start: str, end: str) -> str:
    return f"""
        SELECT t.*, substring(a.text, t.{start} + 1, t.{end} - t.{start}) AS text_at_offsets
        FROM {{new_{table}}} t JOIN {{articles_of_new_{table}}} a USING (article_id)
        WHERE t.{start} IS NOT NULL
          AND (t.{start} < 0 OR t.{end} > length(a.text)
               OR substring(a.text, t.{start} + 1, t.{end} - t.{start}) <> t.{text_col})
    """


def _foreign_key(child: str, column: str, parent: str, key: str) -> str:
    return f"""
        SELECT c.* FROM {{new_{child}}} c
        WHERE c.{column} IS NOT NULL AND c.{column} NOT IN (SELECT {key} FROM {{{parent}}})
    """


suite_check_list = [check for table in TABLES for check in suite_checks(table, batch_parts)]

foreign_key_checks = [
    sql_check(
        # Run where both tables are fresh: on whichever of the two is built later.
        max(child, parent, key=TABLES.index),
        f"{child}_{column}_references_{parent}",
        _foreign_key(child, column, parent, key),
        f"Every {child}.{column} is found in {parent}.{key}.",
    )
    for child, column, parent, key in foreign_keys()
]

offset_checks = [
    sql_check(
        table.name,
        f"{table.name}_{o.text}_offsets_index_text",
        _offsets(table.name, o.text, o.start, o.end),
        f"articles.text[{o.start}:{o.end}] is exactly {table.name}.{o.text}.",
    )
    for table in CONTRACT
    for o in table.offsets
]

every_input_accounted = sql_check(
    "rejected_inputs",
    "rejected_inputs_not_also_articles",
    "SELECT r.* FROM {new_rejected_inputs} r JOIN {articles} a USING (input_uri)"
    " UNION ALL SELECT r.* FROM {rejected_inputs} r JOIN {new_articles} a USING (input_uri)",
    "No input is both an article and a rejected input.",
)

# Each table's checks, one step per table (`assets/core/checks.table_checks`).
every_check = [*suite_check_list, *foreign_key_checks, *offset_checks, every_input_accounted]
check_defs = [
    table_checks(t, [c for c in every_check if c.asset == t]) for t in TABLES if any(c.asset == t for c in every_check)
]
