"""Tables: the contract's corpus-wide Parquet tables, compacted from every batch's staged rows.

Compaction runs in DuckDB, out of Python memory: every batch's staged file is read, staged
actor ids are mapped onto canonical ones, rows are sorted by article date (then article and
position in the text) and streamed into `<warehouse>/<table>.parquet` with the contract's
schema, in row groups sized for DuckDB. Memory stays within DuckDB's limit (it spills to disk
beyond it) however large the corpus grows, and rewriting a table costs about a second per
million rows.
"""

from dataclasses import dataclass

import dagster as dg
import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from assets.core.contract import SCHEMAS, STAGED_ACTOR_MENTIONS, STAGED_SCHEMAS, TABLE, actor_id_columns
from assets.core.faults import checkpoint
from assets.core.metadata import column_schema, named_preview, table_metadata
from assets.core.settings import NewsclaimsSettings
from assets.core.sql import literal, path_list
from assets.core.storage import (
    ROW_GROUP_SIZE,
    TEXT_ROW_GROUP_SIZE,
    duckdb_connection,
    read_staged,
    streamed_table,
    write_table,
)

from .actor_ids import apply, canonical_ids, registry_path, with_wikidata


@dataclass
class Compacted:
    rows: int
    head: pd.DataFrame  # the first rows, for the asset's preview


def compact(settings: NewsclaimsSettings, table: str) -> Compacted:
    """Every batch's staged rows of `table` → `<warehouse>/<table>.parquet`, in a stable order."""
    warehouse = settings.warehouse
    schema = STAGED_SCHEMAS[table]
    files = sorted((warehouse / "staging" / table).glob("*.parquet"))
    target = warehouse / f"{table}.parquet"
    with duckdb_connection(settings) as con:
        if files:
            con.register("staged", _scan(files, schema))
        else:
            con.register("staged", schema.empty_table())
        select = [f"t.{c}" for c in SCHEMAS[table].names]
        joins = ""
        # Staged actor ids are mapped onto corpus-wide canonical ones (actor_ids.py).
        if actor_id_columns(table):
            # actor_mentions assigns ids to actors new to the corpus; the others only read them.
            mapping = canonical_ids(warehouse, _unregistered_mentions(con, warehouse), update=table == "actor_mentions")
            con.register("actor_ids", pa.table({"staged_id": list(mapping), "actor_id": list(mapping.values())}))
            for n, column in enumerate(actor_id_columns(table)):
                # as actor_ids.apply: a staged id becomes its canonical id, anything else stays
                joins += f" LEFT JOIN actor_ids m{n} ON m{n}.staged_id = t.{column}"
                select[SCHEMAS[table].names.index(column)] = f"coalesce(m{n}.actor_id, t.{column}) AS {column}"
        # Rows of one article sit together, in text order; articles (and so rows) in date order.
        order = [f"t.{k} NULLS FIRST" for k in TABLE[table].sort_key]
        articles = warehouse / "articles.parquet"
        if TABLE[table].sorted_by_article_date and articles.exists():
            joins += (
                f" LEFT JOIN (SELECT article_id, published_at FROM read_parquet({literal(articles)})) a"
                " ON a.article_id = t.article_id"
            )
            order.insert(0, "a.published_at NULLS FIRST")
        sql = f"SELECT {', '.join(select)} FROM staged t{joins} ORDER BY {', '.join(order)}"
        row_group = TEXT_ROW_GROUP_SIZE if table == "articles" else ROW_GROUP_SIZE
        head = None
        with streamed_table(target, SCHEMAS[table], row_group) as out:
            for batch in con.sql(sql).to_arrow_reader(row_group):
                if head is None:
                    head = batch.slice(0, 10).to_pandas()
                out.write(pa.Table.from_batches([batch]))
            checkpoint(f"table:{table}")  # a crash here leaves a half-written temporary file
            out.commit()
    if head is None:
        head = SCHEMAS[table].empty_table().to_pandas()
    return Compacted(out.rows, head)


def _scan(files, schema: pa.Schema) -> pa.RecordBatchReader:
    """The staged files as one stream with the staged schema (older files may lack new columns)."""

    def batches():
        for f in files:
            parquet = pq.ParquetFile(f)
            present = [c for c in schema.names if c in parquet.schema_arrow.names]
            for batch in parquet.iter_batches(batch_size=ROW_GROUP_SIZE, columns=present):
                table = pa.Table.from_batches([batch])
                for c in schema.names:
                    if c not in present:
                        table = table.append_column(c, pa.nulls(len(table), schema.field(c).type))
                yield from table.select(schema.names).cast(schema).to_batches()

    return pa.RecordBatchReader.from_batches(schema, batches())


def _unregistered_mentions(con: duckdb.DuckDBPyConnection, warehouse) -> pd.DataFrame:
    """The staged mentions of actor ids not yet in the registry: all `canonical_ids` needs to
    assign new ids, without holding every mention of the corpus in memory."""
    registry = registry_path(warehouse)
    files = sorted((warehouse / "staging" / "actor_mentions").glob("*.parquet"))
    if not files:
        return STAGED_ACTOR_MENTIONS.empty_table().to_pandas()
    names = ", ".join(STAGED_ACTOR_MENTIONS.names)
    sql = f"SELECT {names} FROM read_parquet({path_list(files)}, union_by_name = true)"
    if registry.exists():
        sql += f"""
            WHERE actor_id IS NULL OR actor_id NOT IN (
                SELECT staged_id FROM read_parquet({literal(registry)}) WHERE staged_id IS NOT NULL
            )"""
    return con.sql(sql).to_arrow_table().cast(STAGED_ACTOR_MENTIONS).to_pandas()


def _table_asset(table: str, deps: list[str]) -> dg.AssetsDefinition:
    @dg.asset(name=table, deps=deps, group_name="tables", kinds={"parquet"}, description=TABLE[table].description)
    def _asset(settings: NewsclaimsSettings) -> dg.MaterializeResult:
        done = compact(settings, table)
        shown = done.head.drop(columns=["text"]) if "text" in done.head.columns else done.head
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": done.rows,
                "dagster/column_schema": column_schema(SCHEMAS[table]),
                "preview": dg.MetadataValue.md(named_preview(shown, table, settings.warehouse)),
            }
        )

    return _asset


articles = _table_asset("articles", ["raw_articles"])
# After `articles`: its check that no input is both reads the two tables.
rejected_inputs = _table_asset("rejected_inputs", ["raw_articles", "articles"])
actor_mentions = _table_asset("actor_mentions", ["extractions", "articles"])
sources = _table_asset("sources", ["extractions", "actors"])
claims = _table_asset("claims", ["extractions", "sources"])
claim_actors = _table_asset("claim_actors", ["claims", "actor_mentions"])
dates = _table_asset("dates", ["claims"])


@dg.asset(deps=["actor_mentions", "articles"], group_name="tables", kinds={"duckdb", "parquet"})
def actors(settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """One row per real-world actor across the whole corpus, with aliases, mention counts and
    the first and last publication dates it appears on.

    Ids derive from the canonical key (ISO code for countries, a spelling-tolerant name for
    people, the normalised name otherwise); people named differently across articles
    ("Zelensky", "Volodymyr Zelenskyy") are joined onto one id that never changes as articles
    arrive (see `actor_ids.py`). The name is the most used full name, the type and code the
    most frequent ones among the mentions.
    """
    df = build_actors(settings.warehouse)
    checkpoint("table:actors")
    write_table(df, settings.warehouse / "actors.parquet", SCHEMAS["actors"])
    return dg.MaterializeResult(metadata=table_metadata(df, SCHEMAS["actors"]))


def build_actors(warehouse) -> pd.DataFrame:
    mentions = read_staged(warehouse / "staging" / "actor_mentions", STAGED_ACTOR_MENTIONS)
    mentions = apply(mentions, canonical_ids(warehouse, mentions), ("actor_id",))
    articles_path = warehouse / "articles.parquet"
    con = duckdb.connect()
    con.register("mentions", mentions)
    return (
        con.execute(
            f"""
        WITH m AS (
            SELECT m.*, CAST(a.published_at AS DATE) AS day
            FROM mentions m LEFT JOIN read_parquet({literal(articles_path)}) a USING (article_id)
        ),
        typed AS (
            SELECT actor_id, actor_type FROM (
                SELECT actor_id, actor_type,
                       row_number() OVER (PARTITION BY actor_id ORDER BY count(*) DESC, actor_type) AS rank
                FROM m GROUP BY actor_id, actor_type
            ) WHERE rank = 1
        ),
        coded AS (
            -- A body named in many countries ('Congress', 'Senate') keeps no code unless most of
            -- its mentions give it the same one; people keep the code any article gives them.
            SELECT actor_id, country_code, country_source FROM (
                SELECT actor_id, country_code, mode(country_source) AS country_source, count(*) AS n,
                       row_number() OVER (PARTITION BY actor_id ORDER BY count(*) DESC, country_code) AS rank
                FROM m WHERE country_code IS NOT NULL GROUP BY actor_id, country_code
            ) JOIN (SELECT actor_id, count(*) AS total FROM m GROUP BY actor_id) USING (actor_id)
            JOIN typed USING (actor_id)
            WHERE rank = 1 AND (actor_type IN ('person', 'country') OR 2 * n >= total)
        ),
        named AS (
            SELECT actor_id, actor_name FROM (
                SELECT actor_id, actor_name,
                       row_number() OVER (
                           PARTITION BY actor_id
                           ORDER BY (actor_type <> 'person' OR actor_name LIKE '% %') DESC,
                                    count(*) DESC, length(actor_name) DESC, actor_name
                       ) AS rank
                FROM m JOIN typed USING (actor_id, actor_type)
                GROUP BY actor_id, actor_name, actor_type
            ) WHERE rank = 1
        )
        SELECT actor_id,
               any_value(named.actor_name) AS name,
               any_value(typed.actor_type) AS actor_type,
               any_value(coded.country_code) AS country_code,
               list_sort(list_distinct(list(text))) AS aliases,
               count(*) AS n_mentions,
               count(DISTINCT article_id) AS n_articles,
               min(day) AS first_seen,
               max(day) AS last_seen,
               any_value(coded.country_source) AS country_source,
               CAST(NULL AS VARCHAR) AS wikidata_id
        FROM m JOIN typed USING (actor_id) JOIN named USING (actor_id) LEFT JOIN coded USING (actor_id)
        GROUP BY actor_id ORDER BY {", ".join(TABLE["actors"].sort_key)}
        """
        )
        .df()
        .pipe(with_wikidata)
    )
