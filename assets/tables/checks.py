"""Checks guarding the tables: a Great Expectations suite per table, and the keys and offsets
that span tables as DuckDB queries (each returns the failing rows)."""

from __future__ import annotations

from pipelines.checks import sql_check, suite_checks
from pipelines.settings import TABLES


def _offsets(table: str, text_col: str, start: str, end: str) -> str:
    return f"""
        SELECT t.*, substring(a.text, t.{start} + 1, t.{end} - t.{start}) AS text_at_offsets
        FROM {{{table}}} t JOIN {{articles}} a USING (article_id)
        WHERE t.{start} IS NOT NULL
          AND (t.{start} < 0 OR t.{end} > length(a.text)
               OR substring(a.text, t.{start} + 1, t.{end} - t.{start}) <> t.{text_col})
    """


def _foreign_key(child: str, column: str, parent: str, key: str) -> str:
    return f"""
        SELECT c.* FROM {{{child}}} c
        WHERE c.{column} IS NOT NULL AND c.{column} NOT IN (SELECT {key} FROM {{{parent}}})
    """


FOREIGN_KEYS = [
    ("actor_mentions", "article_id", "articles", "article_id"),
    ("actor_mentions", "actor_id", "actors", "actor_id"),
    ("sources", "article_id", "articles", "article_id"),
    ("sources", "actor_id", "actors", "actor_id"),
    ("sources", "affiliation_actor_id", "actors", "actor_id"),
    ("claims", "article_id", "articles", "article_id"),
    ("claims", "source_id", "sources", "source_id"),
    ("claims", "cited_source_id", "sources", "source_id"),
    ("claims", "parent_claim_id", "claims", "claim_id"),
    ("claim_actors", "claim_id", "claims", "claim_id"),
    ("claim_actors", "actor_id", "actors", "actor_id"),
    ("claim_actors", "mention_id", "actor_mentions", "mention_id"),
    ("dates", "article_id", "articles", "article_id"),
    ("dates", "claim_id", "claims", "claim_id"),
]

OFFSETS = [
    ("actor_mentions", "text", "start_char", "end_char"),
    ("claims", "cue", "cue_start", "cue_end"),
    ("claims", "content", "content_start", "content_end"),
    ("claims", "source_text", "source_start", "source_end"),
    ("sources", "name", "start_char", "end_char"),
    ("dates", "text", "start_char", "end_char"),
]

suite_check_defs = [check for table in TABLES for check in suite_checks(table)]

foreign_key_checks = [
    sql_check(
        # Run where both tables are fresh: on whichever of the two is built later.
        max(child, parent, key=TABLES.index),
        f"{child}_{column}_references_{parent}",
        _foreign_key(child, column, parent, key),
        f"Every {child}.{column} is a {parent}.{key}.",
    )
    for child, column, parent, key in FOREIGN_KEYS
]

offset_checks = [
    sql_check(
        table,
        f"{table}_{text_col}_offsets_index_text",
        _offsets(table, text_col, start, end),
        f"articles.text[{start}:{end}] is exactly {table}.{text_col}.",
    )
    for table, text_col, start, end in OFFSETS
]

every_input_accounted = sql_check(
    "rejected_inputs",
    "rejected_inputs_not_also_articles",
    "SELECT r.* FROM {rejected_inputs} r JOIN {articles} a USING (input_uri)",
    "No input is both an article and a rejected input.",
)
