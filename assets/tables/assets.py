"""Tables: the contract's corpus-wide Parquet tables, compacted from every batch's staged rows."""

import dagster as dg
import duckdb
import pandas as pd

from pipelines.metadata import table_metadata
from pipelines.schema import SCHEMAS, STAGED_ACTOR_MENTIONS, STAGED_SCHEMAS
from pipelines.settings import NewsclaimsSettings
from pipelines.storage import read_staged, write_table

from .actor_ids import apply, canonical_ids

# Sort keys: rows of one article sit together, in text order.
SORT_KEYS = {
    "articles": ["published_at", "article_id"],
    "rejected_inputs": ["input_uri"],
    "actor_mentions": ["article_id", "start_char", "end_char"],
    "sources": ["article_id", "start_char", "source_id"],
    "claims": ["article_id", "content_start", "cue_start", "claim_id"],
    "claim_actors": ["claim_id", "mention_id"],
    "dates": ["article_id", "role", "start_char", "date_id"],
}
UPSTREAM = {"articles": "raw_articles", "rejected_inputs": "raw_articles"}
# Columns holding actor ids: staged ids are mapped onto corpus-wide canonical ones (actor_ids.py).
ACTOR_ID_COLUMNS = {
    "actor_mentions": ("actor_id",),
    "sources": ("actor_id", "affiliation_actor_id"),
    "claim_actors": ("actor_id",),
}


def compact(settings: NewsclaimsSettings, table: str) -> pd.DataFrame:
    """Every batch's staged rows of `table` → `<warehouse>/<table>.parquet`, in a stable order."""
    schema = SCHEMAS[table]
    staged = read_staged(settings.warehouse / "staging" / table, STAGED_SCHEMAS[table])
    if table in ACTOR_ID_COLUMNS:
        # actor_mentions assigns ids to actors new to the corpus; the others only read them.
        mapping = canonical_ids(settings.warehouse, update=table == "actor_mentions")
        staged = apply(staged, mapping, ACTOR_ID_COLUMNS[table])
    df = staged[schema.names].sort_values(SORT_KEYS[table], na_position="first", kind="stable")
    df = df.reset_index(drop=True)
    write_table(df, settings.warehouse / f"{table}.parquet", schema)
    return df


def _table_asset(table: str, description: str, deps: list[str]) -> dg.AssetsDefinition:
    @dg.asset(name=table, deps=deps, group_name="tables", kinds={"parquet"}, description=description)
    def _asset(settings: NewsclaimsSettings) -> dg.MaterializeResult:
        df = compact(settings, table)
        shown = df.drop(columns=["text"]) if "text" in df.columns else df
        return dg.MaterializeResult(metadata=table_metadata(shown, SCHEMAS[table]))

    return _asset


articles = _table_asset("articles", "One row per distinct article, with its text and dates.", ["raw_articles"])
rejected_inputs = _table_asset(
    "rejected_inputs", "Every input file or row that did not become an article, with the reason.", ["raw_articles"]
)
actor_mentions = _table_asset(
    "actor_mentions", "One row per mention of an actor in an article.", ["extractions", "articles"]
)
sources = _table_asset(
    "sources",
    "One row per party cited in an article: person, outlet, group or anonymous source.",
    ["extractions", "actors"],
)
claims = _table_asset(
    "claims",
    "One row per attributed statement: what someone said, wrote, believes or intends.",
    ["extractions", "sources"],
)
claim_actors = _table_asset(
    "claim_actors", "Actors each claim is about: the mentions inside its content.", ["claims", "actor_mentions"]
)
dates = _table_asset("dates", "Publication dates, datelines and time expressions with TIMEX3 values.", ["claims"])


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
    write_table(df, settings.warehouse / "actors.parquet", SCHEMAS["actors"])
    return dg.MaterializeResult(metadata=table_metadata(df, SCHEMAS["actors"]))


def build_actors(warehouse) -> pd.DataFrame:
    mentions = read_staged(warehouse / "staging" / "actor_mentions", STAGED_ACTOR_MENTIONS)
    mentions = apply(mentions, canonical_ids(warehouse, mentions), ("actor_id",))
    articles_path = warehouse / "articles.parquet"
    con = duckdb.connect()
    con.register("mentions", mentions)
    return con.execute(
        f"""
        WITH m AS (
            SELECT m.*, CAST(a.published_at AS DATE) AS day
            FROM mentions m LEFT JOIN read_parquet('{articles_path}') a USING (article_id)
        ),
        typed AS (
            SELECT actor_id, actor_type FROM (
                SELECT actor_id, actor_type,
                       row_number() OVER (PARTITION BY actor_id ORDER BY count(*) DESC, actor_type) AS rank
                FROM m GROUP BY actor_id, actor_type
            ) WHERE rank = 1
        ),
        coded AS (
            SELECT actor_id, country_code FROM (
                SELECT actor_id, country_code,
                       row_number() OVER (PARTITION BY actor_id ORDER BY count(*) DESC, country_code) AS rank
                FROM m WHERE country_code IS NOT NULL GROUP BY actor_id, country_code
            ) WHERE rank = 1
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
               max(day) AS last_seen
        FROM m JOIN typed USING (actor_id) JOIN named USING (actor_id) LEFT JOIN coded USING (actor_id)
        GROUP BY actor_id ORDER BY n_mentions DESC, actor_id
        """
    ).df()
